package vn.truongso.lessonplan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.support.Api;
import vn.truongso.support.Api.Part;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;

/** The lesson-plan flow over HTTP as the demo users do it, and who may do what. */
@IntegrationTest
class LessonPlanApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    @Test
    void fromUploadToApprovedThroughTheInbox() {
        JsonNode plan = api.submitLessonPlan("gv.lan", "Bài 3: Hằng đẳng thức đáng nhớ");
        String id = plan.get("id").asText();
        String documentId = plan.get("documentId").asText();
        assertThat(plan.get("status").asText()).isEqualTo("HEAD_REVIEW");
        assertThat(plan.get("processInstanceId").asText()).isNotBlank();
        assertThat(plan.get("currentStep").get("candidateGroups").get(0).asText()).isEqualTo("THCSHB-KHTN.HEAD");

        // The head sees it in the inbox with what they need to decide.
        JsonNode task = inboxItem("tt.hung", id);
        assertThat(task.get("title").asText()).isEqualTo("Bài 3: Hằng đẳng thức đáng nhớ");
        assertThat(task.get("requester").asText()).isEqualTo("Nguyễn Thị Lan");
        assertThat(task.get("subject").asText()).isEqualTo("Toán");
        assertThat(task.get("week").asInt()).isEqualTo(12);
        assertThat(task.get("documentId").asText()).isEqualTo(documentId);
        assertThat(task.get("overdue").asBoolean()).isFalse();
        assertThat(task.get("due").asText()).endsWith("+07:00");

        // RETURN needs a comment; then the teacher must upload a new version before resubmitting.
        Api.Response noComment = api.complete("tt.hung", task.get("id").asText(), "RETURN", null, null);
        assertThat(noComment.status()).isEqualTo(400);
        assertThat(noComment.json().get("code").asText()).isEqualTo("COMMENT_REQUIRED");
        // A lesson-plan review takes no inputs besides the decision: refused, and the task stays open.
        Api.Response withInputs = api.postJson("tt.hung", "/api/tasks/" + task.get("id").asText() + "/complete",
                java.util.Map.of("decision", "RETURN", "comment", "Sửa lại", "inputs", java.util.Map.of("documentId", "x")));
        assertThat(withInputs.status()).isEqualTo(400);
        assertThat(withInputs.json().get("code").asText()).isEqualTo("INPUTS_NOT_ACCEPTED");
        assertThat(api.complete("tt.hung", task.get("id").asText(), "RETURN", "Bổ sung phần luyện tập", null).status())
                .isEqualTo(204);
        assertThat(api.get("gv.lan", "/api/lesson-plans/" + id).json().get("status").asText()).isEqualTo("RETURNED");

        String revise = api.taskOf("gv.lan", id);
        Api.Response early = api.complete("gv.lan", revise, "RESUBMIT", null, null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("code").asText()).isEqualTo("REVISION_MISSING");
        assertThat(api.postMultipart("gv.lan", "/api/documents/" + documentId + "/versions",
                Part.file("v2.pdf", "application/pdf", TestPdfs.lessonPlan("Bản sửa")),
                Part.field("note", "Thêm luyện tập")).status()).isEqualTo(201);
        // Resubmitting signs the new version as its author: confirmed with the teacher's code.
        assertThat(api.completeAndSign("gv.lan", revise, "RESUBMIT", "Đã bổ sung", null).status()).isEqualTo(202);

        // The head approves on paper (signed the printed copy: no electronic signature), the principal digitally.
        assertThat(api.complete("tt.hung", api.taskOf("tt.hung", id), "APPROVE", null, "PAPER").status())
                .isEqualTo(204);
        assertThat(api.get("ht.mai", "/api/lesson-plans/" + id).json().get("status").asText())
                .isEqualTo("PRINCIPAL_APPROVAL");
        assertThat(api.completeAndSign("ht.mai", api.taskOf("ht.mai", id), "APPROVE", "Đồng ý", "DIGITAL").status())
                .isEqualTo(202);

        JsonNode done = api.get("gv.lan", "/api/lesson-plans/" + id).json();
        assertThat(done.get("status").asText()).isEqualTo("APPROVED");
        assertThat(done.get("approvedAt").asText()).endsWith("+07:00");
        assertThat(done.get("currentStep").isNull()).isTrue();
        assertThat(done.get("signatureNote").asText()).startsWith("Đã ký số bởi Phạm Thị Mai");
        // The test plan has no signing block: the principal is told where the visible signature went instead.
        assertThat(done.get("signatureNote").asText())
                .contains("Hình chữ ký: Không tìm thấy «HIỆU TRƯỞNG»: đặt ở chỗ trống gần nhất, trang 1.");
        // v1 upload, v2 signed by the author, v3 revision, v4 signed by the author, v5 by the principal.
        assertThat(done.get("versions")).hasSize(5);
        assertThat(done.get("versions").get(4).get("note").asText()).contains("Phạm Thị Mai");
        // The approved PDF carries the author's and the principal's signatures, both valid (EU DSS).
        JsonNode verification = api.get("gv.lan", "/api/documents/" + documentId + "/verification").json();
        assertThat(verification.get("verdict").asText()).as(verification.get("summary").asText()).isEqualTo("VALID");
        List<String> signers = new java.util.ArrayList<>();
        for (JsonNode sig : verification.get("signatures")) {
            if ("SIGNATURE".equals(sig.get("kind").asText())) {
                signers.add(sig.get("signer").asText());
                assertThat(sig.get("indication").asText()).isEqualTo("TOTAL_PASSED");
                assertThat(sig.get("level").asText()).isEqualTo("PAdES-BASELINE-LTA");
            }
        }
        assertThat(signers).containsExactly("Nguyễn Thị Lan", "Phạm Thị Mai");
        JsonNode history = done.get("history");
        assertThat(history).extracting(h -> h.get("step").asText() + ":" + h.get("actor").asText() + ":"
                        + h.get("decision").asText() + ":" + h.get("channel").asText())
                .containsExactly("submitted:gv.lan:SUBMIT:DIGITAL", "authorSign:gv.lan:SIGN:DIGITAL",
                        "headReview:tt.hung:RETURN:DIGITAL", "revise:gv.lan:RESUBMIT:DIGITAL",
                        "authorSign:gv.lan:SIGN:DIGITAL", "headReview:tt.hung:APPROVE:PAPER",
                        "headSign:tt.hung:SIGN:PAPER", "principalApproval:ht.mai:APPROVE:DIGITAL",
                        "principalSign:ht.mai:SIGN:DIGITAL");
        assertThat(history.get(2).get("comment").asText()).isEqualTo("Bổ sung phần luyện tập");
        // Signatures are steps too: the head's, given by hand on the printed copy, is a paper step.
        assertThat(done.get("paperless").get("stepsDone").asInt()).isEqualTo(9);
        assertThat(done.get("paperless").get("digitalSteps").asInt()).isEqualTo(7);
        assertThat(done.get("paperless").get("digitalShare").asDouble()).isEqualTo(7.0 / 9);
        assertThat(done.get("paperless").get("electronicSignatures").asInt()).isEqualTo(3);

        JsonNode notes = api.get("gv.lan", "/api/notifications").json().get("items");
        assertThat(notes).anySatisfy(n -> {
            assertThat(n.get("kind").asText()).isEqualTo("LESSON_PLAN_APPROVED");
            assertThat(n.get("link").asText()).isEqualTo("/api/lesson-plans/" + id);
        });
        assertThat(api.get("gv.lan", "/api/professional-records").json())
                .anySatisfy(r -> assertThat(r.get("lessonPlanId").asText()).isEqualTo(id));
        assertThat(api.get("gv.lan", "/api/lesson-plans").json().get("items"))
                .anySatisfy(p -> assertThat(p.get("id").asText()).isEqualTo(id));
    }

    @Test
    void everyoneSeesOnlyWhatTheirRoleAndSchoolAllow() {
        JsonNode plan = api.submitLessonPlan("gv.lan", "Bài 9: Phân thức");
        String id = plan.get("id").asText();
        // the school's leadership (principal, vice-principal) and clerk see every plan of the school
        for (String allowed : new String[] {"gv.lan", "tt.hung", "ht.mai", "pht.an", "vt.hoa"}) {
            assertThat(api.get(allowed, "/api/lesson-plans/" + id).status()).as(allowed).isEqualTo(200);
        }
        for (String denied : new String[] {"gv.tuan", "tt.linh", "ht.son", "vt.thu", "ph.binh", "cv.nam", "admin"}) {
            Api.Response r = api.get(denied, "/api/lesson-plans/" + id);
            assertThat(r.status()).as(denied).isEqualTo(404);
            assertThat(r.text()).doesNotContain("Phân thức");
        }
        String headTask = api.taskOf("tt.hung", id);
        assertThat(headTask).isNotNull();
        // Other school's head and principal neither see nor act on it; the teacher cannot review their own plan.
        assertThat(api.taskOf("tt.linh", id)).isNull();
        assertThat(api.taskOf("ht.son", id)).isNull();
        // The vice-principal reads it, but reviews nothing without a delegation of the principal's approvals.
        assertThat(api.taskOf("pht.an", id)).isNull();
        assertThat(api.taskOf("gv.lan", id)).isNull();
        for (String stranger : new String[] {"tt.linh", "ht.son", "gv.lan", "gv.tuan", "ph.binh"}) {
            assertThat(api.complete(stranger, headTask, "APPROVE", null, null).status()).as(stranger).isEqualTo(404);
            assertThat(api.postJson(stranger, "/api/tasks/" + headTask + "/claim", Map.of()).status()).as(stranger)
                    .isEqualTo(404);
        }
        // The principal is not a candidate for the head's review (until escalation).
        assertThat(api.complete("ht.mai", headTask, "APPROVE", null, null).status()).isEqualTo(404);
        assertThat(api.get("gv.lan", "/api/lesson-plans/" + id).json().get("status").asText())
                .isEqualTo("HEAD_REVIEW");
    }

    @Test
    void onlyTeachersSubmitTheirOwnLessonPlans() {
        String doc = api.uploadLessonPlan("gv.lan", "Bài 11: Tứ giác");
        Api.Response byHeadOfSomeoneElses = api.postJson("tt.hung", "/api/lesson-plans", request(doc, 8, 12));
        assertThat(byHeadOfSomeoneElses.status()).isEqualTo(403);
        assertThat(byHeadOfSomeoneElses.json().get("code").asText()).isEqualTo("NOT_DOCUMENT_OWNER");
        assertThat(api.postJson("gv.tuan", "/api/lesson-plans", request(doc, 8, 12)).status()).isEqualTo(404);
        assertThat(api.postJson("ph.binh", "/api/lesson-plans", request(doc, 8, 12)).status()).isEqualTo(403);
        assertThat(api.postJson("ht.mai", "/api/lesson-plans", request(doc, 8, 12)).status()).isEqualTo(403);
        assertThat(api.postJson(null, "/api/lesson-plans", request(doc, 8, 12)).status()).isEqualTo(401);
    }

    @Test
    void invalidSubmissionsChangeNothing() {
        String doc = api.uploadLessonPlan("gv.lan", "Bài 12: Hình thang");
        long plans = jdbc.queryForObject("select count(*) from lesson_plan", Long.class);
        long instances = runtime.createProcessInstanceQuery().processDefinitionKey("lessonPlanApproval").count();

        Map<String, Api.Response> bad = new LinkedHashMap<>();
        bad.put("GRADE_INVALID", api.postJson("gv.lan", "/api/lesson-plans", request(doc, 13, 12)));
        bad.put("WEEK_INVALID", api.postJson("gv.lan", "/api/lesson-plans", request(doc, 8, 0)));
        Map<String, Object> noSubject = request(doc, 8, 12);
        noSubject.put("subject", " ");
        bad.put("SUBJECT_REQUIRED", api.postJson("gv.lan", "/api/lesson-plans", noSubject));
        bad.put("NOT_FOUND", api.postJson("gv.lan", "/api/lesson-plans",
                request("00000000-0000-0000-0000-000000000000", 8, 12)));
        bad.forEach((code, r) -> {
            assertThat(r.contentType()).as(code).isEqualTo("application/problem+json");
            assertThat(r.json().get("code").asText()).as(r.toString()).isEqualTo(code);
        });
        Api.Response malformed = api.postJson("gv.lan", "/api/lesson-plans", "không phải JSON");
        assertThat(malformed.status()).isEqualTo(400);

        String other = api.uploadLessonPlan("gv.lan", "Bài 13");
        assertThat(api.postJson("gv.lan", "/api/lesson-plans", request(other, 8, 12)).status()).isEqualTo(201);
        Api.Response twice = api.postJson("gv.lan", "/api/lesson-plans", request(other, 8, 12));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("code").asText()).isEqualTo("PLAN_ALREADY_SUBMITTED");

        assertThat(jdbc.queryForObject("select count(*) from lesson_plan", Long.class)).isEqualTo(plans + 1);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("lessonPlanApproval").count()).isEqualTo(instances + 1);
    }

    @Test
    void aPlanThatCannotBeSignedIsNotSubmittedAndNothingChanges() {
        byte[] locked = TestPdfs.certifiedNoChanges(TestPdfs.lessonPlan("Bài đã khóa"));
        Api.Response upload = api.postMultipart("gv.lan", "/api/documents",
                Part.file("khoa.pdf", "application/pdf", locked), Part.field("title", "Bài đã khóa"),
                Part.field("kind", "LESSON_PLAN"));
        assertThat(upload.status()).isEqualTo(201);
        String doc = upload.json().get("id").asText();
        long plans = jdbc.queryForObject("select count(*) from lesson_plan", Long.class);
        long instances = runtime.createProcessInstanceQuery().processDefinitionKey("lessonPlanApproval").count();

        Api.Response submit = api.postJson("gv.lan", "/api/lesson-plans", request(doc, 8, 12));
        assertThat(submit.status()).isEqualTo(409);
        assertThat(submit.json().get("code").asText()).isEqualTo("DOCUMENT_CERTIFIED_NO_CHANGES");
        assertThat(jdbc.queryForObject("select count(*) from lesson_plan", Long.class)).isEqualTo(plans);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("lessonPlanApproval").count()).isEqualTo(instances);
        assertThat(api.get("gv.lan", "/api/documents/" + doc).json().get("versions")).hasSize(1);
    }

    @Test
    void inboxFiltersPagesAndClaims() {
        JsonNode plan = api.submitLessonPlan("gv.lan", "Bài 14: Đối xứng trục");
        String id = plan.get("id").asText();
        String taskId = api.taskOf("tt.hung", id);
        JsonNode filtered = api.get("tt.hung", "/api/tasks?process=lessonPlanApproval&size=200").json();
        assertThat(filtered.get("items")).anySatisfy(t -> assertThat(t.get("id").asText()).isEqualTo(taskId));
        assertThat(api.get("tt.hung", "/api/tasks?process=reportSubmission").json().get("total").asInt()).isZero();
        assertThat(api.get("tt.hung", "/api/tasks?overdue=true&size=200").json().get("items"))
                .noneSatisfy(t -> assertThat(t.get("id").asText()).isEqualTo(taskId));
        assertThat(api.get("tt.hung", "/api/tasks?size=201").status()).isEqualTo(400);
        JsonNode page = api.get("tt.hung", "/api/tasks?size=1").json();
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("total").asInt()).isGreaterThanOrEqualTo(1);

        JsonNode claimed = api.postJson("tt.hung", "/api/tasks/" + taskId + "/claim", Map.of()).json();
        assertThat(claimed.get("assignee").asText()).isEqualTo("tt.hung");
        assertThat(api.get("gv.lan", "/api/lesson-plans/" + id).json().get("currentStep").get("assignee").asText())
                .isEqualTo("tt.hung");
        JsonNode released = api.postJson("tt.hung", "/api/tasks/" + taskId + "/unclaim", Map.of()).json();
        assertThat(released.get("assignee").isNull()).isTrue();
        Api.Response wrongDecision = api.complete("tt.hung", taskId, "RESUBMIT", null, null);
        assertThat(wrongDecision.status()).isEqualTo(400);
        assertThat(wrongDecision.json().get("code").asText()).isEqualTo("DECISION_INVALID");
        Api.Response wrongChannel = api.complete("tt.hung", taskId, "APPROVE", null, "FAX");
        assertThat(wrongChannel.status()).isEqualTo(400);
        assertThat(wrongChannel.json().get("code").asText()).isEqualTo("CHANNEL_INVALID");
    }

    private static Map<String, Object> request(String doc, int grade, int week) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documentId", doc);
        m.put("subject", "Toán");
        m.put("grade", grade);
        m.put("lessonTitle", "Bài học");
        m.put("week", week);
        return m;
    }

    private JsonNode inboxItem(String user, String planId) {
        for (JsonNode t : api.get(user, "/api/tasks?size=200").json().get("items")) {
            if (planId.equals(t.get("businessKey").asText())) {
                return t;
            }
        }
        throw new AssertionError("no task for plan " + planId + " in " + user + "'s inbox");
    }
}
