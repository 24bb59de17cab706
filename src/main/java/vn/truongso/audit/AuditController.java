package vn.truongso.audit;

import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.school.UserDirectory;

/**
 * {@code GET /api/audit?documentId=&page=&size=}: the audit trail, oldest first, as {@link AuditTrail} lets this user
 * read it.
 */
@RestController
class AuditController {

    private final AuditTrail trail;
    private final UserDirectory users;

    AuditController(AuditTrail trail, UserDirectory users) {
        this.trail = trail;
        this.users = users;
    }

    @GetMapping("/api/audit")
    AuditTrail.AuditPage list(@RequestParam(required = false) UUID documentId,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        return trail.read(documentId, page, size, users.current());
    }
}
