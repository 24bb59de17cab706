package vn.truongso.verification;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.truongso.common.PdfLimits;
import vn.truongso.common.SafePdf;
import vn.truongso.verification.VerificationReport.ByteRangeProblem;
import vn.truongso.verification.VerificationReport.ChangeKind;

/**
 * Our own look at what a PDF's bytes say about each signature, independent of DSS: is the /ByteRange well formed, does
 * it end where a revision ends, and what did the incremental updates after it change, object by object.
 * <p>
 * DSS's modification detection is good but not enough on its own: on several shadow-attack files it reports nothing
 * (a freed or renumbered object, an xref it cannot follow), and what it does find only warns. So every object that a
 * later revision defines, redefines or frees is compared with the signed revision and must be one of the allowed kinds
 * — a later signature or document timestamp (its new field, widget and appearance), validation data (/DSS), document
 * metadata — or it counts as a change after signing.
 * <p>
 * The stages live in their own classes: {@link ByteRanges} (the raw bytes), {@link XrefSections} (what the later
 * cross-reference sections define and free), {@link PdfState} (one parsed revision), {@link RevisionDiff} (the
 * classification of each touched object) and {@link CosObjects} (comparing objects across states).
 */
final class RevisionAnalyzer {

    private static final Logger log = LoggerFactory.getLogger(RevisionAnalyzer.class);

    /** A signature or document timestamp as DSS found it. */
    record Token(String id, List<Long> byteRange, boolean documentTimestamp) {
    }

    /** What the bytes after a signed revision changed; {@code pages} and {@code objects} say where, when known. */
    record Change(ChangeKind kind, Set<Integer> pages, Set<String> objects) {
    }

    record Findings(long signedLength, boolean coversWholeDocument, int revisionsAfter, int laterSignatures,
                    int laterTimestamps, Set<ByteRangeProblem> byteRangeProblems, List<Change> changes) {
    }

    /** Whether the raw file carries traces of a signature dictionary, readable or not. */
    static boolean mentionsSignature(byte[] pdf) {
        return ByteRanges.mentionsSignature(pdf);
    }

    Map<String, Findings> analyze(byte[] pdf, List<Token> tokens) {
        return analyze(pdf, PdfLimits.DEFAULTS, tokens);
    }

    Map<String, Findings> analyze(byte[] pdf, PdfLimits limits, List<Token> tokens) {
        List<Long> revisionEnds = ByteRanges.revisionEnds(pdf);
        long contentEnd = ByteRanges.contentEnd(pdf);
        Map<String, Findings> out = new LinkedHashMap<>();
        Map<Long, List<Change>> changesBySignedEnd = new HashMap<>();
        try (Documents docs = new Documents(pdf, limits)) {
            for (Token t : tokens) {
                Set<ByteRangeProblem> problems = ByteRanges.problems(pdf, t, tokens);
                long end = problems.contains(ByteRangeProblem.MALFORMED) ? -1 : ByteRanges.signedEnd(t);
                if (end < 0 || end > pdf.length) {
                    out.put(t.id(), new Findings(-1, false, 0, 0, 0, problems, List.of()));
                    continue;
                }
                boolean whole = end >= contentEnd;
                final long signedEnd = end;
                int later = (int) revisionEnds.stream().filter(e -> e > signedEnd).count();
                if (!whole && (revisionEnds.isEmpty() || revisionEnds.get(revisionEnds.size() - 1) < contentEnd)) {
                    later++; // bytes after the last %%EOF form one more, unterminated revision
                }
                int laterSignatures = 0;
                int laterTimestamps = 0;
                for (Token other : tokens) {
                    long otherEnd = ByteRanges.signedEnd(other);
                    if (other != t && otherEnd > end) {
                        if (other.documentTimestamp()) {
                            laterTimestamps++;
                        } else {
                            laterSignatures++;
                        }
                    }
                }
                List<Change> changes = whole ? List.of()
                        : changesBySignedEnd.computeIfAbsent(end, e -> docs.changesAfter(e));
                out.put(t.id(), new Findings(end, whole, later, laterSignatures, laterTimestamps, problems,
                        withLaterTokens(changes, laterSignatures, laterTimestamps)));
            }
        }
        return out;
    }

    /** New signature material only counts as a later signature when DSS found one; otherwise it is a form change. */
    private static List<Change> withLaterTokens(List<Change> changes, int laterSignatures, int laterTimestamps) {
        List<Change> out = new ArrayList<>();
        for (Change c : changes) {
            if (c.kind() == ChangeKind.LATER_SIGNATURE && laterSignatures == 0 && laterTimestamps == 0) {
                out.add(new Change(ChangeKind.FORM_FIELDS, c.pages(), c.objects()));
            } else if (c.kind() == ChangeKind.LATER_SIGNATURE && laterSignatures == 0) {
                out.add(new Change(ChangeKind.DOCUMENT_TIMESTAMP, c.pages(), c.objects()));
            } else {
                out.add(c);
            }
        }
        if (laterTimestamps > 0 && out.stream().noneMatch(c -> c.kind() == ChangeKind.DOCUMENT_TIMESTAMP)) {
            out.add(new Change(ChangeKind.DOCUMENT_TIMESTAMP, Set.of(), Set.of()));
        }
        return out;
    }

    /**
     * The final document, parsed once, and one signed state at a time: a file with many signatures never holds more
     * than two parsed copies at once.
     */
    private static final class Documents implements AutoCloseable {
        private final byte[] pdf;
        private final PdfLimits limits;
        private PDDocument finalDoc;
        private PdfState finalState;

        Documents(byte[] pdf, PdfLimits limits) {
            this.pdf = pdf;
            this.limits = limits;
        }

        List<Change> changesAfter(long signedEnd) {
            try {
                if (finalState == null) {
                    finalDoc = SafePdf.load(pdf, limits);
                    finalState = new PdfState(finalDoc);
                }
                try (PDDocument signedDoc = SafePdf.load(Arrays.copyOf(pdf, (int) signedEnd), limits)) {
                    PdfState signed = new PdfState(signedDoc);
                    return new RevisionDiff(signed, finalState, XrefSections.after(pdf, signedEnd, finalState.doc)).changes();
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Could not compare the signed revision ending at {} with the final document", signedEnd, e);
                return List.of(new Change(ChangeKind.UNREADABLE, Set.of(), Set.of()));
            }
        }

        @Override
        public void close() {
            if (finalDoc != null) {
                try {
                    finalDoc.close();
                } catch (IOException e) {
                    log.debug("closing", e);
                }
            }
        }
    }
}
