package vn.truongso.school;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The counts in the login_attempt table, shared by every node on the database. An update locks the key's row
 * ({@code SELECT ... FOR UPDATE}) in a transaction of its own, so two nodes counting the same account at once
 * wait for each other and neither failure is lost. A key without a row is created with a plain insert; when another
 * node inserted it first, the insert fails and the update runs again on that node's row.
 *
 * <p>Bounded: every {@link #PRUNE_EVERY} new keys, entries quiet for {@link #FORGET_AFTER} without a running lock are
 * deleted, and beyond {@link #MAX_ENTRIES} rows (a flood of invented user names) every entry without a running lock.
 */
class JdbcLoginAttempts implements LoginAttempts {

    private static final Logger log = LoggerFactory.getLogger(JdbcLoginAttempts.class);
    static final int MAX_ENTRIES = 100_000;
    static final int PRUNE_EVERY = 100;
    /** The same as {@link LoginThrottle}'s: a quiet entry would start afresh anyway. */
    static final Duration FORGET_AFTER = Duration.ofHours(24);
    private static final int KEY_LENGTH = 120;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;
    private final Clock clock;
    private final AtomicInteger inserted = new AtomicInteger();

    JdbcLoginAttempts(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactions);
        // Never part of a caller's transaction: a failed insert must not spoil it, and a lock is released at once.
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public Attempts get(String key) {
        List<Attempts> found = jdbc.query("select * from login_attempt where attempt_key = ?",
                JdbcLoginAttempts::row, column(key));
        return found.isEmpty() ? null : found.get(0);
    }

    /** {@code change} may be applied more than once (when another node creates the key meanwhile); the last counts. */
    @Override
    public Attempts update(String key, UnaryOperator<Attempts> change) {
        String k = column(key);
        while (true) {
            Changed changed = newTransaction.execute(s -> {
                List<Attempts> found = jdbc.query("select * from login_attempt where attempt_key = ? for update",
                        JdbcLoginAttempts::row, k);
                if (found.isEmpty()) {
                    return null;
                }
                Attempts after = change.apply(found.get(0));
                if (after == null) {
                    jdbc.update("delete from login_attempt where attempt_key = ?", k);
                } else {
                    jdbc.update("update login_attempt set failures = ?, window_start = ?, locked_until = ?,"
                                    + " lock_count = ?, refusal_reported = ?, last_failure = ? where attempt_key = ?",
                            after.failures(), time(after.windowStart()), time(after.lockedUntil()),
                            after.lockCount(), after.refusalReported(), time(after.lastFailure()), k);
                }
                return new Changed(after);
            });
            if (changed != null) {
                return changed.after();
            }
            Attempts first = change.apply(null);
            if (first == null) {
                return null;
            }
            try {
                newTransaction.executeWithoutResult(s -> jdbc.update("insert into login_attempt (attempt_key,"
                                + " failures, window_start, locked_until, lock_count, refusal_reported, last_failure)"
                                + " values (?, ?, ?, ?, ?, ?, ?)", k, first.failures(), time(first.windowStart()),
                        time(first.lockedUntil()), first.lockCount(), first.refusalReported(),
                        time(first.lastFailure())));
            } catch (DataIntegrityViolationException madeElsewhere) {
                continue; // another node created the key first: count on its row
            }
            if (inserted.incrementAndGet() % PRUNE_EVERY == 0) {
                prune();
            }
            return first;
        }
    }

    /** The result of one locked change (a holder, because a null change is a result too). */
    private record Changed(Attempts after) {
    }

    @Override
    public void forget(String key) {
        jdbc.update("delete from login_attempt where attempt_key = ?", column(key));
    }

    @Override
    public void clear() {
        jdbc.update("delete from login_attempt");
    }

    int size() {
        return jdbc.queryForObject("select count(*) from login_attempt", Integer.class);
    }

    /** Forgets quiet entries, and under a flood every entry without a running lock. */
    void prune() {
        OffsetDateTime now = time(clock.instant());
        jdbc.update("delete from login_attempt where last_failure < ? and (locked_until is null or locked_until < ?)",
                time(clock.instant().minus(FORGET_AFTER)), now);
        if (size() > MAX_ENTRIES) {
            int gone = jdbc.update("delete from login_attempt where locked_until is null or locked_until < ?", now);
            log.warn("Login throttle: more than {} accounts and addresses with wrong passwords; forgot {} unlocked ones",
                    MAX_ENTRIES, gone);
        }
    }

    /** Keys fit the column; a longer one (an odd address) keeps its start and a digest of the whole. */
    static String column(String key) {
        if (key.length() <= KEY_LENGTH) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return key.substring(0, KEY_LENGTH - 65) + "#" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime time(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Attempts row(ResultSet rs, int n) throws SQLException {
        return new Attempts(rs.getInt("failures"), instant(rs, "window_start"), instant(rs, "locked_until"),
                rs.getInt("lock_count"), rs.getBoolean("refusal_reported"), instant(rs, "last_failure"));
    }
}
