package vn.truongso.remotesign;

import java.util.UUID;

/** A signing credential was issued, imported, suspended, resumed or revoked. Published inside that transaction. */
public record CredentialChanged(UUID credentialId, String holder, Change change, String certificateSerialHex) {

    public enum Change { ISSUED, IMPORTED, SUSPENDED, RESUMED, REVOKED }
}
