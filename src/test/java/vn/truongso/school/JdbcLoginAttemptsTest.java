package vn.truongso.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import vn.truongso.support.IntegrationTest;

/**
 * Wrong-password counts shared through the database (issue 12): two stores over the one DataSource stand for two
 * nodes. Every test uses keys of its own, so the shared database's other rows do not matter.
 */
@IntegrationTest
class JdbcLoginAttemptsTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    final Clock clock = Clock.systemUTC();

    JdbcLoginAttempts node() {
        return new JdbcLoginAttempts(jdbc, transactions, clock);
    }

    static String fresh(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs each task on its own thread, all released at once, and waits for them. */
    static <T> List<T> atOnce(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return t.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoNodesCountingTheSameKeyAtOnceLoseNoFailure() throws Exception {
        String key = "account:" + fresh("song.song.");
        int perNode = 40;
        List<Callable<Void>> nodes = new ArrayList<>();
        for (JdbcLoginAttempts store : List.of(node(), node())) {
            nodes.add(() -> {
                for (int i = 0; i < perNode; i++) {
                    Instant now = clock.instant();
                    store.update(key, old -> old == null
                            ? new LoginAttempts.Attempts(1, now, null, 0, false, now)
                            : new LoginAttempts.Attempts(old.failures() + 1, old.windowStart(), null, 0, false, now));
                }
                return null;
            });
        }
        atOnce(nodes);
        assertThat(node().get(key).failures()).isEqualTo(2 * perNode);
    }

    @Test
    void twoNodesFailingOneAccountAtOnceLockItExactlyOnce() throws Exception {
        String user = fresh("gv.khoa.");
        List<Object> events = Collections.synchronizedList(new ArrayList<>());
        LoginThrottle a = new LoginThrottle(node(), clock, LoginThrottle.Limits.DEFAULTS, events::add);
        LoginThrottle b = new LoginThrottle(node(), clock, LoginThrottle.Limits.DEFAULTS, events::add);
        // Addresses of their own, so that only the account can lock: 3 + 3 failures, the 5th of them locks.
        List<Callable<Void>> nodes = new ArrayList<>();
        for (LoginThrottle t : List.of(a, b)) {
            String address = "192.0.2." + (t == a ? 1 : 2) + "/" + user;
            nodes.add(() -> {
                for (int i = 0; i < 3; i++) {
                    t.failed(user, address);
                }
                return null;
            });
        }
        atOnce(nodes);
        assertThat(events.stream().filter(LoginFailed.class::isInstance)).hasSize(6);
        assertThat(events.stream().filter(e -> e instanceof LoginLocked l && !l.refusal())).hasSize(1);
        LoginAttempts.Attempts after = node().get("account:" + user);
        assertThat(after.lockCount()).isEqualTo(1);
        assertThat(after.failures()).isEqualTo(1); // the one failure after the lock began
        // The lock set by whichever node holds on both.
        assertThatThrownBy(() -> a.check(user, "198.51.100.9")).isInstanceOf(LoginLockedException.class);
        assertThatThrownBy(() -> b.check(user, "198.51.100.9")).isInstanceOf(LoginLockedException.class);
        // Both nodes refused; the refusal is reported (audited) once per lock, not once per node.
        assertThat(events.stream().filter(e -> e instanceof LoginLocked l && l.refusal())).hasSize(1);
    }

    @Test
    void aSuccessOnOneNodeClearsTheAccountForTheOther() {
        String user = fresh("gv.lan.");
        LoginThrottle a = new LoginThrottle(node(), clock, LoginThrottle.Limits.DEFAULTS, e -> { });
        LoginThrottle b = new LoginThrottle(node(), clock, LoginThrottle.Limits.DEFAULTS, e -> { });
        for (int i = 0; i < 4; i++) {
            a.failed(user, "192.0.2.3/" + user);
        }
        b.succeeded(user, "192.0.2.3/" + user);
        assertThat(node().get("account:" + user)).isNull();
        a.failed(user, "192.0.2.3/" + user); // one, not five: no lock
        a.check(user, "192.0.2.4/" + user);
    }

    @Test
    void quietEntriesAreForgottenAndRunningLocksKept() {
        JdbcLoginAttempts store = node();
        Instant now = clock.instant();
        Instant longAgo = now.minus(Duration.ofHours(25));
        String quiet = "account:" + fresh("quiet.");
        String lockedLongAgoButStill = "account:" + fresh("locked.");
        String recent = "account:" + fresh("recent.");
        store.update(quiet, old -> new LoginAttempts.Attempts(2, longAgo, null, 1, false, longAgo));
        store.update(lockedLongAgoButStill, old -> new LoginAttempts.Attempts(0, longAgo, now.plus(Duration.ofHours(1)),
                3, false, longAgo));
        store.update(recent, old -> new LoginAttempts.Attempts(1, now, null, 0, false, now));
        store.prune();
        assertThat(store.get(quiet)).isNull();
        assertThat(store.get(lockedLongAgoButStill).lockCount()).isEqualTo(3);
        assertThat(store.get(recent).failures()).isEqualTo(1);
    }

    @Test
    void newKeysPruneAsTheyCome() {
        JdbcLoginAttempts store = node();
        Instant longAgo = clock.instant().minus(Duration.ofDays(2));
        String quiet = "address:" + fresh("203.0.113.");
        store.update(quiet, old -> new LoginAttempts.Attempts(1, longAgo, null, 0, false, longAgo));
        LoginThrottle t = new LoginThrottle(store, clock, LoginThrottle.Limits.DEFAULTS, e -> { });
        String flood = fresh("bia.");
        for (int i = 0; i < JdbcLoginAttempts.PRUNE_EVERY; i++) {
            t.failed(flood + i, "192.0.2.5/" + flood);
        }
        assertThat(store.get(quiet)).isNull();
    }

    @Test
    void aVeryLongKeyFitsItsColumnAndStaysApart() {
        JdbcLoginAttempts store = node();
        String start = "address:" + fresh("x").repeat(20);
        Instant now = clock.instant();
        store.update(start + "a", old -> new LoginAttempts.Attempts(1, now, null, 0, false, now));
        store.update(start + "b", old -> new LoginAttempts.Attempts(2, now, null, 0, false, now));
        assertThat(store.get(start + "a").failures()).isEqualTo(1);
        assertThat(store.get(start + "b").failures()).isEqualTo(2);
        assertThat(jdbc.queryForObject("select max(length(attempt_key)) from login_attempt", Integer.class))
                .isLessThanOrEqualTo(120);
    }
}
