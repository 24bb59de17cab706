package vn.truongso.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentService;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/** Every path of bpmn/enrolment-request.bpmn and bpmn/admission-round.bpmn, driven through the engine. */
@IntegrationTest
class EnrolmentProcessTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    RoundService rounds;
    @Autowired
    EnrolmentService enrolments;
    @Autowired
    EnrolmentApplicationRepository applications;
    @Autowired
    DocumentService documents;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @LocalServerPort
    int port;

    EnrolmentFixtures f;
    Api api;
    CurrentUser parent;
    int year;
    RoundService.RoundView round;

    @BeforeEach
    void setUp() {
        init(engine);
        api = new Api(port, engine.getManagementService());
        f = new EnrolmentFixtures(rounds, enrolments, documents, users, clock);
        parent = f.user("ph.binh");
        year = EnrolmentFixtures.nextYear("THCSHB");
        round = f.round("THCSHB", year, 2);
    }

    ProcessInstance instance(EnrolmentView v) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(v.processInstanceId())
                .singleResult();
    }

    ProcessInstance roundInstance() {
        return engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(round.processInstanceId()).singleResult();
    }

    EnrolmentStatus status(EnrolmentView v) {
        return applications.findById(v.id()).orElseThrow().getStatus();
    }

    void clerk(ProcessInstance pi, String decision, String comment, Map<String, Object> more) {
        Map<String, Object> vars = new java.util.HashMap<>(more);
        vars.put("decision", decision);
        vars.put("lastActor", "vt.hoa");
        vars.put("lastComment", comment);
        engine.getTaskService().claim(task(pi).getId(), "vt.hoa");
        engine.getTaskService().complete(task(pi).getId(), vars);
    }

    int notifications(String user, String kind) {
        return jdbc.queryForObject("select count(*) from notification where recipient = ? and kind = ?",
                Integer.class, user, kind);
    }

    @Test
    void eligibleApplicationGoesToTheClerkWhoAccepts() {
        EnrolmentView v = f.apply(parent, "THCSHB", year, "Đặng Minh An", 0.5);
        ProcessInstance pi = instance(v);
        assertThat(pi).hasPassed("applied", "assessEligibility").isWaitingAt("checkPapers");
        assertThat(pi.getTenantId()).isEqualTo("THCSHB");
        assertThat(task(pi)).hasCandidateGroup("THCSHB.CLERK").hasName("Kiểm tra hồ sơ tuyển sinh");
        assertThat(v.eligibility().eligible()).isTrue();
        assertThat(v.eligibility().reason()).isNotBlank();
        assertThat(v.eligibility().priorityPoints()).isPositive();
        assertThat(v.status()).isEqualTo(EnrolmentStatus.CHECKING);

        clerk(pi, "ACCEPT", null, Map.of());
        assertThat(pi).hasPassed("accept").isWaitingAt("awaitResult");
        assertThat(status(v)).isEqualTo(EnrolmentStatus.ACCEPTED);
    }

    @Test
    void ineligibleApplicationIsRejectedWithTheTablesReason() {
        EnrolmentService.ApplyRequest req = f.request(parent, "THCSHB", year, "Đặng Út Nhỏ", 0.5, List.of());
        // Ten in the enrolment year: too young for grade 6 without having skipped a grade.
        LocalDate birth = LocalDate.of(year - 10, 5, 1);
        req = new EnrolmentService.ApplyRequest(new EnrolmentService.ChildIn("Đặng Út Nhỏ", birth,
                EnrolmentFixtures.personalId(year - 10, Gender.FEMALE), "FEMALE"), req.parent(), req.address(),
                req.schoolCode(), 6, List.of(), req.papers(), year);
        EnrolmentView v = enrolments.apply(req, parent);
        assertThat(instance(v)).isNull();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(v.processInstanceId()).activityId("ineligible").count()).isEqualTo(1);
        EnrolmentApplication app = applications.findById(v.id()).orElseThrow();
        assertThat(app.getStatus()).isEqualTo(EnrolmentStatus.REJECTED);
        assertThat(app.getStatusReason()).isEqualTo(app.getEligibilityReason()).contains("lớp 6");
        assertThat(v.status()).isEqualTo(EnrolmentStatus.REJECTED);
    }

    @Test
    void requestMoreThenPapersThenAccepted() {
        EnrolmentView v = f.apply(parent, "THCSHB", year, "Đặng Minh Bảo", 1.0);
        ProcessInstance pi = instance(v);
        String deadline = LocalDate.now(clock.withZone(VietnamTime.ZONE)).plusDays(5).toString();
        clerk(pi, "REQUEST_MORE", "Giấy khai sinh bị mờ", Map.of("papersDeadline", deadline,
                "missingPapers", "BIRTH_CERTIFICATE"));
        assertThat(pi).hasPassed("requestPapers").isWaitingAt("awaitPapers");
        assertThat(status(v)).isEqualTo(EnrolmentStatus.PAPERS_REQUESTED);
        assertThat(notifications("ph.binh", "ENROLMENT_PAPERS_REQUESTED")).isPositive();
        EnrolmentView seen = enrolments.get(v.id(), parent);
        assertThat(seen.requestedPapers().kinds()).containsExactly(PaperKind.BIRTH_CERTIFICATE);
        assertThat(seen.requestedPapers().deadline()).isEqualTo(deadline);

        UUID clearer = f.paper(parent, "Giấy khai sinh (bản rõ)");
        enrolments.addPapers(v.id(), new EnrolmentService.PapersRequest(List.of(
                new EnrolmentService.PaperIn(clearer, "BIRTH_CERTIFICATE"))), parent);
        assertThat(pi).isWaitingAt("checkPapers");
        assertThat(status(v)).isEqualTo(EnrolmentStatus.CHECKING);
        clerk(pi, "ACCEPT", null, Map.of());
        assertThat(pi).hasPassedInOrder("checkPapers", "requestPapers", "awaitPapers", "checkPapers", "accept")
                .isWaitingAt("awaitResult");
        assertThat(status(v)).isEqualTo(EnrolmentStatus.ACCEPTED);
    }

    @Test
    void requestMoreThenDeadlinePassesThenLapsed() {
        EnrolmentView v = f.apply(parent, "THCSHB", year, "Đặng Minh Châu", 1.0);
        ProcessInstance pi = instance(v);
        String deadline = LocalDate.now(clock.withZone(VietnamTime.ZONE)).plusDays(3).toString();
        clerk(pi, "REQUEST_MORE", "Thiếu xác nhận cư trú", Map.of("papersDeadline", deadline,
                "missingPapers", "RESIDENCE_CONFIRMATION"));
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
        // Due at the end of the deadline day, Vietnam time.
        assertThat(timer.getDuedate().toInstant()).isEqualTo(LocalDate.parse(deadline).plusDays(1)
                .atStartOfDay(VietnamTime.ZONE).toInstant());
        engine.getManagementService().executeJob(timer.getId());
        assertThat(pi).hasPassed("lapse").isEnded().hasPassed("lapsed");
        assertThat(status(v)).isEqualTo(EnrolmentStatus.LAPSED);
        assertThat(applications.findById(v.id()).orElseThrow().getStatusReason()).contains("Không bổ sung");
        // The family reads the whole story: what people did, what the system did by itself, the wait and the end.
        assertThat(enrolments.get(v.id(), parent).steps()).extracting(s -> s.kind() + ":" + s.step() + ":"
                        + s.actor() + ":" + (s.endedAt() != null))
                .containsExactly("SUBMISSION:applied:ph.binh:true", "AUTOMATIC:assessEligibility:null:true",
                        "TASK:checkPapers:vt.hoa:true", "AUTOMATIC:requestPapers:null:true",
                        "WAIT:awaitPapers:null:true", "AUTOMATIC:papersDeadline:null:true", "AUTOMATIC:lapse:null:true",
                        "END:lapsed:null:true");
        // A lapsed application no longer blocks the child: the family may apply again.
        assertThat(applications.existsByActiveKey(v.child().personalId() + ":" + year)).isFalse();
    }

    @Test
    void clerkRejectsWithReason() {
        EnrolmentView v = f.apply(parent, "THCSHB", year, "Đặng Minh Dũng", 1.0);
        ProcessInstance pi = instance(v);
        clerk(pi, "REJECT", "Giấy tờ không phải của trẻ", Map.of());
        assertThat(pi).hasPassed("reject").isEnded().hasPassed("rejectedEnd");
        EnrolmentApplication app = applications.findById(v.id()).orElseThrow();
        assertThat(app.getStatus()).isEqualTo(EnrolmentStatus.REJECTED);
        assertThat(app.getStatusReason()).isEqualTo("Giấy tờ không phải của trẻ");
        assertThat(notifications("ph.binh", "ENROLMENT_REJECTED")).isPositive();
    }

    @Test
    void windowClosesThenPrincipalApprovesTheRankedListAndSignsOnce() {
        // Three accepted, two seats: the one with the farthest home is not admitted.
        EnrolmentView near = f.apply(parent, "THCSHB", year, "Đặng Gần Nhà", 0.3);
        EnrolmentView far = f.apply(parent, "THCSHB", year, "Đặng Xa Nhà", 4.0);
        EnrolmentView middle = f.apply(parent, "THCSHB", year, "Đặng Giữa", 1.5);
        Map<UUID, ProcessInstance> pis = new java.util.HashMap<>();
        for (EnrolmentView v : List.of(near, far, middle)) {
            pis.put(v.id(), instance(v));
            clerk(instance(v), "ACCEPT", null, Map.of());
        }
        ProcessInstance ri = roundInstance();
        assertThat(ri).isWaitingAt("takingApplications");
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(ri.getId()).timers().singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(round.closesAt().toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        engine.getManagementService().setJobDuedate(timer.getId(), new Date(clock.millis() - 1000));
        engine.getManagementService().executeJob(timer.getId());

        assertThat(ri).hasPassed("windowClosed", "rankApplications").isWaitingAt("approveList");
        assertThat(task(ri)).hasCandidateGroup("THCSHB.PRINCIPAL").hasName("Duyệt danh sách trúng tuyển");
        RoundService.Ranking ranking = rounds.ranking(round.id(), f.user("ht.mai"));
        assertThat(ranking.rows()).extracting(RoundService.RankedRow::childName)
                .containsExactly("Đặng Gần Nhà", "Đặng Giữa", "Đặng Xa Nhà");
        assertThat(ranking.rows()).extracting(RoundService.RankedRow::withinSeats).containsExactly(true, true, false);

        Api.Response approved = api.complete("ht.mai", task(ri).getId(), "APPROVE", null, null);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(202);
        assertThat(approved.json().get("documents").asInt()).isEqualTo(2);
        assertThat(ri).isWaitingAt("signDecisions");
        assertThat(status(far)).isEqualTo(EnrolmentStatus.NOT_ADMITTED);
        assertThat(pis.get(far.id())).isEnded().hasPassed("notAdmitted");

        api.confirm("ht.mai", approved.json().get("transactionId").asText());
        assertThat(ri).hasPassed("signDecisions").isEnded().hasPassed("decided");
        for (EnrolmentView v : List.of(near, middle)) {
            EnrolmentApplication app = applications.findById(v.id()).orElseThrow();
            assertThat(app.getStatus()).isEqualTo(EnrolmentStatus.ADMITTED);
            assertThat(app.isDecisionSigned()).isTrue();
            assertThat(app.getDecisionNumber()).matches("Số: \\d+/QĐ-THCSHB");
            assertThat(documents.currentVersion(app.getDecisionDocumentId())).isEqualTo(2);
            assertThat(pis.get(v.id())).isEnded().hasPassed("admitted");
        }
    }

    @Test
    void refusedSignatureComesBackToThePrincipalAndLateAcceptanceIsNotAdmitted() {
        EnrolmentView one = f.apply(parent, "THCSHB", year, "Đặng Ký Lại", 0.3);
        EnrolmentView late = f.apply(parent, "THCSHB", year, "Đặng Chậm Trễ", 0.6);
        ProcessInstance onePi = instance(one);
        ProcessInstance latePi = instance(late);
        clerk(onePi, "ACCEPT", null, Map.of());
        Api.Response closed = api.postJson("ht.mai", "/api/enrolment-rounds/" + round.id() + "/close", null);
        assertThat(closed.status()).isEqualTo(200);
        ProcessInstance ri = roundInstance();
        assertThat(ri).hasPassed("takingApplications", "rankApplications").isWaitingAt("approveList");

        Api.Response approved = api.complete("ht.mai", task(ri).getId(), "APPROVE", null, null);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(202);
        Api.Response refused = api.postJson("ht.mai", "/api/sign-transactions/"
                + approved.json().get("transactionId").asText() + "/reject", Map.of("reason", "Sai tên"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        assertThat(ri).isWaitingAt("resign");
        assertThat(task(ri)).isAssignedTo("ht.mai").hasName("Hiệu trưởng ký lại quyết định trúng tuyển");
        assertThat(applications.findById(one.id()).orElseThrow().isDecisionSigned()).isFalse();

        Api.Response again = api.complete("ht.mai", task(ri).getId(), "SIGN", null, null);
        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        assertThat(again.json().get("documents").asInt()).isEqualTo(1);
        api.confirm("ht.mai", again.json().get("transactionId").asText());
        assertThat(ri).isEnded().hasPassed("decided");
        assertThat(applications.findById(one.id()).orElseThrow().isDecisionSigned()).isTrue();
        assertThat(onePi).isEnded().hasPassed("admitted");

        // The clerk accepts the second one only now: too late for this round's list.
        clerk(latePi, "ACCEPT", null, Map.of());
        assertThat(latePi).isEnded().hasPassed("notAdmitted");
        assertThat(status(late)).isEqualTo(EnrolmentStatus.NOT_ADMITTED);
    }
}
