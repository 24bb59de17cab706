package vn.truongso.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.remotesign.TestOtp;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * Signing the Smart CA way through the whole lesson-plan flow, over HTTP as the demo users: every signature waits for
 * its signer's one-time code, one code confirms a whole batch, and a signature that is not confirmed signs nothing.
 */
@IntegrationTest
class RemoteSigningFlowTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RemoteSignatures signatures;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    @Test
    void onePlanFromSubmissionToApprovalEachSignatureConfirmedOnThePhone() {
        JsonNode submitted = api.submitLessonPlanUnconfirmed("gv.lan", "Bài 20: Định lí Pythagore");
        String id = submitted.get("id").asText();
        assertThat(submitted.get("status").asText()).isEqualTo("AWAITING_SIGNATURE");
        JsonNode tx = submitted.get("signTransaction");
        assertThat(tx.get("displayText").asText())
                .isEqualTo("Giáo viên soạn kế hoạch bài dạy: Bài 20: Định lí Pythagore");
        assertThat(tx.get("documents").asInt()).isEqualTo(1);
        assertThat(tx.get("expiresAt").asText()).endsWith("+07:00");
        String txId = tx.get("transactionId").asText();

        // Where is it? Waiting for the teacher's code; nobody else has anything to do yet.
        JsonNode waiting = api.get("vt.hoa", "/api/lesson-plans/" + id).json().get("currentStep");
        assertThat(waiting.get("step").asText()).isEqualTo("awaitConfirmation");
        assertThat(waiting.get("name").asText()).isEqualTo("Chờ Nguyễn Thị Lan xác nhận ký số bằng mã OTP");
        assertThat(waiting.get("assignee").asText()).isEqualTo("gv.lan");
        assertThat(api.taskOf("tt.hung", id)).isNull();
        assertThat(api.get("gv.lan", "/api/sign-transactions?status=PENDING").json())
                .anySatisfy(t -> assertThat(t.get("id").asText()).isEqualTo(txId));

        // Somebody else cannot see or confirm it; a wrong code moves nothing.
        assertThat(api.get("tt.hung", "/api/sign-transactions/" + txId).status()).isEqualTo(404);
        assertThat(api.postJson("tt.hung", "/api/sign-transactions/" + txId + "/confirm",
                Map.of("otp", TestOtp.nextCode(TestOtp.DEMO_SECRET))).status()).isEqualTo(404);
        Api.Response wrong = api.postJson("gv.lan", "/api/sign-transactions/" + txId + "/confirm",
                Map.of("otp", "000000".equals(TestOtp.code(TestOtp.DEMO_SECRET, 0)) ? "111111" : "000000"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("code").asText()).isEqualTo("OTP_INVALID");
        assertThat(api.get("gv.lan", "/api/lesson-plans/" + id).json().get("versions")).hasSize(1);

        api.confirm("gv.lan", txId);
        JsonNode inReview = api.get("gv.lan", "/api/lesson-plans/" + id).json();
        assertThat(inReview.get("status").asText()).isEqualTo("HEAD_REVIEW");
        assertThat(inReview.get("versions")).hasSize(2);

        Api.Response approve = api.complete("tt.hung", api.taskOf("tt.hung", id), "APPROVE", "Đạt", null);
        assertThat(approve.status()).isEqualTo(202);
        assertThat(approve.json().get("displayText").asText())
                .isEqualTo("Tổ trưởng chuyên môn duyệt: Bài 20: Định lí Pythagore");
        assertThat(api.get("gv.lan", "/api/lesson-plans/" + id).json().get("status").asText())
                .isEqualTo("AWAITING_SIGNATURE");
        api.confirm("tt.hung", approve.json().get("transactionId").asText());
        assertThat(api.get("gv.lan", "/api/lesson-plans/" + id).json().get("status").asText())
                .isEqualTo("PRINCIPAL_APPROVAL");

        assertThat(api.completeAndSign("ht.mai", api.taskOf("ht.mai", id), "APPROVE", null, null).status())
                .isEqualTo(202);
        JsonNode done = api.get("gv.lan", "/api/lesson-plans/" + id).json();
        assertThat(done.get("status").asText()).isEqualTo("APPROVED");
        assertThat(done.get("versions")).hasSize(4);
        JsonNode verification = api.get("gv.lan", "/api/documents/" + done.get("documentId").asText()
                + "/verification").json();
        assertThat(verification.get("verdict").asText()).as(verification.toString()).isEqualTo("VALID");
        List<String> signers = new ArrayList<>();
        verification.get("signatures").forEach(s -> {
            if ("SIGNATURE".equals(s.get("kind").asText())) {
                signers.add(s.get("signer").asText());
            }
        });
        assertThat(signers).containsExactly("Nguyễn Thị Lan", "Lê Văn Hùng", "Phạm Thị Mai");
    }

    @Test
    void aRejectedOrExpiredSignatureGivesTheTaskBackToTheSignerAndSignsNothing() {
        String id = api.submitLessonPlan("gv.lan", "Bài 21: Tam giác đồng dạng").get("id").asText();

        Api.Response approve = api.complete("tt.hung", api.taskOf("tt.hung", id), "APPROVE", null, null);
        String txId = approve.json().get("transactionId").asText();
        Api.Response rejected = api.postJson("tt.hung", "/api/sign-transactions/" + txId + "/reject",
                Map.of("reason", "Nhầm văn bản"));
        assertThat(rejected.json().get("status").asText()).isEqualTo("REJECTED");
        JsonNode back = api.get("gv.lan", "/api/lesson-plans/" + id).json();
        assertThat(back.get("status").asText()).isEqualTo("HEAD_REVIEW");
        assertThat(back.get("versions")).hasSize(2);
        assertThat(back.get("currentStep").get("assignee").asText()).isEqualTo("tt.hung");
        assertThat(api.taskOf("tt.hung", id)).isNotNull();

        // Approved again, but the code never comes: when the window closes the task is back and the code is refused.
        Api.Response again = api.complete("tt.hung", api.taskOf("tt.hung", id), "APPROVE", null, null);
        assertThat(again.status()).isEqualTo(202);
        String late = again.json().get("transactionId").asText();
        expireSignatureOf(back.get("processInstanceId").asText());
        JsonNode expired = api.get("gv.lan", "/api/lesson-plans/" + id).json();
        assertThat(expired.get("status").asText()).isEqualTo("HEAD_REVIEW");
        assertThat(expired.get("currentStep").get("assignee").asText()).isEqualTo("tt.hung");
        assertThat(api.get("tt.hung", "/api/sign-transactions/" + late).json().get("status").asText())
                .isEqualTo("EXPIRED");
        Api.Response tooLate = api.postJson("tt.hung", "/api/sign-transactions/" + late + "/confirm",
                Map.of("otp", TestOtp.nextCode(TestOtp.DEMO_SECRET)));
        assertThat(tooLate.status()).isEqualTo(409);
        assertThat(tooLate.json().get("code").asText()).isEqualTo("TRANSACTION_EXPIRED");
        assertThat(api.get("gv.lan", "/api/lesson-plans/" + id).json().get("versions")).hasSize(2);
        assertThat(api.runJobs()).isZero();
    }

    @Test
    void aTeacherWhoRejectsHerOwnSignatureSignsAgainFromTheInbox() {
        JsonNode submitted = api.submitLessonPlanUnconfirmed("gv.lan", "Bài 23: Lăng trụ đứng");
        String id = submitted.get("id").asText();
        api.postJson("gv.lan", "/api/sign-transactions/" + submitted.get("signTransaction").get("transactionId").asText()
                + "/reject", Map.of("reason", "Chọn nhầm tệp"));
        JsonNode task = null;
        for (JsonNode t : api.get("gv.lan", "/api/tasks?size=200").json().get("items")) {
            if (id.equals(t.get("businessKey").asText())) {
                task = t;
            }
        }
        assertThat(task).isNotNull();
        assertThat(task.get("step").asText()).isEqualTo("authorResign");
        assertThat(task.get("assignee").asText()).isEqualTo("gv.lan");
        assertThat(task.get("decisions")).extracting(JsonNode::asText).containsExactly("SIGN");
        assertThat(api.taskOf("tt.hung", id)).isNull();
        assertThat(api.get("gv.lan", "/api/lesson-plans/" + id).json().get("versions")).hasSize(1);

        assertThat(api.completeAndSign("gv.lan", task.get("id").asText(), "SIGN", null, null).status()).isEqualTo(202);
        JsonNode plan = api.get("gv.lan", "/api/lesson-plans/" + id).json();
        assertThat(plan.get("status").asText()).isEqualTo("HEAD_REVIEW");
        assertThat(plan.get("versions")).hasSize(2);
    }

    @Test
    void aSuspendedCredentialCannotApproveAndNothingChanges() {
        String id = api.submitLessonPlan("gv.lan", "Bài 22: Hình chóp").get("id").asText();
        String task = api.taskOf("tt.hung", id);
        String credential = null;
        for (JsonNode c : api.get("admin", "/api/admin/credentials").json()) {
            if ("tt.hung".equals(c.get("username").asText()) && "ACTIVE".equals(c.get("status").asText())) {
                credential = c.get("id").asText();
            }
        }
        assertThat(credential).isNotNull();
        long pending = jdbc.queryForObject("select count(*) from pending_signature", Long.class);
        assertThat(api.postJson("admin", "/api/admin/credentials/" + credential + "/suspend", Map.of()).status())
                .isEqualTo(200);
        try {
            Api.Response refused = api.complete("tt.hung", task, "APPROVE", null, null);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("code").asText()).isEqualTo("CREDENTIAL_NOT_ACTIVE");
            JsonNode plan = api.get("gv.lan", "/api/lesson-plans/" + id).json();
            assertThat(plan.get("status").asText()).isEqualTo("HEAD_REVIEW");
            assertThat(plan.get("currentStep").get("taskId").asText()).isEqualTo(task);
            assertThat(plan.get("currentStep").get("assignee").isNull()).isTrue();
            assertThat(jdbc.queryForObject("select count(*) from pending_signature", Long.class)).isEqualTo(pending);
        } finally {
            api.postJson("admin", "/api/admin/credentials/" + credential + "/resume", Map.of());
        }
        assertThat(api.completeAndSign("tt.hung", task, "APPROVE", null, null).status()).isEqualTo(202);
    }

    @Test
    void twentyPlansApprovedWithOneConfirmationThenSignedOnceEach() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            ids.add(api.submitLessonPlan("gv.lan", "Bài lô " + i).get("id").asText());
        }
        List<String> taskIds = ids.stream().map(id -> api.taskOf("tt.hung", id)).toList();

        // All or nothing: one task the head may not approve spoils the batch, and nothing changes.
        String foreign = api.submitLessonPlan("gv.tuan", "Bài trường khác").get("id").asText();
        List<String> spoiled = new ArrayList<>(taskIds);
        spoiled.add(api.taskOf("tt.linh", foreign));
        Api.Response refused = api.postJson("tt.hung", "/api/tasks/approve-batch", Map.of("taskIds", spoiled));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().get("detail").asText()).startsWith("Việc thứ 21 (").endsWith("Không việc nào trong lô được duyệt.");
        for (String id : ids) {
            assertThat(api.get("gv.lan", "/api/lesson-plans/" + id).json().get("status").asText())
                    .isEqualTo("HEAD_REVIEW");
        }
        assertThat(api.postJson("tt.hung", "/api/tasks/approve-batch", Map.of("taskIds", List.of())).status())
                .isEqualTo(400);

        Api.Response batch = api.postJson("tt.hung", "/api/tasks/approve-batch", Map.of("taskIds", taskIds));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(202);
        assertThat(batch.json().get("approved").asInt()).isEqualTo(20);
        JsonNode tx = batch.json().get("signTransaction");
        assertThat(tx.get("displayText").asText()).isEqualTo("Ký duyệt 20 kế hoạch bài dạy");
        assertThat(tx.get("documents").asInt()).isEqualTo(20);
        String txId = tx.get("transactionId").asText();
        JsonNode asSeen = api.get("tt.hung", "/api/sign-transactions/" + txId).json();
        assertThat(asSeen.get("items")).hasSize(20);
        assertThat(asSeen.get("items").get(0).get("label").asText()).isEqualTo("Bài lô 1");

        api.confirm("tt.hung", txId);
        for (String id : ids) {
            JsonNode plan = api.get("gv.lan", "/api/lesson-plans/" + id).json();
            assertThat(plan.get("status").asText()).isEqualTo("PRINCIPAL_APPROVAL");
            assertThat(plan.get("versions")).hasSize(3);
        }
        // Putting a signature in again (a job run twice after a crash) signs nothing more.
        jdbc.queryForList("select id from pending_signature where transaction_id = ?", UUID.class,
                UUID.fromString(txId)).forEach(signatures::apply);
        assertThat(api.get("gv.lan", "/api/lesson-plans/" + ids.get(0)).json().get("versions")).hasSize(3);

        // The principal approves the twenty at once too.
        Api.Response principal = api.postJson("ht.mai", "/api/tasks/approve-batch",
                Map.of("taskIds", ids.stream().map(id -> api.taskOf("ht.mai", id)).toList()));
        assertThat(principal.status()).isEqualTo(202);
        api.confirm("ht.mai", principal.json().get("signTransaction").get("transactionId").asText());
        for (String id : ids) {
            JsonNode plan = api.get("gv.lan", "/api/lesson-plans/" + id).json();
            assertThat(plan.get("status").asText()).isEqualTo("APPROVED");
            assertThat(plan.get("versions")).hasSize(4);
        }
        JsonNode verification = api.get("gv.lan", "/api/documents/"
                + api.get("gv.lan", "/api/lesson-plans/" + ids.get(19)).json().get("documentId").asText()
                + "/verification").json();
        assertThat(verification.get("verdict").asText()).isEqualTo("VALID");
    }

    /** The confirmation window closes: the timer of the remote-signature call fires. */
    private void expireSignatureOf(String processInstanceId) {
        String sub = runtime.createProcessInstanceQuery().superProcessInstanceId(processInstanceId).singleResult()
                .getId();
        management.executeJob(management.createJobQuery().processInstanceId(sub).timers().singleResult().getId());
    }
}
