package vn.truongso.register;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;
import vn.truongso.common.Paging;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentView;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;

/**
 * The registers as a person uses them, with who may do what (the calls of /api/registers): issuing is for the clerk
 * or principal, receiving for the clerk or officer, reading for the clerk, principal or officer — always of the
 * caller's own organisation. The REST controller and the pages both come here, so the rules live once.
 */
@Service
@Transactional
public class RegisterDesk {

    private final OutgoingRegister outgoing;
    private final IncomingRegister incoming;
    private final DocumentService documents;
    private final Clock clock;

    RegisterDesk(OutgoingRegister outgoing, IncomingRegister incoming, DocumentService documents, Clock clock) {
        this.outgoing = outgoing;
        this.incoming = incoming;
        this.documents = documents;
        this.clock = clock;
    }

    /** What a person asks to issue; {@code signer} blank: the principal issuing it, else required. */
    public record Issue(UUID documentId, Integer version, String typeCode, String unitCode, String title,
                        String signer, String recipients) {
    }

    /** CLERK or PRINCIPAL issues a document of their own organisation that they may read. */
    public OutgoingRegister.Issued issue(Issue body, CurrentUser user) {
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
        return outgoing.issue(new OutgoingRegister.IssueRequest(user.organisationCode(), body.typeCode(),
                body.unitCode(), body.documentId(), body.version(), body.title(), signer, body.recipients(),
                user.username()));
    }

    public record Receive(UUID documentId, Integer version, String senderOrganisation, String senderName,
                          String title) {
    }

    /** CLERK or OFFICER registers a document their organisation received (one they may read, e.g. uploaded). */
    public IncomingRegister.Received receive(Receive body, CurrentUser user) {
        requireAny(user, Role.CLERK, Role.OFFICER);
        if (body.documentId() == null) {
            throw ApiException.badRequest("DOCUMENT_REQUIRED", "Vui lòng chọn văn bản đến (documentId).");
        }
        documents.get(body.documentId(), user);
        return incoming.receive(user.organisationCode(), body.documentId(), body.version(),
                blankToNull(body.senderOrganisation()), body.senderName(), body.title(), user.username());
    }

    public record RegisterPage<T>(String organisationCode, int year, List<T> items, long total, int page, int size) {
    }

    /** One page of the caller's organisation's outgoing ("outgoing") or incoming ("incoming") register of a year. */
    @Transactional(readOnly = true)
    public RegisterPage<?> list(String register, Integer year, String q, String organisation, int page, int size,
                                CurrentUser user) {
        requireAny(user, Role.CLERK, Role.PRINCIPAL, Role.OFFICER);
        if (organisation != null && !organisation.isBlank() && !user.worksFor(organisation.strip())) {
            throw ApiException.forbidden();
        }
        Paging.check(page, size);
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

    public record TypeCode(String code, String name) {
    }

    /** The configured type codes (QĐ, BC, …), for the clerk's form. */
    @Transactional(readOnly = true)
    public List<TypeCode> typeCodes() {
        return outgoing.typeCodeViews().stream().map(t -> new TypeCode(t.code(), t.name())).toList();
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
