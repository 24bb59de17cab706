package vn.truongso.pki;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What the rest of TruongSo may ask of the school PKI. The material (sample by default, see certs-sample/) is loaded
 * once at startup; revocations are shared through the database.
 */
public interface SchoolPki {

    /** The trust anchor (sample root CA). */
    X509Certificate rootCertificate();

    /** The CA that issues signers', TSA and OCSP certificates. */
    X509Certificate issuingCertificate();

    /** A demo signer's key and chain (signer, issuing CA, root), from the sample PKCS#12 files. */
    Optional<SignerCredential> signer(String username);

    /**
     * An RFC 3161 time-stamp token (DER ContentInfo) over a SHA-256 message imprint, from the built-in TSA. Callers
     * that should honour {@code truongso.pki.tsa-url} use {@link TimeStamps} instead.
     *
     * @throws IllegalArgumentException when the digest is not 32 bytes
     */
    byte[] timeStampToken(byte[] sha256Digest);

    /**
     * A signed OCSP response (DER OCSPResponse) for a certificate issued by the issuing CA.
     *
     * @throws IllegalArgumentException for a certificate this PKI did not issue
     */
    byte[] ocspResponse(X509Certificate certificate);

    /** The issuing CA's current CRL (DER), freshly signed. */
    byte[] crl();

    /**
     * Revokes a certificate of the issuing CA; the CRL and OCSP say so from then on.
     *
     * @param crlReason an RFC 5280 CRLReason code: 0, 1, 3, 4, 5 or 9
     * @throws vn.truongso.common.ApiException 404 for a serial this PKI never issued, 409 when already revoked
     */
    void revoke(BigInteger serialNumber, int crlReason);

    /**
     * Whether a certificate of the issuing CA is revoked now (by {@link #revoke} or by an administrator in the PKI's
     * own API). This default reads the current CRL; the PKI itself answers from its revocation list directly.
     */
    default boolean revoked(BigInteger serialNumber) {
        try {
            return ((java.security.cert.X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCRL(new java.io.ByteArrayInputStream(crl()))).getRevokedCertificate(serialNumber) != null;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("The school CRL is unreadable", e);
        }
    }

    /**
     * Issues a signing certificate from the issuing CA for a key made elsewhere (remote signing keeps the private key
     * to itself): the same profile as the sample signers' (digitalSignature + nonRepudiation, CRL DP, AIA with OCSP,
     * sample policy), subject C=VN, O, T, CN, valid for a year within the CA's validity. Revocable with
     * {@link #revoke} and answered by OCSP as long as this process runs.
     */
    X509Certificate issueSigningCertificate(java.security.PublicKey key, String fullName, String title,
                                            String organisationName);

    /**
     * Answers the bytes published at one of the PKI's own URLs (CRL, OCSP via GET, CA certificates), if it is one.
     * "Own" means under the base URL written into the certificates, whatever port this process listens on, so a
     * validator can be fed in-process.
     */
    Optional<byte[]> fetch(String url);

    /**
     * The in-process twin of an HTTP POST to the PKI's own OCSP or TSA URL (under the certificates' base URL):
     * answers the DER OCSPResponse or TimeStampResp, or empty when the URL is not one of them.
     */
    Optional<byte[]> post(String url, byte[] body);

    /** A private key with its chain; the key never leaves the process (no API returns it, nothing logs it). */
    record SignerCredential(java.security.PrivateKey privateKey, List<X509Certificate> chain) {
        public X509Certificate certificate() {
            return chain.get(0);
        }

        /** Never the key, should a credential end up in a log line. */
        @Override
        public String toString() {
            return "SignerCredential[" + certificate().getSubjectX500Principal().getName() + "]";
        }
    }
}
