package vn.truongso.remotesign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.Secrets;

/**
 * Bearer tokens of the CSC API: 256 random bits handed to the client once, kept here only as their SHA-256 in the
 * database (so every node knows them), good for {@code truongso.remotesign.csc.token-ttl} (1 hour).
 */
@Service
@Transactional
class CscTokens {

    private static final Logger log = LoggerFactory.getLogger(CscTokens.class);

    private final CscAccessTokenRepository repo;
    private final Clock clock;
    private final Duration ttl;

    CscTokens(CscAccessTokenRepository repo, Clock clock, RemoteSignProperties properties) {
        this.repo = repo;
        this.clock = clock;
        this.ttl = properties.csc().tokenTtl();
    }

    record Issued(String token, long expiresInSeconds) {
        @Override
        public String toString() {
            return "Issued[hidden, " + expiresInSeconds + " s]";
        }
    }

    enum State { VALID, EXPIRED, UNKNOWN }

    record Check(State state, String username) {
    }

    /** A new token for someone who just proved their password; tokens past their time are forgotten meanwhile. */
    Issued issue(String username) {
        Instant now = clock.instant();
        repo.deleteExpired(now);
        String token = Secrets.randomSecret();
        repo.save(new CscAccessToken(Secrets.sha256Hex(token), username, now, now.plus(ttl)));
        log.info("CSC API: access token issued to {} for {} s", username, ttl.toSeconds());
        return new Issued(token, ttl.toSeconds());
    }

    @Transactional(readOnly = true)
    Check check(String token) {
        if (token == null || token.isBlank()) {
            return new Check(State.UNKNOWN, null);
        }
        return repo.findById(Secrets.sha256Hex(token.strip()))
                .map(t -> new Check(t.validAt(clock.instant()) ? State.VALID : State.EXPIRED, t.getUsername()))
                .orElse(new Check(State.UNKNOWN, null));
    }

    /** Ends a token of the caller's; anyone else's token (or none) is left alone, and the answer is the same. */
    void revoke(String username, String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        repo.findById(Secrets.sha256Hex(token.strip())).filter(t -> t.getUsername().equals(username)).ifPresent(t -> {
            repo.delete(t);
            log.info("CSC API: access token of {} revoked", username);
        });
    }

}
