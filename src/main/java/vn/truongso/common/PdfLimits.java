package vn.truongso.common;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code truongso.pdf.*}: how much work one untrusted PDF may cause. Every parse of a PDF that came from outside goes
 * through {@link SafePdf} with these limits, and the heavy work (inspection, verification, keyword search) through
 * {@link PdfWorker}.
 *
 * @param maxPages          pages a document may have
 * @param maxSignatures     signature dictionaries (signatures and document time-stamps)
 * @param maxRevisions      revisions (incremental updates, counted by end-of-file markers)
 * @param maxObjects        indirect objects in the cross-reference table
 * @param maxNesting        depth of nested dictionaries and arrays
 * @param maxStreamSize     decoded size of one stream (a small deflate bomb inflates far beyond it)
 * @param maxDecodedSize    decoded size of all streams together
 * @param mainMemory        memory PDFBox may use per document before it spills to temporary files
 * @param workers           threads doing heavy PDF work at once
 * @param queue             requests waiting for a worker; beyond it the answer is 503 with Retry-After. A waiting
 *                          request costs only its request thread, so the queue is sized for a school's Monday
 *                          morning (fifty uploads at once), not for the two workers
 * @param timeout           longest a request waits for its PDF work
 */
@ConfigurationProperties(prefix = "truongso.pdf")
public record PdfLimits(
        @DefaultValue("2000") int maxPages,
        @DefaultValue("50") int maxSignatures,
        @DefaultValue("100") int maxRevisions,
        @DefaultValue("200000") int maxObjects,
        @DefaultValue("64") int maxNesting,
        @DefaultValue("64MB") DataSize maxStreamSize,
        @DefaultValue("256MB") DataSize maxDecodedSize,
        @DefaultValue("16MB") DataSize mainMemory,
        @DefaultValue("2") int workers,
        @DefaultValue("100") int queue,
        @DefaultValue("60s") Duration timeout) {

    /** The defaults, for callers without Spring (the {@code verify} command, unit tests). */
    public static final PdfLimits DEFAULTS = new PdfLimits(2000, 50, 100, 200_000, 64, DataSize.ofMegabytes(64),
            DataSize.ofMegabytes(256), DataSize.ofMegabytes(16), 2, 100, Duration.ofSeconds(60));
}
