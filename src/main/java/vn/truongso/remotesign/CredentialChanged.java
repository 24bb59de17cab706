package vn.truongso.remotesign;

import java.util.UUID;

/**
 * A signing credential was issued, imported, suspended, resumed or revoked, or its second factor (TOTP) was enrolled,
 * re-enrolled with the current code, refused a re-enrolment, or reset by an administrator. Published inside that
 * transaction.
 */
public record CredentialChanged(UUID credentialId, String holder, Change change, String certificateSerialHex) {

    public enum Change {
        ISSUED, IMPORTED, SUSPENDED, RESUMED, REVOKED, TOTP_ENROLLED, TOTP_RE_ENROLLED, TOTP_REFUSED, TOTP_RESET
    }
}
