package vn.truongso.signing;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The remote signing service as the signing steps need it: whose certificate signs, and a sign transaction the signer
 * confirms on their phone. Implemented by the remotesign module, which answers the decision with a
 * {@link SignatureConfirmationDecided} event in the same database transaction.
 */
public interface SignatureConfirmations {

    /**
     * The signer's certificate, its issuing CA and the root.
     *
     * @throws vn.truongso.common.ApiException 409 when the signer has no credential that can sign
     */
    List<X509Certificate> chain(String username);

    /** Opens one transaction for all these digests; the signer confirms them at once. */
    Opened open(String username, String reason, String displayText, List<DigestToSign> digests);

    /** Ends a transaction still waiting, so that it can no longer be confirmed. Does nothing otherwise. */
    void expire(UUID transactionId);

    record Opened(UUID id, Instant expiresAt) {
    }
}
