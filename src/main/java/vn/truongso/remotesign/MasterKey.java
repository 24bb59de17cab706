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
    MasterKey(RemoteSignProperties properties) {
        this(properties.masterKey(), properties.masterKeyFile());
    }

    MasterKey(String base64, String file) {
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
                byte[] raw = new byte[32];
                RANDOM.nextBytes(raw);
                writeOwnerOnly(path, Base64.getEncoder().encodeToString(raw));
                log.warn("Remote signing: generated a master key at {} for this embedded installation. "
                        + "Production must set TRUONGSO_MASTER_KEY instead.", path);
            }
            return java.nio.file.Files.readString(path).strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read or create the master key file " + path, e);
        }
    }

    /**
     * Never readable by others, not even for a moment: a directory we create is owner-only, the key is written into
     * a temporary file created owner-only (not chmod-ed afterwards) and then linked into place, so the key file
     * appears whole or not at all.
     */
    private static void writeOwnerOnly(java.nio.file.Path path, String content) throws java.io.IOException {
        java.nio.file.Path dir = path.getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!java.nio.file.Files.isDirectory(dir)) {
            if (posix) {
                java.nio.file.Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions
                        .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            } else {
                java.nio.file.Files.createDirectories(dir); // Windows: the data directory's own ACL applies
            }
        }
        java.nio.file.Path tmp = posix
                ? java.nio.file.Files.createTempFile(dir, ".master-key", ".tmp", java.nio.file.attribute
                        .PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions
                                .fromString("rw-------")))
                : java.nio.file.Files.createTempFile(dir, ".master-key", ".tmp");
        try {
            java.nio.file.Files.writeString(tmp, content);
            try {
                // A hard link fails when the name exists: never replaces a key another process made meanwhile (that
                // one is read instead, and nothing sealed under ours is lost).
                java.nio.file.Files.createLink(path, tmp);
            } catch (java.nio.file.FileAlreadyExistsException madeMeanwhile) {
                // keep theirs
            } catch (UnsupportedOperationException noLinks) {
                java.nio.file.Files.move(tmp, path);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
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
