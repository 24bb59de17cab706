package vn.truongso.pki;

import java.math.BigInteger;
import java.time.Instant;

/** One revoked certificate of the issuing CA, as stored and as the CRL and the OCSP responder report it. */
record Revocation(BigInteger serial, RevocationReason reason, Instant revokedAt, String revokedBy) {
}
