package vn.truongso.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/**
 * Signs digests with a private key held by this process (e.g. a demo signer's PKCS#12 key), or with a handle to a key
 * in a PKCS#11 token together with the token's provider (which is not installed globally, so it must be named).
 */
public final class KeyPairSignatureProvider implements SignatureValueProvider {

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final Provider provider;

    public KeyPairSignatureProvider(PrivateKey key, List<X509Certificate> chain) {
        this(key, chain, null);
    }

    /** @param provider the provider that holds the key (e.g. a SunPKCS11 instance), or null for the default ones */
    public KeyPairSignatureProvider(PrivateKey key, List<X509Certificate> chain, Provider provider) {
        this.key = key;
        this.chain = List.copyOf(chain);
        this.provider = provider;
    }

    private Signature signature(String algorithm) throws GeneralSecurityException {
        return provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
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
                Signature rsa = signature("NONEwithRSA");
                rsa.initSign(key);
                rsa.update(digestInfo);
                return rsa.sign();
            }
            Signature ec = signature("NONEwithECDSA");
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
