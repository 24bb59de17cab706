package vn.truongso.remotesign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * One PKCS#11 token (slot) through the JDK's SunPKCS11 provider, logged in with the user PIN. The provider instance is
 * configured here and used explicitly; it is never added to the global provider list. Private keys are generated inside
 * the token as sensitive, non-extractable objects and stay there: what this class hands out is a key handle.
 */
final class Pkcs11Token {

    private final Provider provider;
    private final KeyStore keyStore;
    private final String description;

    private Pkcs11Token(Provider provider, KeyStore keyStore, String description) {
        this.provider = provider;
        this.keyStore = keyStore;
        this.description = description;
    }

    /**
     * Configures SunPKCS11 for the library and slot and logs in. The PIN is not kept (the token keeps the login) and
     * is in no message this throws.
     *
     * @param slot          the slot id, or null to take the slot at {@code slotListIndex}
     * @throws IllegalStateException with a clear reason when the library, the slot or the PIN does not work
     */
    static Pkcs11Token open(String library, Long slot, int slotListIndex, char[] pin) {
        String where = (slot != null ? "slot " + slot : "slot list index " + slotListIndex) + " of PKCS#11 library "
                + library;
        if (library == null || library.isBlank()) {
            throw new IllegalStateException("truongso.remotesign.key-store is PKCS11 but "
                    + "truongso.remotesign.pkcs11.library (the token's PKCS#11 library) is not set");
        }
        if (!Files.isRegularFile(Path.of(library))) {
            throw new IllegalStateException("PKCS#11 library " + library + " not found "
                    + "(truongso.remotesign.pkcs11.library; SoftHSM2: apt-get install softhsm2)");
        }
        if (pin == null || pin.length == 0) {
            throw new IllegalStateException("No PIN for the PKCS#11 token at " + where
                    + ": set truongso.remotesign.pkcs11.pin (TRUONGSO_PKCS11_PIN)");
        }
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11").configure(config(library, slot, slotListIndex));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot use the PKCS#11 token at " + where + ": " + rootMessage(e), e);
        }
        KeyStore keyStore;
        try {
            keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot log in to the PKCS#11 token at " + where
                    + " (wrong PIN in truongso.remotesign.pkcs11.pin, or the PIN is locked): " + rootMessage(e), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Cannot open the PKCS#11 token at " + where + ": " + rootMessage(e), e);
        }
        return new Pkcs11Token(provider, keyStore, where);
    }

    /**
     * SunPKCS11's inline configuration. Generated private keys: sensitive, non-extractable, private (login needed);
     * they are session objects until {@link #store} makes them token objects under their alias, so a failed issue
     * leaves nothing behind in the token.
     */
    static String config(String library, Long slot, int slotListIndex) {
        return "--name=TruongSo\n"
                + "library=" + library + "\n"
                + (slot != null ? "slot=" + slot : "slotListIndex=" + slotListIndex) + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "  CKA_PRIVATE = true\n"
                + "}\n";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                why.append(" / ").append(t.getMessage());
            }
        }
        return why.toString();
    }

    /** A new RSA key pair made inside the token; the private key is a handle to a non-extractable session object. */
    KeyPair generateRsaKeyPair(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", provider);
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("The PKCS#11 token at " + description + " could not generate a key pair: "
                    + rootMessage(e), e);
        }
    }

    /** Keeps a key made by {@link #generateRsaKeyPair} in the token (as a token object) with its certificate. */
    void store(String alias, PrivateKey key, X509Certificate certificate) {
        try {
            keyStore.setKeyEntry(alias, key, null, new Certificate[] {certificate});
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Cannot store key " + alias + " in the PKCS#11 token: " + rootMessage(e), e);
        }
    }

    /** The token's handle for the key under this alias. */
    PrivateKey privateKey(String alias) {
        try {
            if (keyStore.getKey(alias, null) instanceof PrivateKey key) {
                return key;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Cannot read key " + alias + " from the PKCS#11 token: " + rootMessage(e), e);
        }
        throw new IllegalStateException("The PKCS#11 token at " + description + " holds no key " + alias);
    }

    boolean contains(String alias) {
        try {
            return keyStore.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes a key entry (a credential that never made it into the database). */
    void delete(String alias) {
        try {
            keyStore.deleteEntry(alias);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Cannot delete key " + alias + " from the PKCS#11 token: " + rootMessage(e), e);
        }
    }

    /** The SunPKCS11 instance to sign with (it is not installed globally). */
    Provider provider() {
        return provider;
    }

    static char[] chars(String pin) {
        return pin == null ? new char[0] : pin.toCharArray();
    }

    static void wipe(char[] pin) {
        if (pin != null) {
            Arrays.fill(pin, '\0');
        }
    }

    @Override
    public String toString() {
        return "Pkcs11Token[" + description + "]";
    }
}
