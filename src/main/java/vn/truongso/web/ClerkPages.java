package vn.truongso.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.truongso.audit.AuditTrail;
import vn.truongso.common.ApiException;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentView;
import vn.truongso.register.DocumentSearch;
import vn.truongso.register.IncomingRegister;
import vn.truongso.register.OutgoingRegister;
import vn.truongso.register.RegisterDesk;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;
import vn.truongso.verification.PdfVerifier;

/**
 * The clerk's pages: finding a document (with or without diacritics) and where it is now, one document with its
 * verification report and audit trail, the outgoing and incoming registers of a year, issuing a number and receiving
 * a document. The calls of GET /api/documents, /api/documents/{id}/verification, /api/audit and /api/registers: who
 * may read or act is those services' decision.
 */
@Controller
class ClerkPages {

    static final int PAGE_SIZE = 20;

    private final DocumentSearch search;
    private final DocumentService documents;
    private final RegisterDesk registers;
    private final AuditTrail audit;
    private final PdfVerifier verifier;
    private final UserDirectory users;
    private final TransactionTemplate tx;

    ClerkPages(DocumentSearch search, DocumentService documents, RegisterDesk registers, AuditTrail audit,
               PdfVerifier verifier, UserDirectory users, PlatformTransactionManager transactions) {
        this.search = search;
        this.documents = documents;
        this.registers = registers;
        this.audit = audit;
        this.verifier = verifier;
        this.users = users;
        this.tx = new TransactionTemplate(transactions);
    }

    @GetMapping("/documents")
    String find(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        String text = q == null ? "" : q.strip();
        if (text.length() > 200) {
            throw ApiException.badRequest("QUERY_TOO_LONG", "Từ khóa tìm kiếm tối đa 200 ký tự.");
        }
        model.addAttribute("q", text);
        model.addAttribute("result", search.search(text, null, null, null, Math.max(0, page), PAGE_SIZE,
                users.current()));
        return "pages/documents";
    }

    @GetMapping("/documents/{id}")
    String show(@PathVariable UUID id, Model model) {
        CurrentUser me = users.current();
        DocumentView doc = documents.get(id, me);
        model.addAttribute("doc", doc);
        // Where it is now: the search's answer for this very document (the same "where is it" as the list).
        model.addAttribute("found", search.search(doc.title(), doc.kind(), null, null, 0, 100, me).items().stream()
                .filter(f -> f.id().equals(id)).findFirst().orElse(null));
        model.addAttribute("typeCodes", registers.typeCodes());
        return "pages/document";
    }

    @GetMapping("/documents/{id}/verification")
    String verification(@PathVariable UUID id, @RequestParam(required = false) Integer version, Model model) {
        DocumentService.Content content = documents.content(id, version, users.current());
        byte[] pdf;
        try (InputStream in = content.stream()) {
            pdf = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        model.addAttribute("documentId", id);
        model.addAttribute("title", content.title());
        model.addAttribute("version", content.version());
        model.addAttribute("report", verifier.verify(pdf));
        return "pages/verification";
    }

    @GetMapping("/documents/{id}/audit")
    String audit(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page, Model model) {
        CurrentUser me = users.current();
        // The trail's own rule decides (an administrator reads every trail); the title only for who reads the document.
        model.addAttribute("trail", audit.read(id, Math.max(0, page), 50, me));
        model.addAttribute("documentId", id);
        try {
            model.addAttribute("doc", documents.get(id, me));
        } catch (ApiException notReadable) {
            model.addAttribute("doc", null);
        }
        return "pages/audit";
    }

    /** Issues the document's number in the outgoing register (POST /api/registers/outgoing). */
    @PostMapping("/documents/{id}/number")
    String issue(@PathVariable UUID id, @RequestParam(required = false) String typeCode,
                 @RequestParam(required = false) String unitCode, @RequestParam(required = false) String signer,
                 @RequestParam(required = false) String recipients, RedirectAttributes flash) {
        String back = "/documents/" + id;
        return Pages.act(flash, back, () -> {
            OutgoingRegister.Issued issued = registers.issue(new RegisterDesk.Issue(id, null, blank(typeCode),
                    blank(unitCode), null, signer, recipients), users.current());
            flash.addFlashAttribute(Pages.NOTICE, "Đã cấp số văn bản đi: " + issued.formatted() + ".");
            return "redirect:" + back;
        });
    }

    @GetMapping("/registers/outgoing")
    String outgoing(@RequestParam(required = false) Integer year, @RequestParam(required = false) String q,
                    @RequestParam(defaultValue = "0") int page, Model model) {
        return register("outgoing", year, q, page, model);
    }

    @GetMapping("/registers/incoming")
    String incoming(@RequestParam(required = false) Integer year, @RequestParam(required = false) String q,
                    @RequestParam(defaultValue = "0") int page, Model model) {
        return register("incoming", year, q, page, model);
    }

    private String register(String which, Integer year, String q, int page, Model model) {
        model.addAttribute("which", which);
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("register", registers.list(which, year, q, null, Math.max(0, page), 50, users.current()));
        return "pages/register";
    }

    /**
     * A document that arrived: uploaded here and received into the incoming register in one go (POST /api/documents
     * then POST /api/registers/incoming); the verifier's verdict decides ACCEPTED with a number or RETURNED.
     */
    @PostMapping("/registers/incoming")
    String receive(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String title,
                   @RequestParam(required = false) String kind, @RequestParam(required = false) String senderName,
                   RedirectAttributes flash) {
        CurrentUser me = users.current();
        flash.addFlashAttribute("form", new ReceiveForm(title, kind, senderName));
        return Pages.act(flash, "/registers/incoming", () -> {
            IncomingRegister.Received r = tx.execute(s -> {
                DocumentView doc = documents.store(LessonPlanPages.upload(file), title, kind(kind), me);
                return registers.receive(new RegisterDesk.Receive(doc.id(), null, null, senderName, null), me);
            });
            flash.addFlashAttribute("received", r);
            flash.getFlashAttributes().remove("form");
            // The page shows the outcome in full (number, or the verifier's reason): no second message above it.
            return "redirect:/registers/incoming";
        });
    }

    /** What the clerk typed, shown again when receiving was refused. */
    record ReceiveForm(String title, String kind, String senderName) implements java.io.Serializable {
    }

    static DocumentKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null; // the document service says the kind is missing
        }
        try {
            return DocumentKind.valueOf(kind.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("KIND_UNKNOWN", "Loại văn bản không hợp lệ.");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
