package vn.truongso.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import vn.truongso.common.ApiException;
import vn.truongso.common.Paging;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentView;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;

/**
 * Reading the audit trail, oldest first, with who may read what (GET /api/audit and the pages): an administrator all
 * of it; a principal or clerk the entries of their own organisation; a document's owner every entry of that document.
 * A document the user may not read answers 404; an audit trail they may not read 403.
 */
@Service
public class AuditTrail {

    public static final int MAX_SIZE = 200;

    private final AuditLog log;
    private final DocumentService documents;

    AuditTrail(AuditLog log, DocumentService documents) {
        this.log = log;
        this.documents = documents;
    }

    public record EntryView(long seq, OffsetDateTime occurredAt, String actor, String organisation, String action,
                            String targetType, String targetId, UUID documentId, String digestBefore,
                            String digestAfter, String remoteAddress, String details, String prevHash, String hash) {
    }

    public record AuditPage(List<EntryView> items, long total, int page, int size) {
    }

    public AuditPage read(UUID documentId, int page, int size, CurrentUser user) {
        Paging.check(page, size, MAX_SIZE);
        String organisation = scope(user, documentId);
        AuditLog.Page found = log.find(documentId, organisation, page, size);
        return new AuditPage(found.entries().stream().map(e -> view(e, user)).toList(), found.total(), page, size);
    }

    /** The organisation whose entries this user may read here (null: every one); refuses otherwise. */
    private String scope(CurrentUser user, UUID documentId) {
        if (user.has(Role.ADMIN)) {
            return null;
        }
        boolean schoolWide = (user.has(Role.PRINCIPAL) || user.has(Role.CLERK)) && user.organisationCode() != null;
        if (documentId == null) {
            if (schoolWide) {
                return user.organisationCode();
            }
            throw ApiException.forbidden();
        }
        DocumentView doc = documents.get(documentId, user); // 404 unless the user may read the document
        if (doc.owner().equals(user.username())) {
            return null;
        }
        if (schoolWide && user.worksFor(doc.organisationCode())) {
            return user.organisationCode();
        }
        throw ApiException.forbidden();
    }

    /**
     * The entry as this user may see it: where someone was (their IP address) is personal data, shown only to an
     * administrator and to the person themselves. The hash still covers the address, so the chain is checked whole
     * by {@code audit verify}, not by readers of this page.
     */
    private static EntryView view(AuditChain.Entry e, CurrentUser user) {
        AuditRecord r = e.record();
        String address = user.has(Role.ADMIN) || user.username().equals(r.actor())
                || AuditLog.SYSTEM.equals(r.remoteAddress()) ? r.remoteAddress() : null;
        return new EntryView(e.seq(), VietnamTime.of(r.occurredAt()), r.actor(), r.organisation(), r.action(),
                r.targetType(), r.targetId(), r.documentId(), r.digestBefore(), r.digestAfter(), address,
                r.details(), e.prevHash(), e.hash());
    }
}
