package vn.truongso.register;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.common.ApiException;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentView;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;

/** The clerk's registers over HTTP: always the caller's own organisation. */
@RestController
@RequestMapping("/api/registers")
class RegisterController {

    private final OutgoingRegister outgoing;
    private final IncomingRegister incoming;
    private final DocumentService documents;
    private final UserDirectory users;
    private final Clock clock;

    RegisterController(OutgoingRegister outgoing, IncomingRegister incoming, DocumentService documents,
                       UserDirectory users, Clock clock) {
        this.outgoing = outgoing;
        this.incoming = incoming;
        this.documents = documents;
        this.users = users;
        this.clock = clock;
    }

    record IssueBody(UUID documentId, Integer version, String typeCode, String unitCode, String title, String signer,
                     String recipients) {
    }

    /** CLERK or PRINCIPAL issues a document of their own organisation that they may read. */
    @PostMapping("/outgoing")
    ResponseEntity<OutgoingRegister.Issued> issue(@RequestBody IssueBody body) {
        CurrentUser user = users.current();
        requireAny(user, Role.CLERK, Role.PRINCIPAL);
        if (body.documentId() == null) {
            throw ApiException.badRequest("DOCUMENT_REQUIRED", "Vui lòng chọn văn bản cần cấp số (documentId).");
        }
        DocumentView doc = documents.get(body.documentId(), user);
        if (!user.worksFor(doc.organisationCode())) {
            throw ApiException.notFound("văn bản");
        }
        String signer = body.signer() == null || body.signer().isBlank()
                ? (user.has(Role.PRINCIPAL) ? user.fullName() : null) : body.signer();
        OutgoingRegister.Issued issued = outgoing.issue(new OutgoingRegister.IssueRequest(user.organisationCode(),
                body.typeCode(), body.unitCode(), body.documentId(), body.version(), body.title(), signer,
                body.recipients(), user.username()));
        return ResponseEntity.created(URI.create("/api/registers/outgoing?year=" + issued.year() + "&q="
                + issued.number())).body(issued);
    }

    record ReceiveBody(UUID documentId, Integer version, String senderOrganisation, String senderName,
                       String title) {
    }

    /** CLERK or OFFICER registers a document their organisation received (one they may read, e.g. uploaded). */
    @PostMapping("/incoming")
    ResponseEntity<IncomingRegister.Received> receive(@RequestBody ReceiveBody body) {
        CurrentUser user = users.current();
        requireAny(user, Role.CLERK, Role.OFFICER);
        if (body.documentId() == null) {
            throw ApiException.badRequest("DOCUMENT_REQUIRED", "Vui lòng chọn văn bản đến (documentId).");
        }
        documents.get(body.documentId(), user);
        IncomingRegister.Received received = incoming.receive(user.organisationCode(), body.documentId(),
                body.version(), blankToNull(body.senderOrganisation()), body.senderName(), body.title(),
                user.username());
        return ResponseEntity.status(received.outcome() == IncomingRegister.Outcome.ACCEPTED
                ? HttpStatus.CREATED : HttpStatus.OK).body(received);
    }

    record RegisterPage<T>(String organisationCode, int year, List<T> items, long total, int page, int size) {
    }

    @GetMapping("/{register}")
    RegisterPage<?> list(@PathVariable String register, @RequestParam(required = false) Integer year,
                         @RequestParam(required = false) String q,
                         @RequestParam(required = false) String organisation,
                         @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        CurrentUser user = users.current();
        requireAny(user, Role.CLERK, Role.PRINCIPAL, Role.OFFICER);
        if (organisation != null && !organisation.isBlank() && !user.worksFor(organisation.strip())) {
            throw ApiException.forbidden();
        }
        if (page < 0 || size < 1 || size > 200) {
            throw ApiException.badRequest("PAGING_INVALID", "Tham số phân trang không hợp lệ (size từ 1 đến 200).");
        }
        int y = year == null ? RegisterText.year(clock.instant()) : year;
        if (y < 1900 || y > 9999) {
            throw ApiException.badRequest("YEAR_INVALID", "Năm không hợp lệ: " + y + ".");
        }
        String org = user.organisationCode();
        Page<?> result = switch (register) {
            case "outgoing" -> outgoing.list(org, y, q, page, size);
            case "incoming" -> incoming.list(org, y, q, page, size);
            default -> throw ApiException.notFound("sổ văn bản " + register);
        };
        return new RegisterPage<>(org, y, result.getContent(), result.getTotalElements(), page, size);
    }

    record TypeCodeView(String code, String name) {
    }

    /** The configured type codes, for the clerk's form. */
    @GetMapping("/type-codes")
    List<TypeCodeView> typeCodes() {
        users.current();
        return outgoing.typeCodeViews();
    }

    private static void requireAny(CurrentUser user, Role... roles) {
        if (user.organisationCode() == null) {
            throw ApiException.forbidden();
        }
        for (Role r : roles) {
            if (user.has(r)) {
                return;
            }
        }
        throw ApiException.forbidden();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
