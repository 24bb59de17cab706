package vn.truongso.remotesign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.truongso.remotesign.MasterKey.Sealed;

/** AES-256-GCM at rest: round trip, fresh IVs, and any change to ciphertext, IV or associated data is caught. */
class MasterKeyTest {

    static final String TEST_KEY = java.util.Base64.getEncoder().encodeToString(
            "TruongSo-TEST-master-key-32bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    final MasterKey key = new MasterKey(TEST_KEY);
    final byte[] plain = "khóa bí mật của cô Lan".getBytes(StandardCharsets.UTF_8);

    @Test
    void roundTripWithAFreshIvEachTime() {
        Sealed a = key.seal(plain, "cred-1");
        Sealed b = key.seal(plain, "cred-1");
        assertThat(a.iv()).hasSize(12).isNotEqualTo(b.iv());
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext()).hasSize(plain.length + 16);
        assertThat(key.open(a, "cred-1")).isEqualTo(plain);
        assertThat(key.open(b, "cred-1")).isEqualTo(plain);
    }

    @Test
    void aFlippedByteOrAnotherOwnerOrKeyFails() {
        Sealed s = key.seal(plain, "cred-1");
        for (int i = 0; i < s.ciphertext().length; i++) {
            byte[] ct = s.ciphertext().clone();
            ct[i] ^= 0x01;
            assertThatThrownBy(() -> key.open(new Sealed(s.iv(), ct), "cred-1")).isInstanceOf(IllegalStateException.class);
        }
        byte[] iv = s.iv().clone();
        iv[0] ^= 0x01;
        assertThatThrownBy(() -> key.open(new Sealed(iv, s.ciphertext()), "cred-1"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> key.open(s, "cred-2")).isInstanceOf(IllegalStateException.class);
        byte[] other = new byte[32];
        assertThatThrownBy(() -> new MasterKey(other).open(s, "cred-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyA32ByteBase64KeyIsAccepted() {
        assertThatThrownBy(() -> new MasterKey(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new MasterKey("not base64!")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new MasterKey("")).isInstanceOf(IllegalStateException.class);
        assertThat(key.toString()).doesNotContain(TEST_KEY);
    }

    @Test
    void aGeneratedKeyFileIsNeverReadableByOthers(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("keys").resolve("master-key");
        MasterKey generated = new MasterKey("", file.toString());
        // Owner-only from the moment they exist: the file is made with its permissions (never chmod-ed after being
        // written), and the directory we create for it lets nobody else even look inside.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        try (var left = Files.list(file.getParent())) {
            assertThat(left).as("no temporary file left behind").containsExactly(file);
        }
        // The same key comes back on the next start.
        MasterKey again = new MasterKey("", file.toString());
        assertThat(again.open(generated.seal(plain, "cred-1"), "cred-1")).isEqualTo(plain);
    }
}
