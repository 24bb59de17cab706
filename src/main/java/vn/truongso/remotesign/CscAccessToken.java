package vn.truongso.remotesign;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A bearer token of the CSC API, known here only by its SHA-256: the token itself went to the client once. */
@Entity
@Table(name = "csc_access_token")
class CscAccessToken {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;
    private String username;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "expires_at")
    private Instant expiresAt;

    protected CscAccessToken() {
    }

    CscAccessToken(String tokenHash, String username, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.username = username;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    boolean validAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    String getUsername() {
        return username;
    }

    @Override
    public String toString() {
        return "CscAccessToken[" + username + ", until " + expiresAt + "]";
    }
}
