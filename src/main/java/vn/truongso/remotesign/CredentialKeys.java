package vn.truongso.remotesign;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import vn.truongso.pki.SchoolPki;
import vn.truongso.signing.KeyPairSignatureProvider;
import vn.truongso.signing.SignatureValueProvider;

/**
 * A credential's key material, in memory only for as long as one signing takes: its certificate and chain, its
 * private key (decrypted with the master key, or the PKCS#11 token's handle for it) and the signatures made with it.
 * Not a bean: {@link Credentials} holds it and answers for it, inside its transactions.
 */
final class CredentialKeys {

    private final MasterKey masterKey;
    private final SchoolPki pki;
    private final CredentialKeyStore keyStore;

    CredentialKeys(MasterKey masterKey, SchoolPki pki, CredentialKeyStore keyStore) {
        this.masterKey = masterKey;
        this.pki = pki;
        this.keyStore = keyStore;
    }

    X509Certificate certificate(Credential c) {
        try {
            String b64 = c.getCertificatePem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    List<X509Certificate> chain(Credential c) {
        return List.of(certificate(c), pki.issuingCertificate(), pki.rootCertificate());
    }

    /**
     * SOFTWARE: the key, decrypted for as long as one signing takes. PKCS11: the token's handle for it (the key
     * itself cannot leave the token).
     */
    PrivateKey privateKey(Credential c) {
        if (c.getKeyStore() == KeyStorage.PKCS11) {
            return keyStore.token().privateKey(c.getKeyAlias());
        }
        byte[] pkcs8 = masterKey.open(c.key(), Credential.keyAad(c.getId()));
        try {
            return KeyFactory.getInstance(certificate(c).getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the credential's key", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * Signatures over SHA-256 digests with the credential's key, wherever it is: PKCS#1 v1.5 over the DigestInfo for
     * RSA, DER-encoded ECDSA for EC, as the PAdES signer expects. A software key is decrypted for these signatures
     * only; a token key signs inside its PKCS#11 token. Sign transactions and the CSC API both sign here, after their
     * own checks.
     */
    List<byte[]> sign(Credential c, List<byte[]> sha256Digests) {
        SignatureValueProvider provider = signer(c);
        return sha256Digests.stream().map(provider::signDigest).toList();
    }

    private SignatureValueProvider signer(Credential c) {
        List<X509Certificate> chain = List.of(certificate(c));
        if (c.getKeyStore() == KeyStorage.PKCS11) {
            Pkcs11Token token = keyStore.token();
            return new KeyPairSignatureProvider(token.privateKey(c.getKeyAlias()), chain, token.provider());
        }
        return new KeyPairSignatureProvider(privateKey(c), chain);
    }

    static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
