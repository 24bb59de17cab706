package vn.truongso.verification;

import eu.europa.esig.dss.validation.reports.Reports;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Service;
import vn.truongso.common.ApiException;
import vn.truongso.common.PdfLimits;
import vn.truongso.common.PdfWorker;
import vn.truongso.common.SafePdf;
import vn.truongso.pki.SchoolPki;
import vn.truongso.verification.ReportAssembler.DssToken;
import vn.truongso.verification.RevisionAnalyzer.Findings;
import vn.truongso.verification.RevisionAnalyzer.Token;
import vn.truongso.verification.VerificationReport.Kind;

/**
 * Verifies the signatures and document timestamps of a PDF: EU DSS for the ETSI validation (integrity, chain, trust,
 * revocation, PAdES level), our own reading of the revisions for what changed after each signature.
 * <p>
 * Trust anchors come from {@code truongso.verification.trust-anchors} (Spring resource locations of PEM files) plus the
 * school PKI's root when there is a {@link SchoolPki}. Revocation data is what the document embeds, else the CRL the
 * school PKI publishes, fetched in-process: verification never opens a network connection.
 */
@Service
public class PdfVerifier {

    private static final Logger log = LoggerFactory.getLogger(PdfVerifier.class);

    /** For callers without Spring (the command, tests): one worker with the default limits. */
    private static final class Standalone {
        static final PdfWorker WORKER = new PdfWorker(PdfLimits.DEFAULTS);
    }

    private final Supplier<DssValidation> setup;
    private final Clock clock;
    private final PdfWorker worker;
    private final RevisionAnalyzer analyzer = new RevisionAnalyzer();
    private final ReportAssembler assembler = new ReportAssembler();
    private volatile DssValidation dss;

    /** Configured anchors are read now (a broken file fails the start); the PKI and DSS are set up on first use. */
    @Autowired
    PdfVerifier(VerificationProperties properties, ResourceLoader resources, ObjectProvider<SchoolPki> pki,
                Clock clock, PdfWorker worker) {
        this(setupWithPki(TrustAnchors.fromResources(properties.trustAnchors(), resources), pki, worker.limits()),
                clock, worker);
    }

    /** The same, on the standalone worker with the default limits (tests). */
    PdfVerifier(VerificationProperties properties, ResourceLoader resources, ObjectProvider<SchoolPki> pki,
                Clock clock) {
        this(properties, resources, pki, clock, Standalone.WORKER);
    }

    /** Without Spring (command line, tests): these anchors, and the school PKI if not null. */
    PdfVerifier(List<X509Certificate> trustAnchors, SchoolPki pki, Clock clock) {
        this(() -> new DssValidation(List.copyOf(trustAnchors), new PkiDataLoader(pki), PdfLimits.DEFAULTS), clock,
                Standalone.WORKER);
    }

    private PdfVerifier(Supplier<DssValidation> setup, Clock clock, PdfWorker worker) {
        this.setup = setup;
        this.clock = clock;
        this.worker = worker;
    }

    /**
     * Runs on the bounded PDF worker: a file beyond {@code truongso.pdf.*} or one that takes too long is refused.
     *
     * @throws ApiException 400 DOCUMENT_NOT_PDF when the bytes are not a PDF at all, DOCUMENT_CORRUPT or
     *                      DOCUMENT_ENCRYPTED when PDFBox cannot read it; 422 PDF_TOO_COMPLEX; 503 PDF_BUSY
     */
    public VerificationReport verify(byte[] pdf) {
        if (pdf == null || !looksLikePdf(pdf)) {
            throw ApiException.badRequest("DOCUMENT_NOT_PDF", "Tệp không phải là tệp PDF.");
        }
        return worker.run(() -> {
            SafePdf.checkLimits(pdf, worker.limits());
            return verifyWithinLimits(pdf);
        });
    }

    private VerificationReport verifyWithinLimits(byte[] pdf) {
        String sha256 = sha256(pdf);
        DssValidation validation = dss();
        Reports reports;
        try {
            reports = validation.validate(pdf);
        } catch (RuntimeException e) {
            log.warn("DSS could not read a PDF (sha256 {}): {}", sha256, e.toString());
            return assembler.unreadable(pdf, sha256, clock.instant());
        }
        List<DssToken> tokens = ReportAssembler.tokens(reports.getDiagnosticData());
        Map<String, Findings> findings = analyzer.analyze(pdf, worker.limits(), tokens.stream()
                .map(t -> new Token(t.id(), t.byteRange(), t.kind() == Kind.DOCUMENT_TIMESTAMP)).toList());
        return assembler.assemble(pdf, sha256, clock.instant(), reports, tokens, findings);
    }

    /** DSS is set up on first use and then shared: trust anchors, data loader and policy are built once. */
    private DssValidation dss() {
        DssValidation d = dss;
        if (d == null) {
            synchronized (this) {
                d = dss;
                if (d == null) {
                    d = setup.get();
                    dss = d;
                }
            }
        }
        return d;
    }

    private static Supplier<DssValidation> setupWithPki(List<X509Certificate> configured,
                                                        ObjectProvider<SchoolPki> pki, PdfLimits limits) {
        return () -> {
            List<X509Certificate> anchors = new ArrayList<>(configured);
            SchoolPki schoolPki = pki.getIfAvailable();
            if (schoolPki != null) {
                anchors.add(schoolPki.rootCertificate());
            }
            log.info("Signature verification trusts {} anchor(s); revocation data from {}", anchors.size(),
                    schoolPki == null ? "the documents only" : "the documents and the school PKI");
            return new DssValidation(anchors, new PkiDataLoader(schoolPki), limits);
        };
    }

    private static boolean looksLikePdf(byte[] pdf) {
        String head = new String(pdf, 0, Math.min(pdf.length, 1024), StandardCharsets.ISO_8859_1);
        return head.contains("%PDF-");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
