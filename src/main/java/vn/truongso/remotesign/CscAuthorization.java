package vn.truongso.remotesign;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What one credentials/authorize of the CSC API allows: signing exactly these SHA-256 hashes, each once and at most
 * {@code numSignatures} in all, with this credential, by its owner, until it expires. The SAD (signature activation
 * data) that stands for it is known here only by its SHA-256. Two signHash calls at once: the row version lets one
 * commit.
 */
@Entity
@Table(name = "csc_authorization")
class CscAuthorization {

    @Id
    @Column(name = "sad_hash")
    private String sadHash;
    @Column(name = "credential_id")
    private UUID credentialId;
    private String username;
    @Column(name = "num_signatures")
    private int numSignatures;
    @Column(name = "signatures_used")
    private int signaturesUsed;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "csc_authorization_hash", joinColumns = @JoinColumn(name = "sad_hash"))
    @OrderColumn(name = "item_index")
    private List<Hash> hashes = new ArrayList<>();
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    /** One authorised hash (hex) and whether it has been signed. */
    @Embeddable
    static class Hash {
        private String sha256;
        private boolean used;

        protected Hash() {
        }

        Hash(String sha256) {
            this.sha256 = sha256;
        }
    }

    protected CscAuthorization() {
    }

    CscAuthorization(String sadHash, UUID credentialId, String username, List<String> sha256Hex, Instant createdAt,
                     Instant expiresAt) {
        this.sadHash = sadHash;
        this.credentialId = credentialId;
        this.username = username;
        this.numSignatures = sha256Hex.size();
        sha256Hex.forEach(h -> hashes.add(new Hash(h)));
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    int remaining() {
        return numSignatures - signaturesUsed;
    }

    /** Every hash must be authorised and not yet signed (a hash authorised twice may be signed twice). */
    boolean allows(List<String> sha256Hex) {
        List<String> open = new ArrayList<>(hashes.stream().filter(h -> !h.used).map(h -> h.sha256).toList());
        for (String h : sha256Hex) {
            if (!open.remove(h)) {
                return false;
            }
        }
        return true;
    }

    /** Call after {@link #allows}: marks each hash signed. */
    void signed(List<String> sha256Hex) {
        for (String h : sha256Hex) {
            hashes.stream().filter(x -> !x.used && x.sha256.equals(h)).findFirst().orElseThrow().used = true;
            signaturesUsed++;
        }
    }

    UUID getCredentialId() {
        return credentialId;
    }

    String getUsername() {
        return username;
    }

    @Override
    public String toString() {
        return "CscAuthorization[" + credentialId + ", " + signaturesUsed + "/" + numSignatures + "]";
    }
}
