package vn.truongso.school;

import java.time.Instant;

/**
 * An account ({@code username} set) or an address ({@code username} null) locked after too many wrong passwords
 * ({@code refusal} false), or a sign-in refused during such a lock (reported once per lock, {@code refusal} true).
 */
public record LoginLocked(String username, String address, Instant until, boolean refusal) {

    public boolean addressBlock() {
        return username == null;
    }
}
