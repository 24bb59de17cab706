package vn.truongso.register;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One line of the incoming register (sổ văn bản đến): accepted with an arrival number, or returned with the reason. */
@Entity
@Table(name = "incoming_register_entry")
class IncomingEntry {

    enum Status { ACCEPTED, RETURNED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_code")
    private String organisationCode;
    @Column(name = "register_year")
    private int year;
    @Column(name = "arrival_number")
    private Integer arrivalNumber;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "document_id")
    private UUID documentId;
    @Column(name = "document_version")
    private int documentVersion;
    @Column(name = "sender_code")
    private String senderCode;
    @Column(name = "sender_name")
    private String senderName;
    private String title;
    @Column(name = "received_by")
    private String receivedBy;
    @Column(name = "received_at")
    private Instant receivedAt;
    private String verdict;
    @Column(name = "verification_summary")
    private String verificationSummary;
    private String acknowledgement;
    /** Title and sender folded for accent-insensitive search. */
    @Column(name = "search_text")
    private String searchText;

    protected IncomingEntry() {
    }

    IncomingEntry(String organisationCode, int year, Integer arrivalNumber, Status status, UUID documentId,
                  int documentVersion, String senderCode, String senderName, String title, String receivedBy,
                  Instant receivedAt, String verdict, String verificationSummary, String acknowledgement) {
        this.organisationCode = organisationCode;
        this.year = year;
        this.arrivalNumber = arrivalNumber;
        this.status = status;
        this.documentId = documentId;
        this.documentVersion = documentVersion;
        this.senderCode = senderCode;
        this.senderName = senderName;
        this.title = title;
        this.receivedBy = receivedBy;
        this.receivedAt = receivedAt;
        this.verdict = verdict;
        this.verificationSummary = verificationSummary;
        this.acknowledgement = acknowledgement;
        this.searchText = vn.truongso.common.TextFolding.searchText(1000, title, senderName, senderCode);
    }

    Long getId() {
        return id;
    }

    String getOrganisationCode() {
        return organisationCode;
    }

    int getYear() {
        return year;
    }

    Integer getArrivalNumber() {
        return arrivalNumber;
    }

    Status getStatus() {
        return status;
    }

    UUID getDocumentId() {
        return documentId;
    }

    int getDocumentVersion() {
        return documentVersion;
    }

    String getSenderCode() {
        return senderCode;
    }

    String getSenderName() {
        return senderName;
    }

    String getTitle() {
        return title;
    }

    String getReceivedBy() {
        return receivedBy;
    }

    Instant getReceivedAt() {
        return receivedAt;
    }

    String getVerdict() {
        return verdict;
    }

    String getVerificationSummary() {
        return verificationSummary;
    }

    String getAcknowledgement() {
        return acknowledgement;
    }
}
