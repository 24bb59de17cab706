package vn.truongso.document;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface DocumentHoldRepository extends JpaRepository<DocumentHold, UUID> {

    List<DocumentHold> findByDocumentIdIn(Collection<UUID> documentIds);
}
