package vn.truongso.document;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of a document search: what it is, whose, and its latest version. */
public record DocumentSummary(UUID id, String title, DocumentKind kind, String organisationCode, String owner,
                             int version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
