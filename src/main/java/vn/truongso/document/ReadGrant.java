package vn.truongso.document;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Read access to a document beyond its owner and organisation: an organisation it was sent to, or one person. */
@Entity
@Table(name = "document_read_grant")
class ReadGrant {

    enum Kind { ORG, USER }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "document_id")
    private UUID documentId;
    @Column(name = "grantee_kind")
    private String granteeKind;
    private String grantee;
    @Column(name = "granted_at")
    private Instant grantedAt;

    protected ReadGrant() {
    }

    ReadGrant(UUID documentId, Kind kind, String grantee, Instant grantedAt) {
        this.documentId = documentId;
        this.granteeKind = kind.name();
        this.grantee = grantee;
        this.grantedAt = grantedAt;
    }
}
