package vn.truongso.signing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A signature prepared on a document and waiting for its signer's confirmation (chữ ký chờ xác nhận). */
@Entity
@Table(name = "pending_signature")
class PendingSignature {

    enum Status {
        /** Prepared, not yet in a sign transaction. */
        PREPARED,
        /** In a sign transaction, waiting for the signer. */
        REQUESTED,
        /** The signer confirmed; the signature value waits to be put into the PDF. */
        CONFIRMED,
        APPLIED,
        REJECTED,
        EXPIRED,
        /** Confirmed, but the document got a new version meanwhile: nothing signed. */
        DOCUMENT_CHANGED
    }

    @Id
    private UUID id;
    @Column(name = "document_id")
    private UUID documentId;
    @Column(name = "base_version")
    private int baseVersion;
    private String signer;
    @Column(name = "signer_role")
    private String signerRole;
    private String label;
    @Column(name = "document_kind")
    private String documentKind;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "increment_bytes")
    private byte[] incrementBytes;
    @Column(name = "signed_attributes")
    private byte[] signedAttributes;
    @Column(name = "chain_der")
    private byte[] chainDer;
    @Column(name = "transaction_id")
    private UUID transactionId;
    @Column(name = "item_index")
    private Integer itemIndex;
    @Column(name = "signature_value")
    private byte[] signatureValue;
    @Column(name = "applied_version")
    private Integer appliedVersion;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "decided_at")
    private Instant decidedAt;
    /** Where the appearance went and why, in Vietnamese (null: no appearance). */
    private String placement;
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected PendingSignature() {
    }

    PendingSignature(UUID documentId, int baseVersion, String signer, String signerRole, String label,
                     String documentKind, String processInstanceId, byte[] incrementBytes, byte[] signedAttributes,
                     List<X509Certificate> chain, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.documentId = documentId;
        this.baseVersion = baseVersion;
        this.signer = signer;
        this.signerRole = signerRole;
        this.label = label;
        this.documentKind = documentKind;
        this.processInstanceId = processInstanceId;
        this.incrementBytes = incrementBytes;
        this.signedAttributes = signedAttributes;
        this.chainDer = der(chain);
        this.status = Status.PREPARED;
        this.createdAt = createdAt;
    }

    PendingSignature placedAt(String placement) {
        this.placement = placement == null || placement.length() <= 400 ? placement : placement.substring(0, 400);
        return this;
    }

    String getPlacement() {
        return placement;
    }

    void requested(UUID transactionId, int itemIndex) {
        this.transactionId = transactionId;
        this.itemIndex = itemIndex;
        this.status = Status.REQUESTED;
    }

    void confirmed(byte[] signatureValue, Instant at) {
        this.signatureValue = signatureValue;
        this.status = Status.CONFIRMED;
        this.decidedAt = at;
    }

    void ended(Status status, Instant at) {
        this.status = status;
        if (decidedAt == null) {
            this.decidedAt = at;
        }
    }

    void applied(int version) {
        this.appliedVersion = version;
        this.status = Status.APPLIED;
    }

    List<X509Certificate> chain() {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(chainDer))
                    .stream().map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored certificate chain unreadable", e);
        }
    }

    private static byte[] der(List<X509Certificate> chain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (X509Certificate c : chain) {
                out.writeBytes(c.getEncoded());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    UUID getId() {
        return id;
    }

    UUID getDocumentId() {
        return documentId;
    }

    int getBaseVersion() {
        return baseVersion;
    }

    String getSigner() {
        return signer;
    }

    String getSignerRole() {
        return signerRole;
    }

    String getLabel() {
        return label;
    }

    String getDocumentKind() {
        return documentKind;
    }

    String getProcessInstanceId() {
        return processInstanceId;
    }

    Status getStatus() {
        return status;
    }

    byte[] getIncrementBytes() {
        return incrementBytes;
    }

    byte[] getSignedAttributes() {
        return signedAttributes;
    }

    UUID getTransactionId() {
        return transactionId;
    }

    Integer getItemIndex() {
        return itemIndex;
    }

    byte[] getSignatureValue() {
        return signatureValue;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getDecidedAt() {
        return decidedAt;
    }

    Integer getAppliedVersion() {
        return appliedVersion;
    }
}
