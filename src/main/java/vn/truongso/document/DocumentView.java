package vn.truongso.document;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A document as the API shows it. */
public record DocumentView(UUID id, String title, DocumentKind kind, String organisationCode, String owner,
                           int version, String sha256, int pages, long sizeBytes, OffsetDateTime createdAt,
                           List<VersionView> versions) {

    public record VersionView(int version, String sha256, int pages, long sizeBytes, String fileName, String note,
                              String createdBy, OffsetDateTime createdAt) {
    }
}
