package vn.truongso.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentService;
import vn.truongso.school.UserDirectory;
import vn.truongso.signing.RemoteSignatures;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;

/** The paths of bpmn/report-campaign.bpmn and bpmn/school-report.bpmn, driven through the engine (camunda-bpm-assert). */
@IntegrationTest
class ReportProcessTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    ReportCampaignService campaigns;
    @Autowired
    SchoolReportRepository rows;
    @Autowired
    DocumentService documents;
    @Autowired
    UserDirectory users;
    @Autowired
    RemoteSignatures signatures;
    @LocalServerPort
    int port;
    Api api;

    ReportCampaign campaign;
    ProcessInstance campaignInstance;

    @BeforeEach
    void setUp() {
        init(engine);
        api = new Api(port, engine.getManagementService());
    }

    void open(String... schools) {
        campaign = campaigns.open("VHXH-HB", "Báo cáo kiểm thử quy trình", ReportPeriod.AD_HOC,
                LocalDate.now(VietnamTime.ZONE).plusDays(7), List.of(schools), null, "cv.nam", null, null);
        campaignInstance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(campaign.getProcessInstanceId()).singleResult();
    }

    ProcessInstance school(String code) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("schoolReport")
                .processInstanceBusinessKey(campaign.getId().toString()).tenantIdIn(code).singleResult();
    }

    SchoolReport row(String code) {
        return rows.findByCampaignIdAndSchoolCode(campaign.getId(), code).orElseThrow();
    }

    /** What the inbox does: claim, decide, complete; a decision that signs is then confirmed with the code. */
    void decide(Task task, String user, String decision, String comment, String channel, boolean confirm,
                Map<String, Object> more) {
        if (task.getAssignee() == null) {
            engine.getTaskService().claim(task.getId(), user);
        }
        Map<String, Object> vars = new java.util.HashMap<>(more);
        vars.putAll(withVariables("decision", decision, "lastActor", user, "lastChannel", channel));
        vars.put("lastComment", comment);
        complete(task, vars);
        if (confirm) {
            signatures.requestConfirmation(user).ifPresent(c -> api.confirm(user, c.transactionId().toString()));
        }
    }

    String prepare(ProcessInstance school, String clerk) {
        String doc = documents.store(new DocumentService.Upload(TestPdfs.lessonPlan("Báo cáo"), "bc.pdf",
                        "application/pdf"), "Báo cáo kiểm thử", DocumentKind.REPORT, users.find(clerk).orElseThrow())
                .id().toString();
        Task prepare = task(school);
        assertThat(prepare).hasName("Chuẩn bị báo cáo");
        decide(prepare, clerk, "SUBMIT", null, "DIGITAL", false, Map.of("documentId", doc));
        return doc;
    }

    Task officerTask() {
        return engine.getTaskService().createTaskQuery().processInstanceId(campaignInstance.getId())
                .taskDefinitionKey("officerReceive").singleResult();
    }

    @Test
    void preparedSignedNumberedAndAccepted() {
        open("THCSHB");
        assertThat(campaignInstance).isStarted().hasBusinessKey(campaign.getId().toString()).isWaitingAt("schoolReports");
        assertThat(campaignInstance.getTenantId()).isEqualTo("VHXH-HB");
        ProcessInstance hb = school("THCSHB");
        assertThat(hb).isWaitingAt("prepare");
        assertThat(task(hb)).hasCandidateGroup("THCSHB.CLERK");
        assertThat(row("THCSHB").getStatus()).isEqualTo(ReportStatus.NOT_STARTED);

        prepare(hb, "vt.hoa");
        assertThat(hb).isWaitingAt("principalReview");
        assertThat(task(hb)).hasCandidateGroup("THCSHB.PRINCIPAL").hasName("Ký báo cáo");
        assertThat(row("THCSHB").getStatus()).isEqualTo(ReportStatus.AWAITING_SIGNATURE);

        decide(task(hb), "ht.mai", "APPROVE", null, "DIGITAL", true, Map.of());
        assertThat(hb).hasPassedInOrder("prepare", "principalReview", "principalSign", "submit").isWaitingAt("awaitDecision");
        assertThat(row("THCSHB").getStatus()).isEqualTo(ReportStatus.SUBMITTED);
        assertThat(row("THCSHB").getOutgoingSymbol()).endsWith("/BC-THCSHB");
        assertThat(row("THCSHB").getElectronic()).isTrue();

        Task receive = officerTask();
        assertThat(receive).hasName("Tiếp nhận báo cáo").hasCandidateGroup("VHXH-HB.OFFICER");
        assertThat(receive.getTenantId()).isEqualTo("VHXH-HB");
        decide(receive, "cv.nam", "ACCEPT", null, "DIGITAL", false, Map.of());
        assertThat(campaignInstance).hasPassed("decide");
        api.runJobs();
        assertThat(hb).hasPassed("accepted").isEnded();
        assertThat(campaignInstance).hasPassedInOrder("schoolReports", "close", "allReceived").isEnded();
        assertThat(row("THCSHB").getStatus()).isEqualTo(ReportStatus.ACCEPTED);
        assertThat(row("THCSHB").getArrivalNumber()).isPositive();
    }

    @Test
    void aRejectedSignatureGoesBackToThePrincipalAndTheOfficeMayReturn() {
        open("THCSHB");
        ProcessInstance hb = school("THCSHB");
        prepare(hb, "vt.hoa");
        decide(task(hb), "ht.mai", "APPROVE", null, "DIGITAL", false, Map.of());
        String tx = signatures.requestConfirmation("ht.mai").orElseThrow().transactionId().toString();
        assertThat(api.postJson("ht.mai", "/api/sign-transactions/" + tx + "/reject", Map.of("reason", "Nhầm tệp"))
                .status()).isEqualTo(200);
        api.runJobs();
        assertThat(hb).hasPassed("principalSign").isWaitingAt("principalReview");
        assertThat(task(hb)).isAssignedTo("ht.mai");

        decide(task(hb), "ht.mai", "APPROVE", null, "DIGITAL", true, Map.of());
        assertThat(hb).isWaitingAt("awaitDecision");
        decide(officerTask(), "cv.nam", "RETURN", "Thiếu phụ lục", "DIGITAL", false, Map.of());
        api.runJobs();
        assertThat(hb).isWaitingAt("prepare");
        assertThat(row("THCSHB").getStatus()).isEqualTo(ReportStatus.RETURNED);
        assertThat(row("THCSHB").getReturnComment()).isEqualTo("Thiếu phụ lục");
        assertThat(campaignInstance).isWaitingAt("schoolReports");
    }

    @Test
    void anExpiredSignatureGoesBackToThePrincipal() {
        open("THCSHB");
        ProcessInstance hb = school("THCSHB");
        prepare(hb, "vt.hoa");
        decide(task(hb), "ht.mai", "APPROVE", null, "DIGITAL", false, Map.of());
        String signing = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(hb.getId())
                .singleResult().getId();
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
                .processInstanceId(signing).timers().singleResult().getId());
        assertThat(hb).isWaitingAt("principalReview");
        assertThat(task(hb)).isAssignedTo("ht.mai");
        assertThat(row("THCSHB").getSubmissions()).isZero();
    }

    @Test
    void thePrincipalMayGiveItBackToTheClerk() {
        open("THCSHB");
        ProcessInstance hb = school("THCSHB");
        prepare(hb, "vt.hoa");
        decide(task(hb), "ht.mai", "RETURN", "Sửa số liệu", "DIGITAL", false, Map.of());
        assertThat(hb).hasPassed("principalDecision").isWaitingAt("prepare");
        assertThat(row("THCSHB").getStatus()).isEqualTo(ReportStatus.DRAFTING);
        assertThat(row("THCSHB").getReturnedAtVersion()).isEqualTo(1);
    }

    @Test
    void aReportSignedOnPaperIsReturnedByTheVerificationOnArrival() {
        open("THCSHB");
        ProcessInstance hb = school("THCSHB");
        prepare(hb, "vt.hoa");
        decide(task(hb), "ht.mai", "APPROVE", null, "PAPER", false, Map.of());
        assertThat(hb).hasPassed("principalSign").isWaitingAt("submit");
        api.runJobs();
        assertThat(hb).isWaitingAt("awaitDecision");
        assertThat(row("THCSHB").getElectronic()).isFalse();
        decide(officerTask(), "cv.nam", "ACCEPT", null, "DIGITAL", false, Map.of());
        api.runJobs();
        assertThat(hb).isWaitingAt("prepare");
        assertThat(row("THCSHB").getStatus()).isEqualTo(ReportStatus.RETURNED);
        assertThat(row("THCSHB").getReturnComment()).startsWith("Văn bản không đạt kiểm tra chữ ký số");
        assertThat(row("THCSHB").getArrivalNumber()).isNull();
    }

    @Test
    void theReminderAndTheDeadlineAreTimersOnTheSchools() {
        open("THCSHB", "THCSAP");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("schoolReport")
                .processInstanceBusinessKey(campaign.getId().toString()).count()).isEqualTo(2);
        Job reminder = engine.getManagementService().createJobQuery().processInstanceId(campaignInstance.getId())
                .activityId("reminderDue").singleResult();
        Job deadline = engine.getManagementService().createJobQuery().processInstanceId(campaignInstance.getId())
                .activityId("deadlinePassed").singleResult();
        assertThat(deadline.getDuedate().toInstant()).isEqualTo(campaign.getDeadlineAt());
        assertThat(deadline.getDuedate().toInstant()).isEqualTo(
                LocalDate.now(VietnamTime.ZONE).plusDays(8).atStartOfDay(VietnamTime.ZONE).toInstant());
        assertThat(reminder.getDuedate().toInstant()).isEqualTo(campaign.getDeadlineAt().minus(java.time.Duration.ofDays(3)));

        engine.getManagementService().executeJob(reminder.getId());
        assertThat(campaignInstance).hasPassed("remind", "reminded").isWaitingAt("schoolReports");
        assertThat(row("THCSAP").getRemindedAt()).isNotNull();
        engine.getManagementService().executeJob(deadline.getId());
        assertThat(campaignInstance).hasPassed("markLate", "markedLate").isWaitingAt("schoolReports");
        assertThat(row("THCSAP").isMissed()).isTrue();
        assertThat(row("THCSHB").isLate()).isTrue();
    }
}
