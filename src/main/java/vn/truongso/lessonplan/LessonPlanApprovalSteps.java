package vn.truongso.lessonplan;

import static vn.truongso.steps.ProcessVariables.DISPLAY_TITLE;
import static vn.truongso.steps.ProcessVariables.LAST_COMMENT;
import static vn.truongso.steps.ProcessVariables.REQUESTER_NAME;
import static vn.truongso.steps.ProcessVariables.SIGNATURE_NOTE;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import vn.truongso.common.ApiException;
import vn.truongso.common.TaskGroups;
import vn.truongso.common.WorkingCalendar;
import vn.truongso.document.DocumentHolds;
import vn.truongso.document.DocumentService;
import vn.truongso.notification.Notifier;
import vn.truongso.school.UserDirectory;

/**
 * {@code ${lessonPlanApprovalSteps.…}}: every step of bpmn/lesson-plan-approval.bpmn, one method each; the BPMN only
 * orders them. Signatures are bpmn/remote-signature.bpmn, read back through {@code ${signatureFlow.…}}.
 */
@Component
public class LessonPlanApprovalSteps {

    private final LessonPlanRepository plans;
    private final ProfessionalRecordRepository records;
    private final DocumentService documents;
    private final DocumentHolds holds;
    private final UserDirectory users;
    private final TaskService tasks;
    private final Notifier notifier;
    private final ApplicationEventPublisher events;
    private final WorkingCalendar calendar;
    private final Clock clock;
    private final int reminderDays;
    private final int escalationDays;

    LessonPlanApprovalSteps(LessonPlanRepository plans, ProfessionalRecordRepository records,
                            DocumentService documents, DocumentHolds holds, UserDirectory users, TaskService tasks,
                            Notifier notifier, ApplicationEventPublisher events, WorkingCalendar calendar, Clock clock,
                            LessonPlanProperties properties) {
        this.plans = plans;
        this.records = records;
        this.documents = documents;
        this.holds = holds;
        this.users = users;
        this.tasks = tasks;
        this.notifier = notifier;
        this.events = events;
        this.calendar = calendar;
        this.clock = clock;
        this.reminderDays = properties.reminderWorkingDays();
        this.escalationDays = properties.escalationWorkingDays();
    }

    private LessonPlan plan(DelegateExecution execution) {
        return plans.findById(UUID.fromString((String) execution.getVariable("planId")))
                .orElseThrow(() -> new IllegalStateException("No lesson plan for process " + execution.getProcessInstanceId()));
    }

    private static String link(DelegateExecution execution) {
        return "/api/lesson-plans/" + execution.getVariable("planId");
    }

    /** Start listener of each step: the plan's status follows the process ({@code enter(execution, 'HEAD_REVIEW')}). */
    public void enter(DelegateExecution execution, String status) {
        LessonPlan plan = plan(execution);
        LessonPlanStatus next = LessonPlanStatus.valueOf(status);
        plan.moveTo(next);
        if (next == LessonPlanStatus.RETURNED) {
            // The teacher must upload something newer than what was returned before resubmitting.
            plan.returnedAt(documents.currentVersion(plan.getDocumentId()));
            // Its revise step is the one way to a new version while the process holds the plan.
            holds.openForRevision(plan.getDocumentId(), LessonPlanService.holder(plan.getId()));
            Object comment = execution.getVariable(LAST_COMMENT);
            notifier.toUser(plan.getTeacherUsername(), "LESSON_PLAN_RETURNED",
                    "Kế hoạch bài dạy \"" + plan.getLessonTitle() + "\" được trả lại để chỉnh sửa"
                            + (comment == null ? "." : ": " + comment), link(execution));
        }
    }

    /** Each "Đã ký" flow: a signature was put on the plan, and what the teacher and the clerk read about it. */
    public void signed(DelegateExecution execution) {
        Object note = execution.getVariable(SIGNATURE_NOTE);
        if (note != null) {
            plan(execution).signatureNote(note.toString());
        }
    }

    /**
     * headReview's candidate groups. The inbox never lets its author review or approve it; when the author is himself
     * a head of the group (often its only head), the head review is offered to the principal from the start as well,
     * so that someone else can always do it.
     */
    public List<String> headReviewers(DelegateExecution execution) {
        String heads = (String) execution.getVariable(LessonPlanTaskFields.HEAD_GROUP);
        Object author = execution.getVariable("teacher");
        boolean authorIsHead = author != null && users.find(author.toString())
                .map(u -> u.groups().contains(heads)).orElse(false);
        return authorIsHead ? List.of(heads, (String) execution.getVariable("principalGroup")) : List.of(heads);
    }

    /** The reviews' due date and reminder timers: waiting too long, in working days. */
    public Date reminderAt() {
        return Date.from(calendar.addWorkingDays(clock.instant(), reminderDays));
    }

    /** The head review's escalation timer. */
    public Date escalationAt() {
        return Date.from(calendar.addWorkingDays(clock.instant(), escalationDays));
    }

    /** remindHead, remindPrincipal: whoever holds the waiting review is reminded (its assignee, or its groups). */
    public void remind(DelegateExecution execution) {
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
            String message = "Nhắc việc: \"" + task.getName() + "\" cho kế hoạch bài dạy \""
                    + execution.getVariable(DISPLAY_TITLE) + "\" của " + execution.getVariable(REQUESTER_NAME)
                    + " đang chờ quá hạn.";
            if (task.getAssignee() != null) {
                notifier.toUser(task.getAssignee(), "REVIEW_REMINDER", message, link(execution));
            } else {
                notifier.toCandidates(TaskGroups.candidates(tasks, task.getId()), LessonPlanService.PROCESS_KEY,
                        "REVIEW_REMINDER", message, link(execution), null);
            }
        }
    }

    /** escalateToPrincipal: a head review that waited too long is offered to the principal too, who is told so. */
    public void escalate(DelegateExecution execution) {
        String principals = (String) execution.getVariable("principalGroup");
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey("headReview").list()) {
            tasks.addCandidateGroup(task.getId(), principals);
        }
        notifier.toCandidates(List.of(principals), LessonPlanService.PROCESS_KEY, "REVIEW_ESCALATED",
                "Kế hoạch bài dạy \"" + execution.getVariable(DISPLAY_TITLE) + "\" của "
                        + execution.getVariable(REQUESTER_NAME)
                        + " chờ tổ trưởng duyệt quá lâu và được chuyển lên Ban giám hiệu.", link(execution), null);
    }

    /** revise (complete listener): a returned plan goes back to review only with a new version of its document. */
    public void checkRevision(DelegateTask task) {
        LessonPlan plan = plan(task.getExecution());
        Integer returned = plan.getReturnedAtVersion();
        if (returned != null && documents.currentVersion(plan.getDocumentId()) <= returned) {
            throw ApiException.conflict("REVISION_MISSING",
                    "Vui lòng tải lên bản kế hoạch bài dạy đã chỉnh sửa (POST /api/documents/"
                            + plan.getDocumentId() + "/versions) trước khi nộp lại.");
        }
        // Resubmitted: the revised version is what the author signs and the reviewers see next.
        holds.hold(plan.getDocumentId(), LessonPlanService.holder(plan.getId()));
    }

    /** fileInRecords: approved, filed in the teacher's professional records of the school year; the teacher is told. */
    public void file(DelegateExecution execution) {
        LessonPlan plan = plan(execution);
        plan.approve(clock.instant());
        // The version the principal signed: the one the process pinned last.
        int version = holds.pinned(plan.getDocumentId()).map(DocumentHolds.Pinned::version)
                .orElseGet(() -> documents.currentVersion(plan.getDocumentId()));
        holds.release(plan.getDocumentId(), LessonPlanService.holder(plan.getId()));
        records.save(new ProfessionalRecord(plan, version, plan.getLessonTitle(), clock.instant()));
        notifier.toUser(plan.getTeacherUsername(), "LESSON_PLAN_APPROVED",
                "Kế hoạch bài dạy \"" + plan.getLessonTitle() + "\" (tuần " + plan.getWeek()
                        + ") đã được phê duyệt và lưu vào hồ sơ chuyên môn năm học " + plan.getSchoolYear() + ".",
                link(execution));
        events.publishEvent(new LessonPlanApproved(plan.getId(), plan.getDocumentId(), plan.getSchoolCode(),
                plan.getTeacherUsername(), execution.getProcessInstanceId(), plan.getApprovedAt()));
    }
}
