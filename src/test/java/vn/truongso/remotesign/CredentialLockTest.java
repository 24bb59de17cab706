package vn.truongso.remotesign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The lock after wrong one-time codes grows with every new lock-out, and a right code starts again (issue 13, 11). */
class CredentialLockTest {

    static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

    /** Five wrong codes at {@code at}; answers how long the lock they cause lasts. */
    static Duration lockAfterFiveWrongCodes(Credential c, Instant at) {
        for (int i = 1; i < Credentials.MAX_FAILED_CODES; i++) {
            assertThat(c.failedAttempt(at, Credentials.MAX_FAILED_CODES, Credentials.LOCK_FOR)).isFalse();
        }
        assertThat(c.failedAttempt(at, Credentials.MAX_FAILED_CODES, Credentials.LOCK_FOR)).isTrue();
        assertThat(c.lockedAt(at)).isTrue();
        return Duration.between(at, c.getLockedUntil());
    }

    @Test
    void eachNewLockOutLastsLongerUntilARightCode() {
        Credential c = new Credential(UUID.randomUUID(), "gv.khoa", "pem", "01", T0);
        Instant at = T0;
        assertThat(lockAfterFiveWrongCodes(c, at)).isEqualTo(Duration.ofMinutes(15));
        at = c.getLockedUntil();
        assertThat(lockAfterFiveWrongCodes(c, at)).isEqualTo(Duration.ofHours(1));
        at = c.getLockedUntil();
        assertThat(lockAfterFiveWrongCodes(c, at)).isEqualTo(Duration.ofHours(24));
        at = c.getLockedUntil();
        assertThat(lockAfterFiveWrongCodes(c, at)).isEqualTo(Duration.ofHours(24));

        c.used(42);
        assertThat(lockAfterFiveWrongCodes(c, at)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anAdministratorsResumeAlsoStartsAgain() {
        Credential c = new Credential(UUID.randomUUID(), "gv.khoa", "pem", "01", T0);
        lockAfterFiveWrongCodes(c, T0);
        lockAfterFiveWrongCodes(c, c.getLockedUntil());
        c.setStatus(Credential.Status.ACTIVE);
        assertThat(lockAfterFiveWrongCodes(c, T0.plus(Duration.ofDays(1)))).isEqualTo(Duration.ofMinutes(15));
    }
}
