package vn.truongso.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * What one audit entry says, before it gets its place (sequence number) and hashes in the chain.
 *
 * @param occurredAt    when, to the microsecond (what the database keeps)
 * @param actor         a username, or {@link AuditLog#SYSTEM} for the job executor
 * @param organisation  the school or office the entry belongs to (who may read it)
 * @param action        a stable code, e.g. DOCUMENT_UPLOADED
 * @param digestBefore  SHA-256 hex of the document version before the action, if any
 * @param digestAfter   SHA-256 hex of the document version after it, if any
 * @param remoteAddress the client's address, or {@link AuditLog#SYSTEM} outside an HTTP request
 */
record AuditRecord(Instant occurredAt, String actor, String organisation, String action, String targetType,
                   String targetId, UUID documentId, String digestBefore, String digestAfter, String remoteAddress,
                   String details) {
}
