package vn.truongso.enrolment;

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

/** One paper of an application: a document the parent (or the clerk) uploaded. */
@Entity
@Table(name = "enrolment_paper")
class EnrolmentPaper {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "application_id")
    private UUID applicationId;
    @Column(name = "document_id")
    private UUID documentId;
    @Enumerated(EnumType.STRING)
    private PaperKind kind;
    @Column(name = "added_at")
    private Instant addedAt;

    protected EnrolmentPaper() {
    }

    EnrolmentPaper(UUID applicationId, UUID documentId, PaperKind kind, Instant addedAt) {
        this.applicationId = applicationId;
        this.documentId = documentId;
        this.kind = kind;
        this.addedAt = addedAt;
    }

    UUID getApplicationId() { return applicationId; }
    UUID getDocumentId() { return documentId; }
    PaperKind getKind() { return kind; }
    Instant getAddedAt() { return addedAt; }
}
