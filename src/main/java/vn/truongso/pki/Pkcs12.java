package vn.truongso.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import vn.truongso.pki.SchoolPki.SignerCredential;

/**
 * Password-protected PKCS#12 files, the only place a private key is ever written. The JDK's own PKCS#12 keystore is
 * modern on Java 17: keys and certificates encrypted with PBES2 (PBKDF2-HmacSHA256, AES-256-CBC), HmacSHA256 MAC.
 */
final class Pkcs12 {

    /** Named explicitly, so a legacy default in java.security cannot weaken the key's protection. */
    private static final String KEY_PROTECTION = "PBEWithHmacSHA256AndAES_256";

    private Pkcs12() {
    }

    static byte[] write(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setEntry(alias, new KeyStore.PrivateKeyEntry(key, chain.toArray(new Certificate[0])),
                    new KeyStore.PasswordProtection(password, KEY_PROTECTION, null));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot write PKCS#12 '" + alias + "'", e);
        }
    }

    /** The one key entry of the file with its chain (end entity first). A wrong password fails here. */
    static SignerCredential read(InputStream in, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(in, password);
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) {
                PrivateKey key = (PrivateKey) ks.getKey(alias, password);
                List<X509Certificate> chain = Arrays.stream(ks.getCertificateChain(alias))
                        .map(X509Certificate.class::cast).toList();
                return new SignerCredential(key, chain);
            }
        }
        throw new GeneralSecurityException("No private key in the PKCS#12 file");
    }
}
