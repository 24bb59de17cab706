package vn.truongso.pki;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** What the rest of TruongSo may ask of the school PKI. */
public interface SchoolPki {

    /** The trust anchor (sample root CA). */
    X509Certificate rootCertificate();

    /** The CA that issues signers', TSA and OCSP certificates. */
    X509Certificate issuingCertificate();

    /** A demo signer's key and chain (signer, issuing CA, root), from the sample PKCS#12 files. */
    Optional<SignerCredential> signer(String username);

    /** An RFC 3161 time-stamp token (DER ContentInfo) over a SHA-256 message imprint, from the built-in TSA. */
    byte[] timeStampToken(byte[] sha256Digest);

    /** A signed OCSP response (DER OCSPResponse) for a certificate issued by the issuing CA. */
    byte[] ocspResponse(X509Certificate certificate);

    /** The issuing CA's current CRL (DER). */
    byte[] crl();

    /** Revokes a certificate of the issuing CA; the CRL and OCSP say so from then on. */
    void revoke(BigInteger serialNumber, int crlReason);

    /** Answers the bytes published at one of the PKI's own URLs (CRL, OCSP via GET, CA certificates), if it is one. */
    Optional<byte[]> fetch(String url);

    record SignerCredential(java.security.PrivateKey privateKey, List<X509Certificate> chain) {
        public X509Certificate certificate() {
            return chain.get(0);
        }
    }
}
