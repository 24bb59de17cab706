package vn.truongso.school;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counts in this test's memory, for the throttle's rules on a clock the test moves without a database (the
 * application keeps them in {@link JdbcLoginAttempts}, shared by every node). Bounded like the real one.
 */
class InMemoryLoginAttempts implements LoginAttempts {

    private static final Logger log = LoggerFactory.getLogger(InMemoryLoginAttempts.class);
    static final int MAX_ENTRIES = 10_000;

    private final Map<String, Attempts> entries = new ConcurrentHashMap<>();

    @Override
    public Attempts get(String key) {
        return entries.get(key);
    }

    @Override
    public Attempts update(String key, UnaryOperator<Attempts> change) {
        Attempts result = entries.compute(key, (k, old) -> change.apply(old));
        if (entries.size() > MAX_ENTRIES) {
            prune();
        }
        return result;
    }

    @Override
    public void forget(String key) {
        entries.remove(key);
    }

    @Override
    public void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    private synchronized void prune() {
        if (entries.size() <= MAX_ENTRIES) {
            return;
        }
        Instant now = Instant.now();
        entries.entrySet().removeIf(e -> !e.getValue().lockedAt(now));
        for (Iterator<String> keys = entries.keySet().iterator(); entries.size() > MAX_ENTRIES && keys.hasNext(); ) {
            keys.next();
            keys.remove();
        }
        log.warn("Login throttle: more than {} accounts and addresses with wrong passwords; forgot the unlocked ones",
                MAX_ENTRIES);
    }
}
