package vn.truongso.document;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ReadGrantRepository extends JpaRepository<ReadGrant, Long> {

    boolean existsByDocumentIdAndGranteeKindAndGrantee(UUID documentId, String granteeKind, String grantee);
}
