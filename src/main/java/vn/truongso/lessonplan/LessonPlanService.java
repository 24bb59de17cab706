package vn.truongso.lessonplan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import vn.truongso.common.ApiException;
import vn.truongso.common.Paging;
import vn.truongso.common.TaskGroups;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentHolds;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentView;
import vn.truongso.signing.RemoteSignatures;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;
import vn.truongso.steps.ProcessStart;
import vn.truongso.steps.ProcessStarter;
import vn.truongso.steps.StepHistory;

@Service
@Transactional
@Validated
public class LessonPlanService {

    static final String PROCESS_KEY = "lessonPlanApproval";

    private final LessonPlanRepository plans;
    private final ProfessionalRecordRepository records;
    private final DocumentService documents;
    private final UserDirectory users;
    private final StepHistory history;
    private final ProcessStarter starter;
    private final TaskService tasks;
    private final RemoteSignatures signatures;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final DocumentHolds holds;

    LessonPlanService(LessonPlanRepository plans, ProfessionalRecordRepository records, DocumentService documents,
                      UserDirectory users, StepHistory history, ProcessStarter starter, TaskService tasks,
                      RemoteSignatures signatures, Clock clock,
                      org.springframework.context.ApplicationEventPublisher events, DocumentHolds holds) {
        this.holds = holds;
        this.events = events;
        this.plans = plans;
        this.records = records;
        this.documents = documents;
        this.users = users;
        this.history = history;
        this.starter = starter;
        this.tasks = tasks;
        this.signatures = signatures;
        this.clock = clock;
    }

    /** Checked on {@link #submit} (the teacher's page builds it too), before the teacher's role. */
    public record SubmitRequest(@NotNull(message = "{DOCUMENT_REQUIRED}") UUID documentId,
                                @NotBlank(message = "{SUBJECT_REQUIRED}")
                                @Size(max = 120, message = "{SUBJECT_REQUIRED}") String subject,
                                @NotNull(message = "{GRADE_INVALID}") @Min(value = 1, message = "{GRADE_INVALID}")
                                @Max(value = 12, message = "{GRADE_INVALID}") Integer grade,
                                @NotBlank(message = "{LESSON_TITLE_REQUIRED}")
                                @Size(max = 500, message = "{LESSON_TITLE_REQUIRED}") String lessonTitle,
                                @NotNull(message = "{WEEK_INVALID}") @Min(value = 1, message = "{WEEK_INVALID}")
                                @Max(value = 52, message = "{WEEK_INVALID}") Integer week) {
    }

    public LessonPlanView submit(@Valid SubmitRequest req, CurrentUser teacher) {
        if (!teacher.has(Role.TEACHER) || teacher.subjectGroupId() == null || teacher.organisationCode() == null) {
            throw ApiException.forbidden();
        }
        DocumentView doc = documents.get(req.documentId(), teacher);
        if (!doc.owner().equals(teacher.username())) {
            throw new ApiException(org.springframework.http.HttpStatus.FORBIDDEN, "NOT_DOCUMENT_OWNER",
                    "Chỉ được nộp kế hoạch bài dạy do chính bạn tải lên.");
        }
        if (doc.kind() != DocumentKind.LESSON_PLAN) {
            throw ApiException.badRequest("DOCUMENT_KIND_MISMATCH",
                    "Văn bản này không phải kế hoạch bài dạy (loại LESSON_PLAN).");
        }
        if (plans.existsByDocumentIdAndStatusIn(doc.id(), EnumSet.allOf(LessonPlanStatus.class))) {
            throw ApiException.conflict("PLAN_ALREADY_SUBMITTED", "Văn bản này đã được nộp duyệt.");
        }
        LocalDate today = LocalDate.now(clock.withZone(VietnamTime.ZONE));
        LessonPlan plan = plans.save(new LessonPlan(doc.id(), teacher.organisationCode(), teacher.subjectGroupId(),
                teacher.username(), req.subject().strip(), req.grade(), req.lessonTitle().strip(), req.week(),
                UserDirectory.schoolYear(today), clock.instant()));
        // From here on the process decides the plan's versions: the one handed in is what gets reviewed and signed.
        holds.hold(doc.id(), holder(plan.getId()));

        // The inbox keeps every review of the plan away from its author (nobody approves their own document).
        plan.started(starter.start(ProcessStart.of(PROCESS_KEY, plan.getId().toString(), teacher.username(),
                        plan.getSchoolCode(), plan.getLessonTitle())
                .requester(teacher.fullName())
                .document(doc.id())
                .submitter(teacher.username())
                .with("planId", plan.getId().toString())
                .with("teacher", teacher.username())
                .with(LessonPlanTaskFields.HEAD_GROUP, Groups.headsOf(plan.getSubjectGroupId()))
                .with("principalGroup", Groups.role(plan.getSchoolCode(), Role.PRINCIPAL))
                .with(LessonPlanTaskFields.SUBJECT, plan.getSubject())
                .with(LessonPlanTaskFields.GRADE, plan.getGrade())
                .with(LessonPlanTaskFields.WEEK, plan.getWeek())));
        events.publishEvent(new LessonPlanSubmitted(plan.getId(), doc.id(), plan.getSchoolCode(), teacher.username(),
                doc.version(), doc.sha256(), plan.getProcessInstanceId()));
        // The author's signature waits for the teacher's code; the plan goes to review once it is confirmed.
        return view(plan, teacher, signatures.requestConfirmation(teacher.username()).orElse(null));
    }

    /** How the plan's process is named as the holder of its document. */
    static String holder(UUID planId) {
        return "LESSON_PLAN:" + planId;
    }

    @Transactional(readOnly = true)
    public LessonPlanView get(UUID id, CurrentUser user) {
        return view(readable(id, user), user);
    }

    @Transactional(readOnly = true)
    public Page<LessonPlanSummary> list(CurrentUser user, int page, int size) {
        Paging.requireReachable(page, size);
        PageRequest req = PageRequest.of(page, size);
        Page<LessonPlan> result;
        if (user.has(Role.PRINCIPAL) || user.has(Role.VICE_PRINCIPAL) || user.has(Role.CLERK)) {
            result = plans.findBySchoolCodeOrderBySubmittedAtDesc(user.organisationCode(), req);
        } else if (user.has(Role.HEAD)) {
            result = plans.findBySchoolCodeAndSubjectGroupIdOrderBySubmittedAtDesc(user.organisationCode(),
                    user.subjectGroupId(), req);
        } else if (user.has(Role.TEACHER)) {
            result = plans.findByTeacherUsernameOrderBySubmittedAtDesc(user.username(), req);
        } else {
            throw ApiException.forbidden();
        }
        return result.map(p -> new LessonPlanSummary(p.getId(), p.getLessonTitle(), p.getSubject(), p.getGrade(),
                p.getWeek(), p.getTeacherUsername(), p.getStatus(), p.getStatus().text(),
                VietnamTime.of(p.getSubmittedAt())));
    }

    public record LessonPlanSummary(UUID id, String lessonTitle, String subject, int grade, int week, String teacher,
                             LessonPlanStatus status, String statusText, OffsetDateTime submittedAt) {
    }

    record RecordEntry(Long id, String schoolYear, UUID lessonPlanId, UUID documentId, int documentVersion,
                       String title, OffsetDateTime filedAt) {
    }

    /** The signed-in teacher's professional records (hồ sơ chuyên môn), optionally for one school year. */
    @Transactional(readOnly = true)
    List<RecordEntry> professionalRecords(CurrentUser teacher, String schoolYear) {
        List<ProfessionalRecord> found = schoolYear == null
                ? records.findByTeacherUsernameOrderByFiledAtDesc(teacher.username())
                : records.findByTeacherUsernameAndSchoolYearOrderByFiledAtDesc(teacher.username(), schoolYear);
        return found.stream().map(r -> new RecordEntry(r.getId(), r.getSchoolYear(), r.getLessonPlanId(),
                r.getDocumentId(), r.getDocumentVersion(), r.getTitle(), VietnamTime.of(r.getFiledAt()))).toList();
    }

    /**
     * Teacher: own plans; head: their group's; principal, vice-principal and clerk: their school's. Anyone else: not
     * found.
     */
    static boolean mayRead(LessonPlan p, CurrentUser u) {
        if (p.getTeacherUsername().equals(u.username())) {
            return true;
        }
        if (!u.worksFor(p.getSchoolCode())) {
            return false;
        }
        return u.has(Role.PRINCIPAL) || u.has(Role.VICE_PRINCIPAL) || u.has(Role.CLERK)
                || (u.has(Role.HEAD) && p.getSubjectGroupId().equals(u.subjectGroupId()));
    }

    private LessonPlan readable(UUID id, CurrentUser user) {
        return plans.findById(id).filter(p -> mayRead(p, user))
                .orElseThrow(() -> ApiException.notFound("kế hoạch bài dạy"));
    }

    private LessonPlanView view(LessonPlan p, CurrentUser viewer) {
        return view(p, viewer, null);
    }

    private LessonPlanView view(LessonPlan p, CurrentUser viewer, RemoteSignatures.Confirmation confirmation) {
        LessonPlanView.CurrentStep step = null;
        if (p.getProcessInstanceId() != null) {
            Task task = tasks.createTaskQuery().processInstanceId(p.getProcessInstanceId()).active()
                    .orderByTaskCreateTime().desc().list().stream().findFirst().orElse(null);
            if (task != null) {
                List<String> groups = TaskGroups.candidates(tasks, task.getId());
                step = new LessonPlanView.CurrentStep(task.getId(), task.getTaskDefinitionKey(), task.getName(),
                        task.getAssignee(), groups, VietnamTime.of(task.getCreateTime()),
                        VietnamTime.of(task.getDueDate()));
            } else {
                step = signatures.waitingIn(p.getProcessInstanceId()).map(w -> new LessonPlanView.CurrentStep(null,
                        w.step(), w.name(), w.signer(), List.of(), w.since(), w.expiresAt())).orElse(null);
            }
        }
        List<StepHistory.Step> steps = p.getProcessInstanceId() == null ? List.of()
                : history.of(p.getProcessInstanceId());
        DocumentView doc = documents.get(p.getDocumentId(), viewer);
        String teacherName = users.find(p.getTeacherUsername()).map(CurrentUser::fullName).orElse(null);
        return new LessonPlanView(p.getId(), p.getDocumentId(), p.getSubject(), p.getGrade(), p.getLessonTitle(),
                p.getWeek(), p.getSchoolYear(), p.getSchoolCode(), p.getTeacherUsername(), teacherName,
                p.getStatus(), p.getStatus().text(), p.getSignatureNote(), p.getProcessInstanceId(),
                VietnamTime.of(p.getSubmittedAt()), VietnamTime.of(p.getApprovedAt()), step, steps,
                history.share(steps), doc.versions(), confirmation);
    }
}
