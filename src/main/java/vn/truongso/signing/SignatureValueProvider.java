package vn.truongso.signing;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where a signature value comes from. It receives only the SHA-256 digest of what is signed (the CMS signed
 * attributes), so the private key can live anywhere: in memory, in an HSM, behind a remote signing service.
 */
public interface SignatureValueProvider {

    /** The signer's certificate first, then its issuers up to (and optionally including) the root. */
    List<X509Certificate> chain();

    /**
     * The raw signature over a SHA-256 digest: PKCS#1 v1.5 for RSA keys, DER-encoded ECDSA for EC keys.
     */
    byte[] signDigest(byte[] sha256Digest);
}
