package vn.truongso.verification;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What verifying a PDF's signatures found, for people (the Vietnamese {@code summary} lines) and for programs (the
 * rest). Times are in Asia/Ho_Chi_Minh (+07:00).
 *
 * @param verdict        the document as a whole
 * @param summary        one Vietnamese sentence for the user
 * @param signatureCount signatures, not counting document timestamps
 * @param signatures     every signature and document timestamp, in the order they were made
 * @param notes          Vietnamese remarks about the document as a whole (e.g. a signature that could not be read)
 */
public record VerificationReport(Verdict verdict, String summary, int signatureCount, long fileSize, String sha256,
                                 OffsetDateTime validatedAt, List<SignatureReport> signatures, List<String> notes) {

    public enum Verdict {
        /** every signature is valid, chains to a trust anchor, and nothing but allowed changes followed it */
        VALID,
        /** valid, but with something the reader should know (e.g. no trusted time: the signing time is only claimed) */
        VALID_WITH_WARNINGS,
        /** nothing is wrong with the bytes, but validity cannot be established (e.g. untrusted chain, no revocation data) */
        INDETERMINATE,
        /** a signature is broken, or the document was changed after signing in a way that is not allowed */
        INVALID,
        NO_SIGNATURE
    }

    /** The same scale for one signature. */
    public enum Status { VALID, VALID_WITH_WARNINGS, INDETERMINATE, INVALID }

    public enum Kind { SIGNATURE, DOCUMENT_TIMESTAMP }

    /** Where the shown signing time comes from. */
    public enum TimeSource {
        /** an RFC 3161 time-stamp over the signature (trusted time) */
        SIGNATURE_TIMESTAMP,
        /** a document time-stamp made after the signature: the signature existed by then */
        DOCUMENT_TIMESTAMP,
        /** the time-stamp token itself (for a document timestamp) */
        TIMESTAMP_TOKEN,
        /** the /M entry of the PDF signature dictionary: written by the signer's software, not attested */
        CLAIMED_BY_SIGNER,
        NONE
    }

    /** What happened to the file after a signature; the first four are allowed, the rest are not. */
    public enum ChangeKind {
        LATER_SIGNATURE, DOCUMENT_TIMESTAMP, VALIDATION_DATA, METADATA,
        PAGE_APPEARANCE, PAGE_COUNT, PAGE_CONTENT, ANNOTATIONS, FORM_FIELDS, DOCUMENT_STRUCTURE, OTHER_OBJECTS,
        UNEXPLAINED_BYTES, UNREADABLE;

        public boolean allowed() {
            return ordinal() <= METADATA.ordinal();
        }
    }

    /** Problems with a /ByteRange itself, found by reading the bytes. */
    public enum ByteRangeProblem {
        /** not four numbers starting at 0 with a gap in between */
        MALFORMED,
        /** reaches past the end of the file */
        BEYOND_FILE,
        /** the unsigned gap holds more than the signature value: something can hide there */
        GAP_NOT_SIGNATURE_VALUE,
        /** the signed bytes do not end where a revision of the file ends */
        NOT_AT_REVISION_END,
        /** overlaps another signature's signed revision or signs the same revision */
        OVERLAP
    }

    /**
     * One signature or document timestamp.
     *
     * @param signer             the signer's name (common name of the signing certificate; the TSA for a timestamp)
     * @param signingTime        the best signing time there is, see {@code signingTimeSource}
     * @param claimedSigningTime the signer's own claim (/M), whatever the best time is
     * @param level              the PAdES level as DSS determines it, e.g. PAdES-BASELINE-LT (PKCS7-B for a plain
     *                           adbe.pkcs7.detached signature; PAdES-DOCUMENT-TIMESTAMP for a document timestamp)
     * @param indication         DSS's conclusion: TOTAL_PASSED, INDETERMINATE or TOTAL_FAILED
     * @param warnings           Vietnamese caveats that lower the status
     * @param dssErrors          DSS's own messages (English), for support staff
     */
    public record SignatureReport(String id, Kind kind, String fieldName, Status status, String summary,
                                  String signer, String signerSubject,
                                  OffsetDateTime signingTime, TimeSource signingTimeSource,
                                  OffsetDateTime claimedSigningTime, List<TimestampInfo> timestamps,
                                  Coverage coverage, List<CertificateInfo> certificateChain, boolean trusted,
                                  RevocationInfo revocation, String level, String indication, String subIndication,
                                  List<String> warnings, List<String> dssErrors, List<String> dssWarnings) {
    }

    /**
     * What the signature covers and what changed after it.
     *
     * @param wholeDocument       the signed bytes are the whole file (trailing whitespace aside)
     * @param signedBytes         length of the signed revision
     * @param revisionsAfter      incremental updates written after it
     * @param changedAfterSigning a change that is not allowed followed the signature
     */
    public record Coverage(boolean wholeDocument, List<Long> byteRange, long signedBytes, long fileBytes,
                           int revisionsAfter, boolean changedAfterSigning, List<Change> changes,
                           List<ByteRangeProblem> byteRangeProblems) {
    }

    /**
     * @param detectedBy DSS (its modification detection) and/or TRUONGSO (our object-by-object comparison)
     * @param objects    the PDF objects concerned as we found them, e.g. "8 0 R" (at most 20 listed)
     * @param dssPaths   the same as DSS names them, e.g. "/Catalog /Pages 13 0 R /Kids 14 0 R" (at most 20)
     */
    public record Change(ChangeKind kind, boolean allowed, List<Integer> pages, List<String> objects,
                         List<String> dssPaths, List<String> detectedBy, String description) {
    }

    /** @param indication DSS's result for the time-stamp token itself */
    public record TimestampInfo(String type, OffsetDateTime time, String producedBy, String indication) {
    }

    public record CertificateInfo(String subject, String commonName, String issuer, String serialNumber,
                                  OffsetDateTime notBefore, OffsetDateTime notAfter, boolean trustAnchor,
                                  boolean selfSigned, RevocationInfo revocation) {
    }

    /**
     * The most recent revocation data DSS had for a certificate.
     *
     * @param status  GOOD, REVOKED, UNKNOWN, or NOT_CHECKED (trust anchors, or no data at all)
     * @param type    CRL or OCSP
     * @param source  where that data came from: EMBEDDED_DSS (the document's /DSS), EMBEDDED_SIGNATURE (inside a CMS
     *                signature or time-stamp), FETCHED (from the school PKI during this verification), or NONE
     * @param sources every source that had data for the certificate
     */
    public record RevocationInfo(String status, String type, String source, List<String> sources, String url,
                                 OffsetDateTime issuedAt, OffsetDateTime revokedAt, String reason,
                                 String description) {
    }
}
