package vn.truongso.remotesign;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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

/** One confirmation the signer gives for one or many digests (giao dịch ký). */
@Entity
@Table(name = "sign_transaction")
class SignTransaction {

    @Id
    private UUID id;
    @Column(name = "credential_id")
    private UUID credentialId;
    private String username;
    private String reason;
    @Column(name = "display_text")
    private String displayText;
    @Enumerated(EnumType.STRING)
    private SignTransactionStatus status;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "reject_reason")
    private String rejectReason;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "sign_transaction_item", joinColumns = @JoinColumn(name = "transaction_id"))
    @OrderColumn(name = "item_index")
    private List<Item> items = new ArrayList<>();
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    /** One digest to sign; the signature value once signed. Hex and base64 keep the table portable. */
    @Embeddable
    static class Item {
        private String label;
        private String sha256;
        @Column(name = "signature_value")
        private String signatureValue;

        protected Item() {
        }

        Item(String label, String sha256) {
            this.label = label;
            this.sha256 = sha256;
        }

        String getLabel() {
            return label;
        }

        String getSha256() {
            return sha256;
        }

        String getSignatureValue() {
            return signatureValue;
        }
    }

    protected SignTransaction() {
    }

    SignTransaction(UUID credentialId, String username, String reason, String displayText, List<Item> items,
                    Instant createdAt, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.credentialId = credentialId;
        this.username = username;
        this.reason = reason;
        this.displayText = displayText;
        this.items.addAll(items);
        this.status = SignTransactionStatus.PENDING;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** PENDING past its expiry reads as EXPIRED even before anyone writes that down. */
    SignTransactionStatus statusAt(Instant now) {
        return lapsed(now) ? SignTransactionStatus.EXPIRED : status;
    }

    /** Still PENDING in the table, but its time is up. */
    boolean lapsed(Instant now) {
        return status == SignTransactionStatus.PENDING && !now.isBefore(expiresAt);
    }

    void expire() {
        status = SignTransactionStatus.EXPIRED;
        decidedAt = expiresAt;
    }

    void signed(List<String> signatureValues, Instant at) {
        for (int i = 0; i < items.size(); i++) {
            items.get(i).signatureValue = signatureValues.get(i);
        }
        status = SignTransactionStatus.SIGNED;
        decidedAt = at;
    }

    void reject(String why, Instant at) {
        status = SignTransactionStatus.REJECTED;
        rejectReason = why;
        decidedAt = at;
    }

    UUID getId() {
        return id;
    }

    SignTransactionStatus getStatus() {
        return status;
    }

    UUID getCredentialId() {
        return credentialId;
    }

    String getUsername() {
        return username;
    }

    String getReason() {
        return reason;
    }

    String getDisplayText() {
        return displayText;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }

    Instant getDecidedAt() {
        return decidedAt;
    }

    String getRejectReason() {
        return rejectReason;
    }

    List<Item> getItems() {
        return items;
    }
}
