package vn.truongso.web;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.truongso.common.ApiException;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentView;
import vn.truongso.inbox.InboxCommands;
import vn.truongso.inbox.InboxQueries;
import vn.truongso.lessonplan.LessonPlanService;
import vn.truongso.lessonplan.LessonPlanView;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;

/**
 * The inbox of heads, principals and everyone with tasks: oldest first, due and overdue marked, filtered by process
 * and lateness (what InboxQueries offers); one task with the document's preview and history; approve, return, claim,
 * unclaim; many approved at once with one code. The calls of /api/tasks.
 */
@Controller
class InboxPages {

    /** The processes whose tasks reach an inbox, with their Vietnamese names for the filter. */
    static final List<Process> PROCESSES = List.of(new Process("lessonPlanApproval", "Duyệt kế hoạch bài dạy"),
            new Process("schoolReport", "Báo cáo của trường"), new Process("reportCampaign", "Đợt báo cáo"),
            new Process("enrolmentRequest", "Hồ sơ tuyển sinh"),
            new Process("admissionRound", "Danh sách trúng tuyển"),
            new Process("paperlessReport", "Báo cáo chuyển đổi số"));

    record Process(String key, String name) {
    }

    private final InboxQueries inbox;
    private final InboxCommands commands;
    private final LessonPlanService plans;
    private final UserDirectory users;
    private final DocumentService documents;

    InboxPages(InboxQueries inbox, InboxCommands commands, LessonPlanService plans, UserDirectory users,
               DocumentService documents) {
        this.documents = documents;
        this.inbox = inbox;
        this.commands = commands;
        this.plans = plans;
        this.users = users;
    }

    @GetMapping("/inbox")
    String list(@RequestParam(required = false) String process, @RequestParam(required = false) Boolean overdue,
                @RequestParam(required = false) String submitter, @RequestParam(required = false) String subjectGroup,
                @RequestParam(defaultValue = "0") int page, Model model) {
        CurrentUser me = users.current();
        InboxQueries.Filter filter = new InboxQueries.Filter(process, overdue, submitter, subjectGroup);
        InboxQueries.TaskPage tasks = inbox.inbox(me, filter, Math.max(0, page), 50, true);
        model.addAttribute("tasks", tasks);
        model.addAttribute("filter", filter);
        model.addAttribute("overdue", Boolean.TRUE.equals(overdue));
        model.addAttribute("processes", PROCESSES);
        if (me.organisationCode() != null) {
            model.addAttribute("teachers", users.membersOf(Groups.role(me.organisationCode(), Role.TEACHER)).stream()
                    .sorted(java.util.Comparator.comparing(CurrentUser::fullName)).toList());
            model.addAttribute("subjectGroups", users.subjectGroupsOf(me.organisationCode()));
        }
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("batchable", tasks.items().stream().anyMatch(t -> t.decisions().contains("APPROVE")));
        return "pages/inbox";
    }

    @GetMapping("/inbox/{taskId}")
    String show(@PathVariable String taskId, Model model, RedirectAttributes flash) {
        CurrentUser me = users.current();
        InboxQueries.TaskView task;
        try {
            task = inbox.task(taskId, me);
        } catch (ApiException e) {
            if (e.status() != org.springframework.http.HttpStatus.CONFLICT) {
                throw e; // not theirs, or not there: the error page
            }
            // done or taken by someone else a moment ago: back to the inbox, saying so
            flash.addFlashAttribute(Pages.PROBLEM, e.getMessage());
            flash.addFlashAttribute("problemCode", e.code());
            return "redirect:/inbox";
        }
        model.addAttribute("task", task);
        model.addAttribute("plan", lessonPlanOf(task, me));
        model.addAttribute("previewPages", previewPages(task, me));
        model.addAttribute("claimable", task.assignee() == null);
        model.addAttribute("mine", me.username().equals(task.assignee()));
        return "pages/task";
    }

    /** How many page images the preview shows: the reviewed version's pages, at most {@link FilePages#PREVIEW_PAGES}. */
    private int previewPages(InboxQueries.TaskView task, CurrentUser me) {
        if (task.documentId() == null) {
            return 0;
        }
        DocumentView doc = documents.get(UUID.fromString(task.documentId()), me);
        int pages = doc.versions().stream().filter(v -> task.documentVersion() == null
                        ? v.version() == doc.version() : v.version() == task.documentVersion())
                .mapToInt(DocumentView.VersionView::pages).findFirst().orElse(doc.pages());
        return Math.min(FilePages.PREVIEW_PAGES, Math.max(0, pages));
    }

    /** The plan behind a lesson-plan task, as the reviewer may read it (history, comments, versions). */
    private LessonPlanView lessonPlanOf(InboxQueries.TaskView task, CurrentUser me) {
        if (!"lessonPlanApproval".equals(task.processKey()) || task.businessKey() == null) {
            return null;
        }
        try {
            return plans.get(UUID.fromString(task.businessKey()), me);
        } catch (ApiException | IllegalArgumentException e) {
            return null; // the task is theirs, the plan's details not: show the task alone
        }
    }

    @PostMapping("/inbox/{taskId}/complete")
    String complete(@PathVariable String taskId, @RequestParam(required = false) String decision,
                    @RequestParam(required = false) String comment, @RequestParam(required = false) String channel,
                    RedirectAttributes flash) {
        CurrentUser me = users.current();
        return Pages.act(flash, code -> Pages.TASK_GONE.contains(code) ? "/inbox" : "/inbox/" + taskId, () -> {
            var confirmation = commands.complete(taskId, new InboxCommands.Completion(decision,
                    LessonPlanPages.blankToNull(comment), LessonPlanPages.blankToNull(channel)), me);
            flash.addFlashAttribute(Pages.NOTICE, confirmation.isPresent()
                    ? "Đã ghi nhận quyết định. Hãy nhập mã xác nhận để ký." : "Đã ghi nhận quyết định.");
            return LessonPlanPages.next(confirmation.orElse(null), "/inbox");
        });
    }

    @PostMapping("/inbox/{taskId}/claim")
    String claim(@PathVariable String taskId, RedirectAttributes flash) {
        CurrentUser me = users.current();
        return Pages.act(flash, "/inbox", () -> {
            commands.claim(taskId, me);
            flash.addFlashAttribute(Pages.NOTICE, "Bạn đã nhận xử lý việc này.");
            return "redirect:/inbox/" + taskId;
        });
    }

    @PostMapping("/inbox/{taskId}/unclaim")
    String unclaim(@PathVariable String taskId, RedirectAttributes flash) {
        CurrentUser me = users.current();
        return Pages.act(flash, code -> Pages.TASK_GONE.contains(code) ? "/inbox" : "/inbox/" + taskId, () -> {
            commands.unclaim(taskId, me);
            flash.addFlashAttribute(Pages.NOTICE, "Đã trả việc về nhóm.");
            return "redirect:/inbox";
        });
    }

    /** Approves every ticked task (all or none) and asks for one code for all their signatures. */
    @PostMapping("/inbox/approve-batch")
    String approveBatch(@RequestParam(name = "taskId", required = false) List<String> taskIds,
                        RedirectAttributes flash) {
        CurrentUser me = users.current();
        return Pages.act(flash, "/inbox", () -> {
            InboxCommands.BatchResult result = commands.approveBatch(new InboxCommands.Batch(taskIds), me);
            flash.addFlashAttribute(Pages.NOTICE, "Đã duyệt " + result.approved() + " việc."
                    + (result.signTransaction() == null ? "" : " Hãy nhập một mã xác nhận để ký tất cả."));
            return LessonPlanPages.next(result.signTransaction(), "/inbox");
        });
    }
}
