package vn.truongso.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestUsers;

/**
 * The audit trail in the running application: real actions leave entries (with digests before and after), failed
 * actions leave none, concurrent appends keep one unbroken chain, and only the right people read it.
 */
@IntegrationTest
class AuditTrailTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    PlatformTransactionManager txManager;
    @Autowired
    Environment env;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    long head() {
        return jdbc.queryForObject("select last_seq from audit_chain_head where id = 1", Long.class);
    }

    @Test
    void concurrentAppendsKeepOneUnbrokenChain() throws Exception {
        String marker = "TEST-" + UUID.randomUUID();
        TransactionTemplate tx = new TransactionTemplate(txManager);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    int n = i;
                    tx.executeWithoutResult(s -> audit.record("gv.lan", "THCSHB", "TEST_CONCURRENT", "TEST", marker,
                            null, null, null, "luồng " + thread + ", lần " + n));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        List<Long> seqs = jdbc.queryForList("select seq from audit_entry where target_id = ? order by seq", Long.class,
                marker);
        assertThat(seqs).hasSize(200).doesNotHaveDuplicates();
        AuditChain.Verification v = audit.verify();
        assertThat(v.intact()).as(v.message()).isTrue();
        assertThat(v.lastSeq()).isGreaterThanOrEqualTo(seqs.get(199));
    }

    @Test
    void anActionThatFailsLeavesNoEntryAndAFailedEntryRollsTheActionBack() {
        long before = head();
        Api.Response notPdf = api.postMultipart("gv.lan", "/api/documents",
                Api.Part.file("bai.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        "không phải PDF".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Api.Part.field("title", "Không phải PDF"), Api.Part.field("kind", "LESSON_PLAN"));
        assertThat(notPdf.status()).isEqualTo(415);
        Api.Response corrupt = api.postMultipart("gv.lan", "/api/documents",
                Api.Part.file("hong.pdf", "application/pdf", "%PDF-1.7 hỏng".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Api.Part.field("title", "PDF hỏng"), Api.Part.field("kind", "LESSON_PLAN"));
        assertThat(corrupt.status()).isEqualTo(400);
        assertThat(head()).isEqualTo(before);

        // Inside one transaction: the first entry is fine, the second cannot be written; neither stays.
        String marker = "TEST-" + UUID.randomUUID();
        TransactionTemplate tx = new TransactionTemplate(txManager);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            audit.record("gv.lan", "THCSHB", "TEST_ROLLBACK", "TEST", marker, null, null, null, "hợp lệ");
            audit.record("gv.lan", "THCSHB", "X".repeat(200), "TEST", marker, null, null, null, "quá dài");
        })).isInstanceOf(RuntimeException.class);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where target_id = ?", Long.class, marker))
                .isZero();
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void theLessonPlanFlowLeavesEntriesWithDigestsBeforeAndAfter() {
        JsonNode plan = api.submitLessonPlan("gv.lan", "Bài 21: Nhật ký kiểm toán");
        String planId = plan.get("id").asText();
        String documentId = plan.get("documentId").asText();
        assertThat(api.completeAndSign("tt.hung", api.taskOf("tt.hung", planId), "APPROVE", null, null).status())
                .isEqualTo(202);
        assertThat(api.completeAndSign("ht.mai", api.taskOf("ht.mai", planId), "APPROVE", null, null).status())
                .isEqualTo(202);

        JsonNode versions = api.get("gv.lan", "/api/documents/" + documentId).json().get("versions");
        assertThat(versions).hasSize(4);
        List<String> sha = new ArrayList<>();
        versions.forEach(v -> sha.add(v.get("sha256").asText()));

        JsonNode page = api.get("gv.lan", "/api/audit?documentId=" + documentId + "&size=200").json();
        JsonNode items = page.get("items");
        List<String> actions = new ArrayList<>();
        items.forEach(i -> actions.add(i.get("action").asText()));
        assertThat(actions).containsSubsequence("DOCUMENT_UPLOADED", "LESSON_PLAN_SUBMITTED", "DOCUMENT_SIGNED",
                "TASK_COMPLETED", "DOCUMENT_SIGNED", "TASK_COMPLETED", "DOCUMENT_SIGNED", "LESSON_PLAN_APPROVED");
        assertThat(page.get("total").asLong()).isEqualTo(items.size());

        JsonNode upload = first(items, "DOCUMENT_UPLOADED");
        assertThat(upload.get("actor").asText()).isEqualTo("gv.lan");
        assertThat(upload.get("organisation").asText()).isEqualTo("THCSHB");
        assertThat(upload.get("digestBefore").isNull()).isTrue();
        assertThat(upload.get("digestAfter").asText()).isEqualTo(sha.get(0));
        assertThat(upload.get("remoteAddress").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(upload.get("occurredAt").asText()).endsWith("+07:00");

        List<JsonNode> signed = all(items, "DOCUMENT_SIGNED");
        assertThat(signed).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(signed.get(i).get("digestBefore").asText()).isEqualTo(sha.get(i));
            assertThat(signed.get(i).get("digestAfter").asText()).isEqualTo(sha.get(i + 1));
        }
        assertThat(signed.get(0).get("actor").asText()).isEqualTo("gv.lan");
        assertThat(signed.get(1).get("actor").asText()).isEqualTo("tt.hung");
        assertThat(signed.get(2).get("actor").asText()).isEqualTo("ht.mai");
        // Signatures are put in by the job executor, not over HTTP.
        assertThat(signed.get(2).get("remoteAddress").asText()).isEqualTo(AuditLog.SYSTEM);
        List<JsonNode> produced = all(items, "DOCUMENT_VERSION_PRODUCED");
        assertThat(produced).hasSize(3);
        assertThat(produced.get(2).get("digestAfter").asText()).isEqualTo(sha.get(3));

        List<JsonNode> decisions = all(items, "TASK_COMPLETED");
        assertThat(decisions).extracting(d -> d.get("actor").asText()).containsExactly("tt.hung", "ht.mai");
        assertThat(decisions.get(0).get("details").asText()).contains("APPROVE").contains("DIGITAL");
        JsonNode submitted = first(items, "LESSON_PLAN_SUBMITTED");
        assertThat(submitted.get("targetId").asText()).isEqualTo(planId);
        assertThat(submitted.get("digestAfter").asText()).isEqualTo(sha.get(0));

        // The confirmations on the phone are recorded too (they name no document, so they show school-wide).
        JsonNode school = api.get("ht.mai", "/api/audit?size=200&page=" + lastPage("ht.mai")).json();
        assertThat(school.get("items")).allSatisfy(i -> assertThat(i.get("organisation").asText()).isEqualTo("THCSHB"));
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'SIGN_TRANSACTION_CONFIRMED' "
                + "and actor = 'ht.mai'", Long.class)).isPositive();

        // Every entry links to the one before; the whole chain is intact, and the command agrees.
        for (int i = 1; i < items.size(); i++) {
            assertThat(items.get(i).get("seq").asLong()).isGreaterThan(items.get(i - 1).get("seq").asLong());
        }
        assertThat(audit.verify().intact()).isTrue();
        AuditChainTest.Run run = AuditChainTest.command("verify",
                "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + env.getProperty("spring.datasource.username", ""),
                "--spring.datasource.password=" + env.getProperty("spring.datasource.password", ""));
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(AuditCommand.INTACT);
    }

    @Test
    void whoMayReadTheTrail() {
        String documentId = api.uploadLessonPlan("gv.lan", "Bài 22: Ai được xem nhật ký");
        String path = "/api/audit?documentId=" + documentId;

        for (String allowed : List.of("gv.lan", "ht.mai", "vt.hoa", "admin")) {
            Api.Response r = api.get(allowed, path);
            assertThat(r.status()).as(allowed + ": " + r).isEqualTo(200);
            assertThat(r.json().get("items")).hasSize(1);
            assertThat(r.json().get("items").get(0).get("action").asText()).isEqualTo("DOCUMENT_UPLOADED");
        }
        // The head may read the document but not its trail; other schools and parents do not even see it exists.
        Api.Response head = api.get("tt.hung", path);
        assertThat(head.status()).isEqualTo(403);
        assertThat(head.contentType()).startsWith("application/problem+json");
        for (String stranger : List.of("gv.tuan", "ht.son", "vt.thu", "ph.binh")) {
            Api.Response r = api.get(stranger, path);
            assertThat(r.status()).as(stranger).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("NOT_FOUND");
        }
        assertThat(api.get("gv.lan", "/api/audit?documentId=" + UUID.randomUUID()).status()).isEqualTo(404);

        // Without a document: the whole school's trail for its principal and clerk only, never another school's.
        assertThat(api.get("gv.lan", "/api/audit").status()).isEqualTo(403);
        assertThat(api.get("tt.hung", "/api/audit").status()).isEqualTo(403);
        assertThat(api.get("ph.binh", "/api/audit").status()).isEqualTo(403);
        JsonNode other = api.get("ht.son", "/api/audit?size=200").json();
        assertThat(other.get("items")).allSatisfy(i -> assertThat(i.get("organisation").asText()).isEqualTo("THCSAP"));
        assertThat(other.get("items")).noneSatisfy(i -> assertThat(i.get("documentId").asText()).isEqualTo(documentId));
        assertThat(api.get("admin", "/api/audit?size=1").json().get("total").asLong()).isGreaterThan(0);
        assertThat(api.get("admin", "/api/audit?size=1000").status()).isEqualTo(400);
        assertThat(api.get("anonymous:", "/api/audit").status()).isEqualTo(401);
    }

    @Test
    void credentialAdministrationIsRecordedWithTheAdministrator() {
        // A signer of this test's own, so that revoking disturbs nobody else's signing.
        String teacher = new TestUsers(jdbc).person("gv.audit." + UUID.randomUUID().toString().substring(0, 8),
                "Trần Thị Kiểm").title("Giáo viên").organisation("THCSAP").roles("TEACHER").passwordHash("{noop}-")
                .insert();
        Api.Response issued = api.postJson("admin", "/api/admin/credentials", java.util.Map.of("username", teacher));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String id = issued.json().get("id").asText();
        assertThat(api.postJson("admin", "/api/admin/credentials/" + id + "/suspend", null).status()).isEqualTo(200);
        assertThat(api.postJson("admin", "/api/admin/credentials/" + id + "/revoke", null).status()).isEqualTo(200);
        List<String> actions = jdbc.queryForList("select action from audit_entry where target_id = ? order by seq",
                String.class, id);
        assertThat(actions).containsExactly("CREDENTIAL_ISSUED", "CREDENTIAL_SUSPENDED", "CREDENTIAL_REVOKED");
        assertThat(jdbc.queryForList("select distinct actor from audit_entry where target_id = ?", String.class, id))
                .containsExactly("admin");
        assertThat(jdbc.queryForList("select distinct organisation from audit_entry where target_id = ?", String.class,
                id)).containsExactly("THCSAP");
    }

    @Test
    void reportsAndApplicationsAreRecordedForTheirSchool() {
        UUID campaign = UUID.randomUUID();
        UUID application = UUID.randomUUID();
        new TransactionTemplate(txManager).executeWithoutResult(s -> {
            events.publishEvent(new vn.truongso.report.SchoolReportSubmitted("THCSHB", campaign, "pi-report", true,
                    true, java.time.Instant.now()));
            events.publishEvent(new vn.truongso.report.SchoolReportMissed("THCSAP", campaign, "pi-missed",
                    java.time.Instant.now()));
            events.publishEvent(new vn.truongso.enrolment.EnrolmentApplied("THCSHB", application, "pi-enrol", false,
                    java.time.Instant.now()));
        });
        JsonNode school = api.get("ht.mai", "/api/audit?size=200&page=" + lastPage("ht.mai")).json().get("items");
        assertThat(all(school, "REPORT_SUBMITTED")).anySatisfy(e -> {
            assertThat(e.get("targetId").asText()).isEqualTo(campaign.toString());
            assertThat(e.get("details").asText()).contains("điện tử", "trễ hạn");
        });
        assertThat(all(school, "ENROLMENT_APPLIED")).anySatisfy(e -> {
            assertThat(e.get("targetId").asText()).isEqualTo(application.toString());
            assertThat(e.get("details").asText()).contains("nộp giấy");
        });
        // The other school's missed deadline is in its own trail, not in this one.
        assertThat(all(school, "REPORT_MISSED")).noneSatisfy(
                e -> assertThat(e.get("targetId").asText()).isEqualTo(campaign.toString()));
        JsonNode other = api.get("ht.son", "/api/audit?size=200&page=" + lastPage("ht.son")).json().get("items");
        assertThat(all(other, "REPORT_MISSED")).anySatisfy(
                e -> assertThat(e.get("targetId").asText()).isEqualTo(campaign.toString()));
    }

    private int lastPage(String user) {
        long total = api.get(user, "/api/audit?size=1").json().get("total").asLong();
        return (int) Math.max(0, (total - 1) / 200);
    }

    private static JsonNode first(JsonNode items, String action) {
        return all(items, action).get(0);
    }

    private static List<JsonNode> all(JsonNode items, String action) {
        List<JsonNode> out = new ArrayList<>();
        items.forEach(i -> {
            if (action.equals(i.get("action").asText())) {
                out.add(i);
            }
        });
        return out;
    }

    @Test
    void onlyAnAdministratorSeesTheAddressesOfOtherPeople() {
        JsonNode plan = api.submitLessonPlan("gv.lan", "Bài 23: Địa chỉ trong nhật ký");
        String documentId = plan.get("documentId").asText();
        assertThat(api.completeAndSign("tt.hung", api.taskOf("tt.hung", plan.get("id").asText()), "APPROVE", null,
                null).status()).isEqualTo(202);
        String path = "/api/audit?documentId=" + documentId + "&size=200";

        JsonNode owner = api.get("gv.lan", path).json().get("items");
        JsonNode headsDecision = first(owner, "TASK_COMPLETED");
        assertThat(headsDecision.get("actor").asText()).isEqualTo("tt.hung");
        assertThat(headsDecision.get("remoteAddress").isNull()).as(headsDecision.toString()).isTrue();
        // One's own address is no secret to oneself.
        assertThat(first(owner, "DOCUMENT_UPLOADED").get("remoteAddress").asText()).isNotBlank();
        JsonNode principal = api.get("ht.mai", path).json().get("items");
        assertThat(first(principal, "TASK_COMPLETED").get("remoteAddress").isNull()).isTrue();
        assertThat(first(principal, "DOCUMENT_UPLOADED").get("remoteAddress").isNull()).isTrue();

        JsonNode admin = api.get("admin", path).json().get("items");
        assertThat(first(admin, "TASK_COMPLETED").get("remoteAddress").asText()).isIn("127.0.0.1",
                "0:0:0:0:0:0:0:1");
    }
}
