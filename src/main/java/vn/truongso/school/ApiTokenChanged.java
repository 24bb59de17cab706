package vn.truongso.school;

import java.time.Instant;

/**
 * A bearer token of /api was issued to or revoked by its user, for the audit trail. Carries neither the token nor its
 * hash: who, what, and until when it was valid.
 */
public record ApiTokenChanged(String username, Change change, Instant expiresAt) {

    public enum Change { ISSUED, REVOKED }
}
