package vn.truongso.document;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** One immutable state of a document; its bytes are the blob named by {@code sha256}. */
@Entity
@Table(name = "document_version")
class DocumentVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "document_id")
    private Document document;
    private int version;
    private String sha256;
    @Column(name = "size_bytes")
    private long sizeBytes;
    private int pages;
    @Column(name = "file_name")
    private String fileName;
    private String note;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "created_at")
    private Instant createdAt;

    protected DocumentVersion() {
    }

    DocumentVersion(Document document, int version, String sha256, long sizeBytes, int pages, String fileName,
                    String note, String createdBy, Instant createdAt) {
        this.document = document;
        this.version = version;
        this.sha256 = sha256;
        this.sizeBytes = sizeBytes;
        this.pages = pages;
        this.fileName = fileName;
        this.note = note;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    int getVersion() {
        return version;
    }

    String getSha256() {
        return sha256;
    }

    long getSizeBytes() {
        return sizeBytes;
    }

    int getPages() {
        return pages;
    }

    String getFileName() {
        return fileName;
    }

    String getNote() {
        return note;
    }

    String getCreatedBy() {
        return createdBy;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
