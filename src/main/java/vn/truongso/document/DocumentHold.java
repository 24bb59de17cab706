package vn.truongso.document;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A process's hold on a document: the version it reviews and signs (phiên bản được ghim). */
@Entity
@Table(name = "document_hold")
class DocumentHold {

    @Id
    @Column(name = "document_id")
    private UUID documentId;
    private String holder;
    @Column(name = "pinned_version")
    private int pinnedVersion;
    @Column(name = "pinned_sha256")
    private String pinnedSha256;
    /** The process gave the document back to its owner for a new version (its own revise step). */
    private boolean revising;
    @Column(name = "held_at")
    private Instant heldAt;
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected DocumentHold() {
    }

    DocumentHold(UUID documentId, String holder, Instant at) {
        this.documentId = documentId;
        this.holder = holder;
        this.heldAt = at;
    }

    void pin(int version, String sha256) {
        this.pinnedVersion = version;
        this.pinnedSha256 = sha256;
        this.revising = false;
    }

    void openForRevision() {
        this.revising = true;
    }

    UUID getDocumentId() {
        return documentId;
    }

    String getHolder() {
        return holder;
    }

    int getPinnedVersion() {
        return pinnedVersion;
    }

    String getPinnedSha256() {
        return pinnedSha256;
    }

    boolean isRevising() {
        return revising;
    }
}
