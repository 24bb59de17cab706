package vn.truongso.school;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Wrong passwords slow down and lock, per account and per address, for every way of signing in with a password
 * (HTTP Basic on /api, /engine-rest, the CSC login, the Camunda login form): {@link ThrottledAuthentication} asks
 * here before any password hash is computed. An account is locked after {@link Limits#accountMaxFailures} wrong
 * passwords within {@link Limits#window}, an address after {@link Limits#addressMaxFailures} (across any accounts);
 * each new lock lasts longer ({@link Limits#locks}) until a success. While locked, even the right password is refused.
 * Every failure and lock is published ({@link LoginFailed}, {@link LoginLocked}) for the audit trail.
 */
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /**
     * @param locks how long the first, second, … lock lasts; the last one repeats
     */
    @ConfigurationProperties(prefix = "truongso.login")
    public record Limits(@DefaultValue("5") int accountMaxFailures, @DefaultValue("50") int addressMaxFailures,
                         @DefaultValue("15m") Duration window, @DefaultValue({"15m", "1h", "24h"}) List<Duration> locks) {

        public static final Limits DEFAULTS = new Limits(5, 50, Duration.ofMinutes(15),
                List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(24)));

        Duration lock(int n) {
            return locks.get(Math.min(n, locks.size() - 1));
        }
    }

    /** Quiet entries (no failure for this long, no lock) are forgotten, escalation included. */
    private static final Duration FORGET_AFTER = Duration.ofHours(24);

    private final LoginAttempts store;
    private final Clock clock;
    private final Limits limits;
    private final ApplicationEventPublisher events;

    public LoginThrottle(LoginAttempts store, Clock clock, Limits limits, ApplicationEventPublisher events) {
        this.store = store;
        this.clock = clock;
        this.limits = limits;
        this.events = events;
    }

    public Limits limits() {
        return limits;
    }

    /** The account key: user names differing in case or surrounding spaces are one account. */
    static String normalise(String username) {
        String u = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return u.length() > 64 ? u.substring(0, 64) : u;
    }

    /**
     * Before the password is checked (so a locked account or blocked address costs no hash).
     *
     * @throws LoginLockedException when the address is blocked or the account locked
     */
    public void check(String username, String address) {
        Instant now = clock.instant();
        refuseIfLocked("address:" + address, null, address, now);
        refuseIfLocked("account:" + normalise(username), normalise(username), address, now);
    }

    private void refuseIfLocked(String key, String username, String address, Instant now) {
        LoginAttempts.Attempts a = store.get(key);
        if (a == null || !a.lockedAt(now)) {
            return;
        }
        boolean[] first = {false};
        store.update(key, old -> {
            first[0] = false;
            if (old == null || old.refusalReported()) {
                return old;
            }
            first[0] = true;
            return new LoginAttempts.Attempts(old.failures(), old.windowStart(), old.lockedUntil(), old.lockCount(),
                    true, old.lastFailure());
        });
        if (first[0]) {
            events.publishEvent(new LoginLocked(username, address, a.lockedUntil(), true));
        }
        throw new LoginLockedException(a.lockedUntil(), username == null);
    }

    /** A wrong password (or unknown user): counted for the account and for the address. */
    public void failed(String username, String address) {
        Instant now = clock.instant();
        String user = normalise(username);
        events.publishEvent(new LoginFailed(user, address));
        count("account:" + user, user, address, limits.accountMaxFailures(), now);
        count("address:" + address, null, address, limits.addressMaxFailures(), now);
    }

    private void count(String key, String username, String address, int max, Instant now) {
        boolean[] lockedNow = {false};
        LoginAttempts.Attempts after = store.update(key, old -> {
            lockedNow[0] = false;
            LoginAttempts.Attempts a = old;
            if (a != null && !a.lockedAt(now) && a.lastFailure().plus(FORGET_AFTER).isBefore(now)) {
                a = null; // quiet for a day: start afresh, escalation included
            }
            if (a == null) {
                a = new LoginAttempts.Attempts(0, now, null, 0, false, now);
            }
            boolean windowOver = a.windowStart().plus(limits.window()).isBefore(now);
            int failures = (windowOver ? 0 : a.failures()) + 1;
            Instant windowStart = windowOver ? now : a.windowStart();
            if (failures >= max && !a.lockedAt(now)) {
                lockedNow[0] = true;
                return new LoginAttempts.Attempts(0, now, now.plus(limits.lock(a.lockCount())), a.lockCount() + 1,
                        false, now);
            }
            return new LoginAttempts.Attempts(failures, windowStart, a.lockedUntil(), a.lockCount(),
                    a.refusalReported(), now);
        });
        if (lockedNow[0]) {
            log.warn("Login throttle: {} locked until {} after {} wrong passwords",
                    username == null ? "address " + address : "account " + username, after.lockedUntil(), max);
            events.publishEvent(new LoginLocked(username, address, after.lockedUntil(), false));
        }
    }

    /** A right password: the account starts afresh. The address does not (one known account must not launder it). */
    public void succeeded(String username, String address) {
        // Every authenticated request passes here: a plain delete, not a locked read-modify-write.
        store.forget("account:" + normalise(username));
    }

    /** Forgets every count and lock (tests; an operator lifting all locks). */
    public void forgetAll() {
        store.clear();
    }
}
