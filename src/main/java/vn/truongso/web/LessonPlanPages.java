package vn.truongso.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentView;
import vn.truongso.inbox.InboxCommands;
import vn.truongso.lessonplan.LessonPlanService;
import vn.truongso.lessonplan.LessonPlanView;
import vn.truongso.remotesign.SignerDesk;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;
import vn.truongso.signing.RemoteSignatures;

/**
 * A teacher's lesson plans: the list with status, uploading and submitting a plan, one plan's history, revising a
 * returned one. The same calls as POST /api/documents, POST /api/lesson-plans, POST /api/documents/{id}/versions and
 * POST /api/tasks/{id}/complete, each form's calls in one transaction (a refused submission leaves no document).
 */
@Controller
class LessonPlanPages {

    private final LessonPlanService plans;
    private final DocumentService documents;
    private final InboxCommands inbox;
    private final SignerDesk signer;
    private final UserDirectory users;
    private final TransactionTemplate tx;

    LessonPlanPages(LessonPlanService plans, DocumentService documents, InboxCommands inbox, SignerDesk signer,
                    UserDirectory users, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.plans = plans;
        this.documents = documents;
        this.inbox = inbox;
        this.signer = signer;
        this.users = users;
        this.tx = new TransactionTemplate(transactions);
    }

    @GetMapping("/lesson-plans")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        CurrentUser me = users.current();
        Page<LessonPlanService.LessonPlanSummary> found = plans.list(me, Math.max(0, page), 20);
        model.addAttribute("plans", found);
        model.addAttribute("pendingSignatures", signer.pending(me.username()));
        return "pages/lesson-plans";
    }

    /** Uploads the PDF and submits it; the author's signature then waits for her code on the signing page. */
    @PostMapping("/lesson-plans")
    String submit(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String subject,
                  @RequestParam(required = false) Integer grade, @RequestParam(required = false) String lessonTitle,
                  @RequestParam(required = false) Integer week, RedirectAttributes flash) {
        CurrentUser me = users.current();
        flash.addFlashAttribute("form", new Form(subject, grade, lessonTitle, week));
        return Pages.act(flash, "/lesson-plans", () -> tx.execute(s -> {
            DocumentView doc = documents.store(upload(file), lessonTitle, DocumentKind.LESSON_PLAN, me);
            LessonPlanView plan = plans.submit(new LessonPlanService.SubmitRequest(doc.id(), subject, grade,
                    lessonTitle, week), me);
            flash.addFlashAttribute(Pages.NOTICE, "Đã nộp kế hoạch bài dạy. Hãy nhập mã xác nhận để ký.");
            return next(plan.signTransaction(), "/lesson-plans/" + plan.id());
        }));
    }

    /** What the teacher typed, shown again when the submission was refused. */
    record Form(String subject, Integer grade, String lessonTitle, Integer week) implements java.io.Serializable {
    }

    @GetMapping("/lesson-plans/{id}")
    String show(@PathVariable UUID id, Model model) {
        CurrentUser me = users.current();
        LessonPlanView plan = plans.get(id, me);
        model.addAttribute("plan", plan);
        LessonPlanView.CurrentStep step = plan.currentStep();
        boolean mine = step != null && step.taskId() != null && me.username().equals(step.assignee());
        model.addAttribute("canRevise", mine && "revise".equals(step.step()));
        model.addAttribute("canResign", mine && "authorResign".equals(step.step()));
        model.addAttribute("returnComment", plan.history().stream()
                .filter(h -> "RETURN".equals(h.decision())).reduce((a, b) -> b).map(h -> h.comment()).orElse(null));
        model.addAttribute("pendingSignatures", signer.pending(me.username()));
        return "pages/lesson-plan";
    }

    /** A returned plan: the revised PDF becomes the document's next version, then the plan goes back for review. */
    @PostMapping("/lesson-plans/{id}/revision")
    String revise(@PathVariable UUID id, @RequestParam(required = false) MultipartFile file,
                  @RequestParam(required = false) String comment, RedirectAttributes flash) {
        CurrentUser me = users.current();
        String back = "/lesson-plans/" + id;
        return Pages.act(flash, back, () -> tx.execute(s -> {
            LessonPlanView plan = plans.get(id, me);
            String taskId = plan.currentStep() == null ? null : plan.currentStep().taskId();
            if (file != null && !file.isEmpty()) {
                documents.addVersion(plan.documentId(), upload(file), comment, me);
            }
            // The task decides: without a new version it answers REVISION_MISSING, as the API does.
            var confirmation = inbox.complete(taskId == null ? "" : taskId,
                    new InboxCommands.Completion("RESUBMIT", blankToNull(comment), null), me);
            flash.addFlashAttribute(Pages.NOTICE, "Đã nộp lại bản chỉnh sửa. Hãy nhập mã xác nhận để ký.");
            return next(confirmation.orElse(null), back);
        }));
    }

    /** The author's signature was refused or lapsed: sign again (the task's SIGN decision). */
    @PostMapping("/lesson-plans/{id}/resign")
    String resign(@PathVariable UUID id, RedirectAttributes flash) {
        CurrentUser me = users.current();
        String back = "/lesson-plans/" + id;
        return Pages.act(flash, back, () -> tx.execute(s -> {
            LessonPlanView plan = plans.get(id, me);
            String taskId = plan.currentStep() == null ? null : plan.currentStep().taskId();
            var confirmation = inbox.complete(taskId == null ? "" : taskId,
                    new InboxCommands.Completion("SIGN", null, null), me);
            return next(confirmation.orElse(null), back);
        }));
    }

    static String next(RemoteSignatures.Confirmation confirmation, String otherwise) {
        return "redirect:" + (confirmation == null ? otherwise : "/signing/" + confirmation.transactionId());
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static DocumentService.Upload upload(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            return null; // the document service says what is missing
        }
        try {
            return new DocumentService.Upload(file.getBytes(), file.getOriginalFilename(), file.getContentType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
