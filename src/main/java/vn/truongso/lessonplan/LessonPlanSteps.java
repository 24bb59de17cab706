package vn.truongso.lessonplan;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import vn.truongso.common.ApiException;
import vn.truongso.common.TaskGroups;
import vn.truongso.common.WorkingCalendar;
import vn.truongso.document.DocumentHolds;
import vn.truongso.document.DocumentService;
import vn.truongso.notification.Notifier;

/**
 * The small named beans that bpmn/lesson-plan-approval.bpmn calls. Each does one step; the BPMN only orders them.
 */
final class LessonPlanSteps {

    private LessonPlanSteps() {
    }

    static LessonPlan plan(LessonPlanRepository plans, DelegateExecution execution) {
        return plans.findById(UUID.fromString((String) execution.getVariable("planId")))
                .orElseThrow(() -> new IllegalStateException("No lesson plan for process " + execution.getProcessInstanceId()));
    }

    static String link(DelegateExecution execution) {
        return "/api/lesson-plans/" + execution.getVariable("planId");
    }

    /** Keeps the plan's status in step with the process: {@code ${lessonPlanStatus.enter(execution, 'HEAD_REVIEW')}}. */
    @Component("lessonPlanStatus")
    public static class Status {
        private final LessonPlanRepository plans;
        private final DocumentService documents;
        private final Notifier notifier;
        private final DocumentHolds holds;

        Status(LessonPlanRepository plans, DocumentService documents, Notifier notifier, DocumentHolds holds) {
            this.holds = holds;
            this.plans = plans;
            this.documents = documents;
            this.notifier = notifier;
        }

        public void enter(DelegateExecution execution, String status) {
            LessonPlan plan = plan(plans, execution);
            LessonPlanStatus next = LessonPlanStatus.valueOf(status);
            plan.moveTo(next);
            if (next == LessonPlanStatus.RETURNED) {
                // The teacher must upload something newer than what was returned before resubmitting.
                plan.returnedAt(documents.currentVersion(plan.getDocumentId()));
                // Its revise step is the one way to a new version while the process holds the plan.
                holds.openForRevision(plan.getDocumentId(), LessonPlanService.holder(plan.getId()));
                Object comment = execution.getVariable("lastComment");
                notifier.toUser(plan.getTeacherUsername(), "LESSON_PLAN_RETURNED",
                        "Kế hoạch bài dạy \"" + plan.getLessonTitle() + "\" được trả lại để chỉnh sửa"
                                + (comment == null ? "." : ": " + comment), link(execution));
            }
        }

        /** A signature was put on the plan: what the teacher and the clerk read about it. */
        public void signed(DelegateExecution execution) {
            Object note = execution.getVariable("signatureNote");
            if (note != null) {
                plan(plans, execution).signatureNote(note.toString());
            }
        }
    }

    /**
     * Who may review a plan. The inbox never lets its author review or approve it; when the author is himself a head
     * of the group (often its only head), the head review is offered to the principal from the start as well, so that
     * someone else can always do it.
     */
    @Component("lessonPlanReviewers")
    public static class Reviewers {
        private final vn.truongso.school.UserDirectory users;

        Reviewers(vn.truongso.school.UserDirectory users) {
            this.users = users;
        }

        public List<String> headReview(DelegateExecution execution) {
            String heads = (String) execution.getVariable("headGroup");
            Object author = execution.getVariable("teacher");
            boolean authorIsHead = author != null && users.find(author.toString())
                    .map(u -> u.groups().contains(heads)).orElse(false);
            return authorIsHead ? List.of(heads, (String) execution.getVariable("principalGroup")) : List.of(heads);
        }
    }

    /** When a review counts as waiting too long, in working days. */
    @Component("reviewDeadlines")
    public static class Deadlines {
        private final WorkingCalendar calendar;
        private final Clock clock;
        private final int reminderDays;
        private final int escalationDays;

        Deadlines(WorkingCalendar calendar, Clock clock,
                  @Value("${truongso.lesson-plan.reminder-working-days}") int reminderDays,
                  @Value("${truongso.lesson-plan.escalation-working-days}") int escalationDays) {
            this.calendar = calendar;
            this.clock = clock;
            this.reminderDays = reminderDays;
            this.escalationDays = escalationDays;
        }

        public Date reminderAt() {
            return Date.from(calendar.addWorkingDays(clock.instant(), reminderDays));
        }

        public Date escalationAt() {
            return Date.from(calendar.addWorkingDays(clock.instant(), escalationDays));
        }
    }

    /** Reminds whoever holds the waiting review: its assignee, or else its candidate groups. */
    @Component("reviewReminder")
    static class Reminder implements JavaDelegate {
        private final TaskService tasks;
        private final Notifier notifier;

        Reminder(TaskService tasks, Notifier notifier) {
            this.tasks = tasks;
            this.notifier = notifier;
        }

        @Override
        public void execute(DelegateExecution execution) {
            for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
                String message = "Nhắc việc: \"" + task.getName() + "\" cho kế hoạch bài dạy \""
                        + execution.getVariable("displayTitle") + "\" của " + execution.getVariable("requesterName")
                        + " đang chờ quá hạn.";
                if (task.getAssignee() != null) {
                    notifier.toUser(task.getAssignee(), "REVIEW_REMINDER", message, link(execution));
                } else {
                    notifier.toGroups(TaskGroups.candidates(tasks, task.getId()), "REVIEW_REMINDER", message, link(execution));
                }
            }
        }
    }

    /** A head review that waited too long is offered to the principal too, who is told so. */
    @Component("reviewEscalation")
    static class Escalation implements JavaDelegate {
        private final TaskService tasks;
        private final Notifier notifier;

        Escalation(TaskService tasks, Notifier notifier) {
            this.tasks = tasks;
            this.notifier = notifier;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String principals = (String) execution.getVariable("principalGroup");
            for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                    .taskDefinitionKey("headReview").list()) {
                tasks.addCandidateGroup(task.getId(), principals);
            }
            notifier.toGroups(List.of(principals), "REVIEW_ESCALATED",
                    "Kế hoạch bài dạy \"" + execution.getVariable("displayTitle") + "\" của "
                            + execution.getVariable("requesterName")
                            + " chờ tổ trưởng duyệt quá lâu và được chuyển lên Ban giám hiệu.", link(execution));
        }
    }

    /** Approved: filed in the teacher's professional records for the school year, and the teacher is told. */
    @Component("lessonPlanFiling")
    static class Filing implements JavaDelegate {
        private final LessonPlanRepository plans;
        private final ProfessionalRecordRepository records;
        private final DocumentService documents;
        private final Notifier notifier;
        private final ApplicationEventPublisher events;
        private final Clock clock;
        private final DocumentHolds holds;

        Filing(LessonPlanRepository plans, ProfessionalRecordRepository records, DocumentService documents,
               Notifier notifier, ApplicationEventPublisher events, Clock clock, DocumentHolds holds) {
            this.holds = holds;
            this.plans = plans;
            this.records = records;
            this.documents = documents;
            this.notifier = notifier;
            this.events = events;
            this.clock = clock;
        }

        @Override
        public void execute(DelegateExecution execution) {
            LessonPlan plan = plan(plans, execution);
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

    /** A returned plan goes back to review only with a new version of its document. */
    @Component("revisionCheck")
    static class RevisionCheck implements TaskListener {
        private final LessonPlanRepository plans;
        private final DocumentService documents;
        private final DocumentHolds holds;

        RevisionCheck(LessonPlanRepository plans, DocumentService documents, DocumentHolds holds) {
            this.holds = holds;
            this.plans = plans;
            this.documents = documents;
        }

        @Override
        public void notify(DelegateTask task) {
            LessonPlan plan = plan(plans, task.getExecution());
            Integer returned = plan.getReturnedAtVersion();
            if (returned != null && documents.currentVersion(plan.getDocumentId()) <= returned) {
                throw ApiException.conflict("REVISION_MISSING",
                        "Vui lòng tải lên bản kế hoạch bài dạy đã chỉnh sửa (POST /api/documents/"
                                + plan.getDocumentId() + "/versions) trước khi nộp lại.");
            }
            // Resubmitted: the revised version is what the author signs and the reviewers see next.
            holds.hold(plan.getDocumentId(), LessonPlanService.holder(plan.getId()));
        }
    }
}
