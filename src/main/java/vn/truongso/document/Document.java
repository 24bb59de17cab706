package vn.truongso.document;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "document")
class Document {

    @Id
    private UUID id;
    private String title;
    @Enumerated(EnumType.STRING)
    private DocumentKind kind;
    @Column(name = "organisation_code")
    private String organisationCode;
    @Column(name = "owner_username")
    private String ownerUsername;
    /** The owner's subject group when uploaded: the group's head may read it. */
    @Column(name = "owner_group_id")
    private String ownerGroupId;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "current_version")
    private int currentVersion;
    @Version
    @Column(name = "row_version")
    private long rowVersion;
    /** The title folded for accent-insensitive search. */
    @Column(name = "search_text")
    private String searchText;

    @OneToMany(mappedBy = "document", cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @OrderBy("version ASC")
    private List<DocumentVersion> versions = new ArrayList<>();

    protected Document() {
    }

    Document(String title, DocumentKind kind, String organisationCode, String ownerUsername, String ownerGroupId,
             Instant createdAt) {
        this.id = UUID.randomUUID();
        this.title = title;
        this.kind = kind;
        this.organisationCode = organisationCode;
        this.ownerUsername = ownerUsername;
        this.ownerGroupId = ownerGroupId;
        this.createdAt = createdAt;
        this.searchText = vn.truongso.common.TextFolding.searchText(1000, title);
    }

    DocumentVersion addVersion(String sha256, long size, int pages, String fileName, String note, String by,
                               Instant at) {
        currentVersion++;
        DocumentVersion v = new DocumentVersion(this, currentVersion, sha256, size, pages, fileName, note, by, at);
        versions.add(v);
        return v;
    }

    DocumentVersion version(int n) {
        return versions.stream().filter(v -> v.getVersion() == n).findFirst().orElse(null);
    }

    DocumentVersion latest() {
        return version(currentVersion);
    }

    UUID getId() {
        return id;
    }

    String getTitle() {
        return title;
    }

    DocumentKind getKind() {
        return kind;
    }

    String getOrganisationCode() {
        return organisationCode;
    }

    String getOwnerUsername() {
        return ownerUsername;
    }

    String getOwnerGroupId() {
        return ownerGroupId;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    int getCurrentVersion() {
        return currentVersion;
    }

    List<DocumentVersion> getVersions() {
        return versions;
    }
}
