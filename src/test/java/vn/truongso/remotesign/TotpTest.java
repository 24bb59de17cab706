package vn.truongso.remotesign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B test vectors, and base32 as authenticator apps read it. */
class TotpTest {

    static final byte[] SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SHA512 = ("12345678901234567890123456789012345678901234567890123456789012345678901234")
            .substring(0, 64).getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc6238Vectors() {
        long[] times = {59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L};
        String[] sha1 = {"94287082", "07081804", "14050471", "89005924", "69279037", "65353130"};
        String[] sha256 = {"46119246", "68084774", "67062674", "91819424", "90698825", "77737706"};
        String[] sha512 = {"90693936", "25091201", "99943326", "93441116", "38618901", "47863826"};
        for (int i = 0; i < times.length; i++) {
            long step = Totp.step(times[i]);
            assertThat(Totp.code("HmacSHA1", SHA1, step, 8)).isEqualTo(sha1[i]);
            assertThat(Totp.code("HmacSHA256", SHA256, step, 8)).isEqualTo(sha256[i]);
            assertThat(Totp.code("HmacSHA512", SHA512, step, 8)).isEqualTo(sha512[i]);
            // Six digits are the last six of the eight (the same number mod 10^6).
            assertThat(Totp.code(SHA1, step)).isEqualTo(sha1[i].substring(2));
        }
    }

    @Test
    void acceptsOneStepEitherSideOnly() {
        long now = Totp.step(1234567890L);
        assertThat(Totp.matchingStep(SHA1, Totp.code(SHA1, now), now)).isEqualTo(now);
        assertThat(Totp.matchingStep(SHA1, Totp.code(SHA1, now - 1), now)).isEqualTo(now - 1);
        assertThat(Totp.matchingStep(SHA1, Totp.code(SHA1, now + 1), now)).isEqualTo(now + 1);
        assertThat(Totp.matchingStep(SHA1, Totp.code(SHA1, now - 2), now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(SHA1, Totp.code(SHA1, now + 2), now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(SHA1, "12345", now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(SHA1, null, now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(SHA1, "abcdef", now)).isEqualTo(-1);
    }

    @Test
    void base32RoundTrip() {
        assertThat(Totp.base32("Hello!".getBytes(StandardCharsets.US_ASCII))).isEqualTo("JBSWY3DPEE");
        assertThat(Totp.fromBase32("JBSWY3DPEHPK3PXP"))
                .isEqualTo(new byte[] {'H', 'e', 'l', 'l', 'o', '!', (byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
        byte[] secret = Totp.newSecret();
        assertThat(secret).hasSize(20);
        assertThat(Totp.fromBase32(Totp.base32(secret))).isEqualTo(secret);
        assertThat(Totp.base32(secret)).hasSize(32).matches("[A-Z2-7]+");
    }
}
