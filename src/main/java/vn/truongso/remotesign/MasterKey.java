package vn.truongso.remotesign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts signers' private keys and TOTP secrets at rest: AES-256-GCM, a fresh 96-bit IV each time, and the owner's
 * id as associated data so a ciphertext copied onto another row does not open. The key comes from configuration
 * ({@code truongso.remotesign.master-key}), never from the database it protects.
 */
@Component
class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    /** What is stored: IV and ciphertext (with its 128-bit tag). */
    record Sealed(byte[] iv, byte[] ciphertext) {
    }

    /**
     * The configured key; the embedded default, which configures none, keeps a random key of its own in a file under
     * its data directory (created on first start, owner-only) so no key ever sits in the repository. Production sets
     * {@code TRUONGSO_MASTER_KEY} and has no file fallback (application-prod.yml).
     */
    @org.springframework.beans.factory.annotation.Autowired
    MasterKey(@Value("${truongso.remotesign.master-key:}") String base64,
              @Value("${truongso.remotesign.master-key-file:}") String file) {
        this(decode(base64 == null || base64.isBlank() ? fromFile(file) : base64));
    }

    MasterKey(String base64) {
        this(decode(base64));
    }

    private static String fromFile(String file) {
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("No master key: set truongso.remotesign.master-key (TRUONGSO_MASTER_KEY)");
        }
        java.nio.file.Path path = java.nio.file.Path.of(file).toAbsolutePath();
        try {
            if (!java.nio.file.Files.exists(path)) {
                java.nio.file.Files.createDirectories(path.getParent());
                byte[] raw = new byte[32];
                RANDOM.nextBytes(raw);
                java.nio.file.Files.writeString(path, Base64.getEncoder().encodeToString(raw));
                try {
                    java.nio.file.Files.setPosixFilePermissions(path,
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the data directory's own permissions apply.
                }
                log.warn("Remote signing: generated a master key at {} for this embedded installation. "
                        + "Production must set TRUONGSO_MASTER_KEY instead.", path);
            }
            return java.nio.file.Files.readString(path).strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read or create the master key file " + path, e);
        }
    }

    MasterKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalStateException("truongso.remotesign.master-key must be 32 bytes (AES-256), base64");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("truongso.remotesign.master-key is not base64");
        }
    }

    Sealed seal(byte[] plain, String aad) {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return new Sealed(iv, c.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /** @throws IllegalStateException when the ciphertext, IV or associated data was changed (or another key) */
    byte[] open(Sealed sealed, String aad) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed.iv()));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("Encrypted key material failed its integrity check");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[AES-256]";
    }
}
