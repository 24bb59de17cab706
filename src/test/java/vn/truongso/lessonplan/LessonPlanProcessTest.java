package vn.truongso.lessonplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.common.ApiException;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentService;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;
import vn.truongso.signing.RemoteSignatures;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;

/** Every path of bpmn/lesson-plan-approval.bpmn, driven through the engine with camunda-bpm-assert. */
@IntegrationTest
class LessonPlanProcessTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    LessonPlanService plans;
    @Autowired
    LessonPlanRepository planRepository;
    @Autowired
    DocumentService documents;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RemoteSignatures signatures;
    @LocalServerPort
    int port;
    Api api;

    CurrentUser teacher;
    UUID documentId;
    LessonPlanView plan;
    ProcessInstance instance;

    @BeforeEach
    void submit() {
        init(engine);
        api = new Api(port, engine.getManagementService());
        teacher = users.find("gv.lan").orElseThrow();
        documentId = documents.store(new DocumentService.Upload(TestPdfs.lessonPlan("Bài kiểm thử"), "khbd.pdf",
                "application/pdf"), "Bài kiểm thử quy trình", DocumentKind.LESSON_PLAN, teacher).id();
        plan = plans.submit(new LessonPlanService.SubmitRequest(documentId, "Toán", 8, "Bài kiểm thử quy trình", 3),
                teacher);
        instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(plan.processInstanceId()).singleResult();
        assertThat(instance).isWaitingAt("authorSign");
        assertThat(status()).isEqualTo(LessonPlanStatus.AWAITING_SIGNATURE);
        api.confirm("gv.lan", plan.signTransaction().transactionId().toString());
    }

    @Test
    void headThenPrincipalApprove() {
        assertThat(instance).isStarted().hasBusinessKey(plan.id().toString()).isWaitingAt("headReview");
        assertThat(task(instance)).hasCandidateGroup("THCSHB-KHTN.HEAD").hasName("Tổ trưởng duyệt kế hoạch bài dạy");
        assertThat(instance.getTenantId()).isEqualTo("THCSHB");
        assertThat(status()).isEqualTo(LessonPlanStatus.HEAD_REVIEW);

        decide("tt.hung", "APPROVE");
        assertThat(instance).hasPassed("headSign").isWaitingAt("principalApproval");
        assertThat(task(instance)).hasCandidateGroup("THCSHB.PRINCIPAL");
        assertThat(status()).isEqualTo(LessonPlanStatus.PRINCIPAL_APPROVAL);

        decide("ht.mai", "APPROVE");
        assertThat(instance).hasPassedInOrder("authorSign", "headReview", "headSign", "principalApproval", "principalSign",
                "fileInRecords").isEnded().hasPassed("approved");
        LessonPlan approved = planRepository.findById(plan.id()).orElseThrow();
        assertThat(approved.getStatus()).isEqualTo(LessonPlanStatus.APPROVED);
        assertThat(approved.getApprovedAt()).isNotNull();
        // Author, head and principal each signed: upload v1, then v2, v3, v4.
        assertThat(approved.getSignatureNote()).startsWith("Đã ký số bởi Phạm Thị Mai");
        assertThat(documents.currentVersion(documentId)).isEqualTo(4);
        assertThat(plans.professionalRecords(teacher, approved.getSchoolYear()))
                .anySatisfy(r -> assertThat(r.lessonPlanId()).isEqualTo(plan.id()));
        assertThat(notifications("gv.lan", "LESSON_PLAN_APPROVED")).isEqualTo(1);
    }

    @Test
    void headReturnsThenTeacherRevisesThenApproved() {
        decide("tt.hung", "RETURN", "Bổ sung phần luyện tập");
        assertThat(instance).isWaitingAt("revise");
        assertThat(task(instance)).isAssignedTo("gv.lan");
        assertThat(status()).isEqualTo(LessonPlanStatus.RETURNED);
        assertThat(notifications("gv.lan", "LESSON_PLAN_RETURNED")).isEqualTo(1);

        // Resubmitting without a new version is refused and changes nothing.
        assertThatThrownBy(() -> decide("gv.lan", "RESUBMIT")).hasRootCauseInstanceOf(ApiException.class)
                .rootCause().hasMessageContaining("tải lên bản kế hoạch bài dạy đã chỉnh sửa");
        assertThat(instance).isWaitingAt("revise");

        documents.addVersion(documentId, new DocumentService.Upload(TestPdfs.lessonPlan("Bản sửa"), "khbd-v2.pdf",
                "application/pdf"), "Bổ sung luyện tập", teacher);
        decide("gv.lan", "RESUBMIT");
        assertThat(instance).isWaitingAt("headReview");
        decide("tt.hung", "APPROVE");
        decide("ht.mai", "APPROVE");
        assertThat(instance).isEnded().hasPassed("approved");
        assertThat(plans.professionalRecords(teacher, null))
                .anySatisfy(r -> {
                    assertThat(r.lessonPlanId()).isEqualTo(plan.id());
                    // v1 upload, v2 author, v3 revision, v4 author again, v5 head, v6 principal.
                    assertThat(r.documentVersion()).isEqualTo(6);
                });
    }

    @Test
    void principalReturnsToTeacherAndReviewStartsAgain() {
        decide("tt.hung", "APPROVE");
        decide("ht.mai", "RETURN", "Chưa ghi rõ mục tiêu bài học");
        assertThat(instance).isWaitingAt("revise");
        assertThat(status()).isEqualTo(LessonPlanStatus.RETURNED);
        documents.addVersion(documentId, new DocumentService.Upload(TestPdfs.lessonPlan("Bản sửa 2"), "v2.pdf",
                "application/pdf"), null, teacher);
        decide("gv.lan", "RESUBMIT");
        // The content changed, so the head reviews it again before the principal sees it.
        assertThat(instance).isWaitingAt("headReview");
        assertThat(instance).isNotEnded();
    }

    @Test
    void reminderAfterTwoWorkingDaysKeepsTheReviewOpen() {
        assertThat(instance).isWaitingAt("headReview");
        assertThat(job("headReviewLate", instance)).isNotNull();
        execute(job("headReviewLate", instance));
        assertThat(instance).isWaitingAt("headReview").hasPassed("remindHead");
        assertThat(notifications("tt.hung", "REVIEW_REMINDER")).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from notification where kind = 'REVIEW_REMINDER' and link = ?",
                Integer.class, "/api/lesson-plans/" + plan.id())).isEqualTo(1);
    }

    @Test
    void escalationAfterFiveWorkingDaysOffersTheReviewToThePrincipal() {
        execute(job("headReviewVeryLate", instance));
        assertThat(instance).isWaitingAt("headReview").hasPassed("escalateToPrincipal");
        assertThat(task(instance)).hasCandidateGroup("THCSHB-KHTN.HEAD").hasCandidateGroup("THCSHB.PRINCIPAL");
        assertThat(jdbc.queryForObject("select count(*) from notification where kind = 'REVIEW_ESCALATED' "
                + "and recipient = 'ht.mai' and link = ?", Integer.class, "/api/lesson-plans/" + plan.id())).isEqualTo(1);
        // The principal may now act on it.
        decide("ht.mai", "APPROVE");
        assertThat(instance).isWaitingAt("principalApproval");
    }

    @Test
    void timersAreDueInWorkingDaysAndReviewTasksCarryTheReminderAsDueDate() {
        var reminder = job("headReviewLate", instance).getDuedate().toInstant();
        var escalation = job("headReviewVeryLate", instance).getDuedate().toInstant();
        assertThat(escalation).isAfter(reminder);
        // Two working days never take less than two calendar days, and five never less than five (the timers are
        // computed a moment before the task exists, hence the minute of slack).
        var created = task(instance).getCreateTime().toInstant().minus(java.time.Duration.ofMinutes(1));
        assertThat(java.time.Duration.between(created, reminder).toDays()).isGreaterThanOrEqualTo(2);
        assertThat(java.time.Duration.between(created, escalation).toDays()).isGreaterThanOrEqualTo(5);
        // The task's due date is its reminder: that is when the inbox starts calling it overdue.
        assertThat(java.time.Duration.between(task(instance).getDueDate().toInstant(), reminder).abs())
                .isLessThan(java.time.Duration.ofMinutes(1));
    }

    private LessonPlanStatus status() {
        return planRepository.findById(plan.id()).orElseThrow().getStatus();
    }

    private int notifications(String user, String kind) {
        return jdbc.queryForObject("select count(*) from notification where recipient = ? and kind = ? and link = ?",
                Integer.class, user, kind, "/api/lesson-plans/" + plan.id());
    }

    private void decide(String user, String decision) {
        decide(user, decision, null);
    }

    /**
     * What the inbox does: the actor claims, the decision goes on the task, the task completes; a decision that signs
     * is then confirmed on the signer's phone.
     */
    private void decide(String user, String decision, String comment) {
        var task = task(instance);
        if (task.getAssignee() == null) {
            engine.getTaskService().claim(task.getId(), user);
        }
        engine.getTaskService().setVariablesLocal(task.getId(), Map.of("decision", decision, "channel", "DIGITAL"));
        complete(task, withVariables("decision", decision, "lastActor", user, "lastComment", comment,
                "lastChannel", "DIGITAL"));
        signatures.requestConfirmation(user).ifPresent(c -> api.confirm(user, c.transactionId().toString()));
    }
}
