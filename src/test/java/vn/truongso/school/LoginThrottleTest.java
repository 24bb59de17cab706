package vn.truongso.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wrong passwords slow down and lock per account and per address (issue 13, hole 6), on a clock the test moves. */
class LoginThrottleTest {

    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-03-02T01:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovingClock clock = new MovingClock();
    final List<Object> events = new ArrayList<>();
    final LoginThrottle throttle = new LoginThrottle(new InMemoryLoginAttempts(), clock, LoginThrottle.Limits.DEFAULTS,
            events::add);

    void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.check(user, address);
            throttle.failed(user, address);
        }
    }

    Duration lockLeft(String user, String address) {
        try {
            throttle.check(user, address);
            return Duration.ZERO;
        } catch (LoginLockedException e) {
            return Duration.between(clock.instant(), e.until());
        }
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAndEachNewLockLastsLonger() {
        fail("gv.lan", "10.0.0.1", 4);
        assertThat(lockLeft("gv.lan", "10.0.0.1")).isZero();
        fail("gv.lan", "10.0.0.1", 1);
        assertThat(lockLeft("gv.lan", "10.0.0.1")).isEqualTo(Duration.ofMinutes(15));
        // From another address too: the account is locked, not the address.
        assertThat(lockLeft("gv.lan", "10.9.9.9")).isEqualTo(Duration.ofMinutes(15));
        assertThat(lockLeft("tt.hung", "10.0.0.1")).isZero();

        clock.advance(Duration.ofMinutes(15));
        fail("gv.lan", "10.0.0.2", 5);
        assertThat(lockLeft("gv.lan", "10.0.0.2")).isEqualTo(Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        fail("gv.lan", "10.0.0.3", 5);
        assertThat(lockLeft("gv.lan", "10.0.0.3")).isEqualTo(Duration.ofHours(24));

        assertThat(events).filteredOn(e -> e instanceof LoginFailed).hasSize(15);
        assertThat(events).filteredOn(e -> e instanceof LoginLocked l && !l.refusal()).hasSize(3);
        assertThat(events).filteredOn(e -> e instanceof LoginLocked l && l.refusal()).hasSize(3); // one per lock
        LoginLockedException refusal = (LoginLockedException) org.assertj.core.api.Assertions.catchThrowable(
                () -> throttle.check("gv.lan", "10.0.0.3"));
        assertThat(refusal.vietnameseMessage()).startsWith("Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần")
                .contains("thử lại sau");
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        fail("gv.lan", "10.0.0.1", 4);
        clock.advance(Duration.ofMinutes(16));
        fail("gv.lan", "10.0.0.1", 4);
        assertThat(lockLeft("gv.lan", "10.0.0.1")).isZero();
    }

    @Test
    void aSuccessResetsTheAccountCounterAndTheEscalation() {
        fail("gv.lan", "10.0.0.1", 4);
        throttle.succeeded("gv.lan", "10.0.0.1");
        fail("gv.lan", "10.0.0.1", 4);
        assertThat(lockLeft("gv.lan", "10.0.0.1")).isZero();

        fail("gv.lan", "10.0.0.1", 1);
        clock.advance(Duration.ofMinutes(15));
        throttle.succeeded("gv.lan", "10.0.0.1");
        fail("gv.lan", "10.0.0.1", 5);
        assertThat(lockLeft("gv.lan", "10.0.0.1")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void usernamesDifferingOnlyInCaseOrSpacesShareOneCounter() {
        fail("GV.LAN", "10.0.0.1", 2);
        fail(" gv.lan ", "10.0.0.1", 3);
        assertThat(lockLeft("gv.lan", "10.0.0.1")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anAddressFailingAcrossManyAccountsIsBlockedForEveryAccount() {
        int limit = LoginThrottle.Limits.DEFAULTS.addressMaxFailures();
        for (int i = 0; i < limit; i++) {
            fail("khong.co." + i, "203.0.113.7", 1);
        }
        assertThatThrownBy(() -> throttle.check("ht.mai", "203.0.113.7")).isInstanceOfSatisfying(
                LoginLockedException.class, e -> assertThat(e.vietnameseMessage()).contains("địa chỉ"));
        assertThatCode(() -> throttle.check("ht.mai", "198.51.100.1")).doesNotThrowAnyException();
        // A success from the blocked address does not lift the block: one known account must not launder the rest.
        throttle.succeeded("ht.mai", "203.0.113.7");
        assertThat(lockLeft("vt.hoa", "203.0.113.7")).isEqualTo(Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(15));
        assertThat(lockLeft("vt.hoa", "203.0.113.7")).isZero();
    }
}
