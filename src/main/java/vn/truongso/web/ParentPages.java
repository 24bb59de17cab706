package vn.truongso.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
import vn.truongso.common.ApiException;
import vn.truongso.common.Downloads;
import vn.truongso.common.ProblemHandler;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentView;
import vn.truongso.enrolment.EnrolmentService;
import vn.truongso.enrolment.EnrolmentView;
import vn.truongso.enrolment.PaperKind;
import vn.truongso.enrolment.PriorityGroup;
import vn.truongso.enrolment.RoundService;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;

/**
 * A parent's applications (tuyển sinh đầu cấp): the application form with its papers, my applications, one
 * application's status and history, the papers the clerk asked for, the signed admission decision. The calls of
 * POST /api/documents (kind APPLICATION_PAPER), POST /api/enrolments, GET /api/enrolments[/{id}], POST
 * /api/enrolments/{id}/papers and GET /api/enrolments/{id}/decision; a form's uploads and its application are one
 * transaction, so a refused application keeps none of its papers.
 */
@Controller
class ParentPages {

    private final EnrolmentService enrolments;
    private final RoundService rounds;
    private final DocumentService documents;
    private final UserDirectory users;
    private final TransactionTemplate tx;

    ParentPages(EnrolmentService enrolments, RoundService rounds, DocumentService documents, UserDirectory users,
                PlatformTransactionManager transactions) {
        this.enrolments = enrolments;
        this.rounds = rounds;
        this.documents = documents;
        this.users = users;
        this.tx = new TransactionTemplate(transactions);
    }

    @GetMapping("/applications")
    String list(Model model) {
        model.addAttribute("applications", enrolments.list(users.current(), 0, 100));
        return "pages/applications";
    }

    @GetMapping("/applications/new")
    String form(Model model) {
        users.current();
        return form(model, new Form(null, null, null, null, null, null, null, null, null, null, null, null, null,
                List.of()), null, null);
    }

    /** What the parent typed, shown again with the refusal beside its field. */
    record Form(String childName, String birthDate, String personalId, String gender, String parentName,
                String phone, String email, String address, String ward, String lat, String lon, String schoolCode,
                Integer grade, List<String> priorityGroups) {
    }

    private String form(Model model, Form form, String field, String message) {
        model.addAttribute("form", form);
        model.addAttribute("errorField", field);
        model.addAttribute("errorMessage", message);
        model.addAttribute("rounds", rounds.list(null).stream().filter(RoundService.RoundView::open).toList());
        model.addAttribute("priorityGroups", PriorityGroup.values());
        return "pages/application-form";
    }

    @PostMapping("/applications")
    String apply(@RequestParam(required = false) String childName, @RequestParam(required = false) String birthDate,
                 @RequestParam(required = false) String personalId, @RequestParam(required = false) String gender,
                 @RequestParam(required = false) String parentName, @RequestParam(required = false) String phone,
                 @RequestParam(required = false) String email, @RequestParam(required = false) String address,
                 @RequestParam(required = false) String ward, @RequestParam(required = false) String lat,
                 @RequestParam(required = false) String lon, @RequestParam(required = false) String schoolCode,
                 @RequestParam(required = false) Integer grade,
                 @RequestParam(required = false) List<String> priorityGroups,
                 @RequestParam(required = false) MultipartFile birthCertificate,
                 @RequestParam(required = false) MultipartFile residence,
                 @RequestParam(required = false) MultipartFile priorityProof, Model model, RedirectAttributes flash) {
        CurrentUser me = users.current();
        Form form = new Form(childName, birthDate, personalId, gender, parentName, phone, email, address, ward, lat,
                lon, schoolCode, grade, priorityGroups == null ? List.of() : priorityGroups);
        try {
            EnrolmentView view = tx.execute(s -> {
                List<EnrolmentService.PaperIn> papers = new ArrayList<>();
                paper(papers, birthCertificate, PaperKind.BIRTH_CERTIFICATE, me);
                paper(papers, residence, PaperKind.RESIDENCE_CONFIRMATION, me);
                paper(papers, priorityProof, PaperKind.PRIORITY_PROOF, me);
                return enrolments.apply(new EnrolmentService.ApplyRequest(
                        new EnrolmentService.ChildIn(childName, PageDates.parse(birthDate), personalId, gender),
                        new EnrolmentService.ParentIn(parentName, phone, email),
                        new EnrolmentService.AddressIn(address, ward, number(lat), number(lon)),
                        schoolCode, grade, form.priorityGroups(), papers, null), me);
            });
            flash.addFlashAttribute(Pages.NOTICE, "Đã nộp hồ sơ tuyển sinh. Nhà trường sẽ kiểm tra và báo kết quả.");
            return "redirect:/applications/" + view.id();
        } catch (RuntimeException e) {
            ApiException known = ProblemHandler.explain(e).orElseThrow(() -> e);
            if (known.status().value() == 403) {
                throw known; // not a parent (nor a clerk): the error page, as the API's 403
            }
            model.addAttribute("errorCode", known.code());
            return form(model, form, FIELDS.get(known.code()), known.getMessage());
        }
    }

    /** Where each refusal of the enrolment and document services belongs on the form. */
    static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("CHILD_NAME_REQUIRED", "childName"), Map.entry("BIRTH_DATE_MISSING", "birthDate"),
            Map.entry("BIRTH_DATE_INVALID", "birthDate"), Map.entry("GENDER_INVALID", "gender"),
            Map.entry("PERSONAL_ID_INVALID", "personalId"), Map.entry("PARENT_NAME_REQUIRED", "parentName"),
            Map.entry("PHONE_INVALID", "phone"), Map.entry("EMAIL_INVALID", "email"),
            Map.entry("ADDRESS_REQUIRED", "address"), Map.entry("WARD_MISSING", "ward"),
            Map.entry("LOCATION_INVALID", "lat"), Map.entry("COORDINATES_INVALID", "lat"),
            Map.entry("PRIORITY_GROUP_UNKNOWN", "priorityGroups"), Map.entry("SCHOOL_REQUIRED", "schoolCode"),
            Map.entry("SCHOOL_UNKNOWN", "schoolCode"), Map.entry("NOT_A_SCHOOL", "schoolCode"),
            Map.entry("GRADE_INVALID", "grade"), Map.entry("NO_ROUND_FOR_GRADE", "grade"),
            Map.entry("PAPERS_MISSING", "papers"));

    private void paper(List<EnrolmentService.PaperIn> papers, MultipartFile file, PaperKind kind, CurrentUser me) {
        if (file == null || file.isEmpty()) {
            return; // the enrolment service says which required paper is missing
        }
        DocumentView doc = documents.store(LessonPlanPages.upload(file), kind.label(), DocumentKind.APPLICATION_PAPER,
                me);
        papers.add(new EnrolmentService.PaperIn(doc.id(), kind.name()));
    }

    private static Double number(String value) {
        try {
            return value == null || value.isBlank() ? null : Double.valueOf(value.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @GetMapping("/applications/{id}")
    String show(@PathVariable UUID id, Model model) {
        model.addAttribute("app", enrolments.get(id, users.current()));
        return "pages/application";
    }

    /** The papers the clerk asked for, uploaded and attached together. */
    @PostMapping("/applications/{id}/papers")
    String papers(@PathVariable UUID id, @RequestParam(required = false) MultipartFile birthCertificate,
                  @RequestParam(required = false) MultipartFile residence,
                  @RequestParam(required = false) MultipartFile priorityProof, RedirectAttributes flash) {
        CurrentUser me = users.current();
        String back = "/applications/" + id;
        return Pages.act(flash, back, () -> tx.execute(s -> {
            List<EnrolmentService.PaperIn> papers = new ArrayList<>();
            paper(papers, birthCertificate, PaperKind.BIRTH_CERTIFICATE, me);
            paper(papers, residence, PaperKind.RESIDENCE_CONFIRMATION, me);
            paper(papers, priorityProof, PaperKind.PRIORITY_PROOF, me);
            enrolments.addPapers(id, new EnrolmentService.PapersRequest(papers), me);
            flash.addFlashAttribute(Pages.NOTICE, "Đã bổ sung giấy tờ; hồ sơ được chuyển lại cho văn thư.");
            return "redirect:" + back;
        }));
    }

    @GetMapping("/applications/{id}/decision")
    ResponseEntity<InputStreamResource> decision(@PathVariable UUID id) {
        DocumentService.Content c = enrolments.decision(id, users.current());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).contentLength(c.size())
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment("quyet-dinh-trung-tuyen.pdf"))
                .body(new InputStreamResource(c.stream()));
    }
}
