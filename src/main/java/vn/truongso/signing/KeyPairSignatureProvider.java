package vn.truongso.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/** Signs digests with a private key held by this process (e.g. a demo signer's PKCS#12 key). */
public final class KeyPairSignatureProvider implements SignatureValueProvider {

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    public KeyPairSignatureProvider(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    @Override
    public List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public byte[] signDigest(byte[] sha256Digest) {
        try {
            if ("RSA".equals(key.getAlgorithm())) {
                // NONEwithRSA pads what it is given, so give it the DigestInfo that SHA256withRSA would build.
                byte[] digestInfo = new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256,
                        DERNull.INSTANCE), sha256Digest).getEncoded("DER");
                Signature rsa = Signature.getInstance("NONEwithRSA");
                rsa.initSign(key);
                rsa.update(digestInfo);
                return rsa.sign();
            }
            Signature ec = Signature.getInstance("NONEwithECDSA");
            ec.initSign(key);
            ec.update(sha256Digest);
            return ec.sign();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    /** The key is not part of any text this object produces. */
    @Override
    public String toString() {
        return "KeyPairSignatureProvider[" + chain.get(0).getSubjectX500Principal().getName() + "]";
    }
}
