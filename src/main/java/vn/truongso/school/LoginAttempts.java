package vn.truongso.school;

import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Where the wrong-password counts of accounts and addresses are kept: {@link JdbcLoginAttempts} in the database,
 * shared by every node (issue 12); the unit tests keep them in memory.
 */
public interface LoginAttempts {

    /**
     * The counts of one account or address.
     *
     * @param failures        wrong passwords in the current window
     * @param windowStart     when the current window began
     * @param lockedUntil     locked (or blocked) until then; null when not
     * @param lockCount       lock-outs since the last success: each new one lasts longer
     * @param refusalReported whether a refusal during the current lock was already reported (audited once per lock)
     * @param lastFailure     the latest wrong password, to forget quiet entries
     */
    record Attempts(int failures, Instant windowStart, Instant lockedUntil, int lockCount, boolean refusalReported,
                    Instant lastFailure) {

        boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    /** The counts under this key, or null. */
    Attempts get(String key);

    /**
     * Changes the counts under this key atomically, also against other nodes; a null result forgets the key. Answers
     * the new counts. {@code change} may run more than once (a retry): only what its last run decided counts.
     */
    Attempts update(String key, UnaryOperator<Attempts> change);

    /** Forgets the counts under this key: one statement, no lock (a right password, on every request). */
    void forget(String key);

    /** Forgets everything (tests, and an operator lifting every lock). */
    void clear();
}
