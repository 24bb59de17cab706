package vn.truongso.school;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.Secrets;

/**
 * Bearer tokens of /api: 256 random bits (base64url) handed to the client once, kept only as their SHA-256 in the
 * {@code api_token} table. No cache: every node reads the one table, so a token made on one node works on all and a
 * revocation holds on all at once; the check is one primary-key read. Neither the token nor its hash is ever logged.
 * Issuing and revoking publish {@link ApiTokenChanged} (the audit trail records it) in the same transaction as the
 * row, so a token is never made or ended without its entry.
 */
class ApiTokens {

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration ttl;
    private final ApplicationEventPublisher events;

    ApiTokens(JdbcTemplate jdbc, Clock clock, ApiTokenProperties properties, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = properties.ttl();
        this.events = events;
    }

    /** A token as handed out: the secret itself exists only in this answer. */
    record Issued(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[hidden, until " + expiresAt + "]";
        }
    }

    /** A new token for someone who just proved their password; rows past their expiry are deleted meanwhile. */
    @Transactional
    Issued issue(String username) {
        Instant now = clock.instant();
        // Tokens are only made here, so cleaning here keeps the table bounded by the tokens of one TTL.
        jdbc.update("delete from api_token where expires_at < ?", time(now));
        String token = Secrets.randomSecret();
        Instant expires = now.plus(ttl);
        jdbc.update("insert into api_token (token_hash, username, created_at, expires_at) values (?, ?, ?, ?)",
                Secrets.sha256Hex(token), username, time(now), time(expires));
        log.info("API token issued to {} until {}", username, expires);
        events.publishEvent(new ApiTokenChanged(username, ApiTokenChanged.Change.ISSUED, expires));
        return new Issued(token, expires);
    }

    /** The user of a live token (not expired, not revoked); empty for anything else, whichever it is. */
    Optional<String> userOf(String token) {
        if (!wellFormed(token)) {
            return Optional.empty(); // not one of ours: no database read
        }
        List<String> found = jdbc.queryForList("select username from api_token where token_hash = ?"
                + " and revoked_at is null and expires_at > ?", String.class, Secrets.sha256Hex(token),
                time(clock.instant()));
        return found.stream().findFirst();
    }

    /** Ends this token of this user; answers whether a live one was ended. */
    @Transactional
    boolean revoke(String username, String token) {
        if (!wellFormed(token)) {
            return false;
        }
        String hash = Secrets.sha256Hex(token);
        List<OffsetDateTime> expires = jdbc.queryForList("select expires_at from api_token where token_hash = ?"
                + " and username = ? and revoked_at is null", OffsetDateTime.class, hash, username);
        int ended = jdbc.update("update api_token set revoked_at = ? where token_hash = ? and username = ?"
                + " and revoked_at is null", time(clock.instant()), hash, username);
        if (ended > 0) {
            log.info("API token of {} revoked", username);
            events.publishEvent(new ApiTokenChanged(username, ApiTokenChanged.Change.REVOKED,
                    expires.isEmpty() ? null : expires.get(0).toInstant()));
        }
        return ended > 0;
    }

    /** What {@link #randomSecret} makes: 43 base64url characters (so junk costs no hash and no query). */
    static boolean wellFormed(String token) {
        return token != null && token.length() == 43 && token.chars().allMatch(c -> (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }

    private static OffsetDateTime time(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
