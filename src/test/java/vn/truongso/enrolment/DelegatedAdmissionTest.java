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
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentService;
import vn.truongso.remotesign.TestOtp;
import vn.truongso.school.UserDirectory;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestDelegations;
import vn.truongso.support.TestUsers;

/**
 * The principal gives the admission decisions to her vice-principal (ký thay): he reads the ranked list, approves
 * it, and every family's decision is made with "KT. HIỆU TRƯỞNG" over "PHÓ HIỆU TRƯỞNG" and his name, and signed by
 * him under that block.
 */
@IntegrationTest
class DelegatedAdmissionTest {

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
    Api api;
    EnrolmentFixtures f;

    @BeforeEach
    void setUp() {
        init(engine);
        api = new Api(port, engine.getManagementService());
        f = new EnrolmentFixtures(rounds, enrolments, documents, users, clock);
    }

    @AfterEach
    void revokeAll() {
        TestDelegations.endAll(jdbc);
    }

    /**
     * A school of its own (the enrolment years of THCSHB are shared out among the other enrolment tests), with its
     * principal and a vice-principal who holds a signing credential, under an office of its own.
     */
    @Test
    void theVicePrincipalApprovesTheListAndTheDecisionsSayKtHieuTruong() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase();
        String school = "THCS" + suffix;
        String principal = "ht." + suffix.toLowerCase();
        String deputy = "pht." + suffix.toLowerCase();
        // under an office of its own, so the demo office's schools stay the two others count on
        String office = "VHXH-" + suffix;
        jdbc.update("insert into organisation (code, name, kind, parent_code) values (?, ?, 'COMMUNE_OFFICE', "
                + "'SGD-DEMO')", office, "Phòng Văn hóa – Xã hội phường Kiểm Thử");
        jdbc.update("insert into organisation (code, name, kind, parent_code) values (?, ?, 'LOWER_SECONDARY_SCHOOL', "
                + "?)", school, "Trường THCS Kiểm Thử " + suffix, office);
        TestUsers people = new TestUsers(jdbc);
        people.person(principal, "Lê Thị Hiệu").title("Hiệu trưởng").organisation(school).roles("PRINCIPAL")
                .passwordOf("ht.mai").insert();
        people.person(deputy, "Trịnh Văn An").title("Phó hiệu trưởng").organisation(school).roles("VICE_PRINCIPAL")
                .passwordOf("ht.mai").insert();
        Api.Response issued = api.postJson("admin", "/api/admin/credentials", Map.of("username", deputy));
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        String secret = api.postJson(deputy, "/api/credentials/me/totp", Map.of()).json().get("secret").asText();

        RoundService.RoundView round = f.round(school, 2030, 1);
        EnrolmentView child = f.apply(f.user("ph.binh"), school, 2030, "Đặng Thị Ánh", 0.5);
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(child.processInstanceId()).singleResult();
        engine.getTaskService().claim(task(pi).getId(), "vt.hoa");
        engine.getTaskService().complete(task(pi).getId(), Map.of("decision", "ACCEPT", "lastActor", "vt.hoa"));
        ProcessInstance ri = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(round.processInstanceId()).singleResult();
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(ri.getId()).timers()
                .singleResult();
        engine.getManagementService().setJobDuedate(timer.getId(), new Date(clock.millis() - 1000));
        engine.getManagementService().executeJob(timer.getId());
        assertThat(ri).isWaitingAt("approveList");
        String ranking = "/api/enrolment-rounds/" + round.id() + "/ranking";

        // Before the delegation: neither the list nor the task is his.
        assertThat(api.get(deputy, ranking).status()).isEqualTo(404);
        assertThat(api.complete(deputy, task(ri).getId(), "APPROVE", null, null).status()).isEqualTo(404);

        LocalDate today = LocalDate.now(clock.withZone(VietnamTime.ZONE));
        Api.Response given = api.postJson(principal, "/api/delegations", Map.of("delegate", deputy,
                "validFrom", today.toString(), "validTo", today.plusDays(10).toString(), "scope", "ENROLMENT"));
        assertThat(given.status()).as(given.text()).isEqualTo(201);
        Api.Response list = api.get(deputy, ranking);
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.json().get("rows").get(0).get("childName").asText()).isEqualTo("Đặng Thị Ánh");

        Api.Response approved = api.complete(deputy, task(ri).getId(), "APPROVE", null, null);
        assertThat(approved.status()).as(approved.text()).isEqualTo(202);
        EnrolmentApplication app = applications.findById(child.id()).orElseThrow();
        byte[] made;
        try (var in = documents.content(app.getDecisionDocumentId(), 1, users.find(deputy).orElseThrow()).stream()) {
            made = in.readAllBytes();
        }
        try (PDDocument doc = Loader.loadPDF(made)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            // the right-hand column, beside "Nơi nhận" on the left
            List<String> lines = stripper.getText(doc).lines().map(String::strip)
                    .map(l -> l.replaceFirst("^(Nơi nhận:|- Như Điều 3;|- Lưu: VT\\.)\\s*", "")).toList();
            // The signing block, bottom right, as Decree 30 writes it for a deputy signing for the principal.
            assertThat(lines).containsSubsequence("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Trịnh Văn An");
        }

        Api.Response confirmed = api.postJson(deputy, "/api/sign-transactions/"
                + approved.json().get("transactionId").asText() + "/confirm", Map.of("otp", TestOtp.nextCode(secret)));
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
        api.runJobs();
        assertThat(ri).isEnded().hasPassed("decided");
        app = applications.findById(child.id()).orElseThrow();
        assertThat(app.isDecisionSigned()).isTrue();
        byte[] signed = api.get("ph.binh", "/api/enrolments/" + child.id() + "/decision").bytes();
        try (PDDocument doc = Loader.loadPDF(signed)) {
            PDSignature his = doc.getSignatureDictionaries().stream()
                    .filter(s -> "ETSI.CAdES.detached".equals(s.getSubFilter())).findFirst().orElseThrow();
            assertThat(his.getName()).isEqualTo("Trịnh Văn An");
            assertThat(his.getReason()).contains("KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG (ký thay)");
        }
        // Where his signature went: under the decision's own KT block.
        String note = jdbc.queryForObject("select placement from pending_signature where document_id = ?",
                String.class, app.getDecisionDocumentId());
        assertThat(note).startsWith("Dưới «KT. HIỆU TRƯỞNG», trang 1");
    }
}
