package vn.truongso.document;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface DocumentRepository extends JpaRepository<Document, UUID> {
}
