package vn.truongso.verification;

import eu.europa.esig.dss.enumerations.Indication;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import vn.truongso.verification.VerificationReport.Coverage;
import vn.truongso.verification.VerificationReport.Kind;
import vn.truongso.verification.VerificationReport.SignatureReport;
import vn.truongso.verification.VerificationReport.Status;
import vn.truongso.verification.VerificationReport.TimeSource;
import vn.truongso.verification.VerificationReport.Verdict;

/**
 * The rules on top of DSS that decide each signature's status and the document's verdict.
 * <p>
 * A change after signing that is not a later signature, a document timestamp, validation data or metadata (see
 * {@link VerificationReport.ChangeKind#allowed()}) makes the signature INVALID, whatever DSS's indication; so does a
 * malformed /ByteRange. A valid signature without a trusted time is VALID_WITH_WARNINGS, because its signing time is
 * only the signer's claim. The document is as bad as its worst signature.
 */
final class VerdictPolicy {

    private VerdictPolicy() {
    }

    /** Whether DSS passed the token. */
    static boolean passed(Indication i) {
        return i == Indication.TOTAL_PASSED || i == Indication.PASSED;
    }

    /** A signature's signing time is only the signer's claim unless a time-stamp vouches for it. */
    static boolean lacksTrustedTime(Kind kind, TimeSource timeSource) {
        return kind == Kind.SIGNATURE && timeSource != TimeSource.SIGNATURE_TIMESTAMP
                && timeSource != TimeSource.DOCUMENT_TIMESTAMP;
    }

    /** One signature's status from DSS's indication, our coverage findings and the warnings it carries. */
    static Status status(Indication indication, Coverage coverage, List<String> warnings) {
        boolean invalid = indication == Indication.TOTAL_FAILED || indication == Indication.FAILED
                || coverage.changedAfterSigning() || !coverage.byteRangeProblems().isEmpty();
        if (invalid) {
            return Status.INVALID;
        }
        if (!passed(indication)) {
            return Status.INDETERMINATE;
        }
        return warnings.isEmpty() ? Status.VALID : Status.VALID_WITH_WARNINGS;
    }

    /** The document's verdict when no signature could be read: traces of one mean it was removed or broken. */
    static Verdict withoutSignatures(boolean signatureTraces) {
        return signatureTraces ? Verdict.INVALID : Verdict.NO_SIGNATURE;
    }

    /** The document's verdict from its signatures' statuses: the worst one wins. */
    static Verdict verdict(List<SignatureReport> signatures) {
        Set<Status> statuses = signatures.stream().map(SignatureReport::status).collect(Collectors.toSet());
        if (statuses.contains(Status.INVALID)) {
            return Verdict.INVALID;
        }
        if (statuses.contains(Status.INDETERMINATE)) {
            return Verdict.INDETERMINATE;
        }
        return statuses.contains(Status.VALID_WITH_WARNINGS) ? Verdict.VALID_WITH_WARNINGS : Verdict.VALID;
    }
}
