package vn.truongso.lessonplan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.support.Api;
import vn.truongso.support.Api.Part;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;

/**
 * What a signature means: a lesson plan's process pins the version it reviews and signs. Nobody changes the document
 * underneath (new versions only through the process's own revise step), and every signature extends the version the
 * previous signer signed.
 */
@IntegrationTest
class PinnedVersionTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    private Api.Response newVersion(String user, String documentId, String text) {
        return api.postMultipart(user, "/api/documents/" + documentId + "/versions",
                Part.file("moi.pdf", "application/pdf", TestPdfs.lessonPlan(text)), Part.field("note", "Thay tệp"));
    }

    private long versionRows(String documentId) {
        return jdbc.queryForObject("select count(*) from document_version where document_id = ?", Long.class,
                java.util.UUID.fromString(documentId));
    }

    private JsonNode inboxTask(String user, String planId) {
        for (JsonNode t : api.get(user, "/api/tasks?size=200").json().get("items")) {
            if (planId.equals(t.get("businessKey").asText())) {
                return t;
            }
        }
        throw new AssertionError("no task of plan " + planId + " in " + user + "'s inbox");
    }

    @Test
    void theOwnerCannotReplaceAPlanUnderReviewAndThePrincipalSignsWhatTheHeadSigned() {
        JsonNode plan = api.submitLessonPlan("gv.lan", "Bài 5: Phép nhân đa thức (ghim phiên bản)");
        String id = plan.get("id").asText();
        String doc = plan.get("documentId").asText();
        // v1 uploaded, v2 signed by the author: the head reviews v2, and the inbox says so.
        JsonNode headTask = inboxTask("tt.hung", id);
        JsonNode signedByAuthor = plan.get("versions").get(1);
        assertThat(headTask.get("documentVersion").asInt()).isEqualTo(2);
        assertThat(headTask.get("documentSha256").asText()).isEqualTo(signedByAuthor.get("sha256").asText());

        // While the head reviews, the teacher cannot swap the PDF: 409, nothing stored.
        Api.Response swap = newVersion("gv.lan", doc, "Bản thay thế lén");
        assertThat(swap.status()).as(swap.text()).isEqualTo(409);
        assertThat(swap.contentType()).startsWith("application/problem+json");
        assertThat(swap.json().get("code").asText()).isEqualTo("DOCUMENT_IN_PROCESS");
        assertThat(swap.json().get("detail").asText()).contains("đang trong quy trình");
        assertThat(versionRows(doc)).isEqualTo(2);

        assertThat(api.completeAndSign("tt.hung", headTask.get("id").asText(), "APPROVE", null, null).status())
                .isEqualTo(202);
        // After the head signed, neither: the principal must get exactly what the head signed (v3).
        Api.Response afterHead = newVersion("gv.lan", doc, "Bản thay sau khi tổ trưởng ký");
        assertThat(afterHead.status()).as(afterHead.text()).isEqualTo(409);
        assertThat(afterHead.json().get("code").asText()).isEqualTo("DOCUMENT_IN_PROCESS");
        assertThat(versionRows(doc)).isEqualTo(3);
        JsonNode principalTask = inboxTask("ht.mai", id);
        assertThat(principalTask.get("documentVersion").asInt()).isEqualTo(3);

        assertThat(api.completeAndSign("ht.mai", principalTask.get("id").asText(), "APPROVE", "Đồng ý", null).status())
                .isEqualTo(202);
        JsonNode done = api.get("gv.lan", "/api/lesson-plans/" + id).json();
        assertThat(done.get("status").asText()).isEqualTo("APPROVED");
        JsonNode versions = done.get("versions");
        assertThat(versions).hasSize(4);
        // Each signature is an incremental update of the version before it: v2 ⊂ v3 ⊂ v4, byte for byte.
        byte[] previous = content(doc, 2);
        for (int v = 3; v <= 4; v++) {
            byte[] next = content(doc, v);
            assertThat(Arrays.copyOf(next, previous.length)).as("v" + v + " extends v" + (v - 1)).isEqualTo(previous);
            previous = next;
        }
        assertThat(versions.get(2).get("createdBy").asText()).isEqualTo("tt.hung");
        assertThat(versions.get(3).get("createdBy").asText()).isEqualTo("ht.mai");
        // The filed professional record is that version.
        assertThat(api.get("gv.lan", "/api/professional-records").json())
                .anySatisfy(r -> {
                    assertThat(r.get("lessonPlanId").asText()).isEqualTo(id);
                    assertThat(r.get("documentVersion").asInt()).isEqualTo(4);
                });
    }

    @Test
    void aReturnedPlanIsRevisedThroughItsOwnStepAndThenPinnedAgain() {
        JsonNode plan = api.submitLessonPlan("gv.lan", "Bài 6: Chia đa thức (trả lại)");
        String id = plan.get("id").asText();
        String doc = plan.get("documentId").asText();
        assertThat(api.complete("tt.hung", api.taskOf("tt.hung", id), "RETURN", "Sửa phần mục tiêu", null).status())
                .isEqualTo(204);
        // Returned: the revise step is the process's own way to a new version.
        assertThat(newVersion("gv.lan", doc, "Bản sửa mục tiêu").status()).isEqualTo(201);
        assertThat(api.completeAndSign("gv.lan", api.taskOf("gv.lan", id), "RESUBMIT", null, null).status())
                .isEqualTo(202);
        // Resubmitted and signed by the author (v4): pinned again, no more changes from outside.
        JsonNode headTask = inboxTask("tt.hung", id);
        assertThat(headTask.get("documentVersion").asInt()).isEqualTo(4);
        Api.Response swap = newVersion("gv.lan", doc, "Bản thay sau khi nộp lại");
        assertThat(swap.status()).as(swap.text()).isEqualTo(409);
        assertThat(swap.json().get("code").asText()).isEqualTo("DOCUMENT_IN_PROCESS");
        assertThat(versionRows(doc)).isEqualTo(4);
    }

    private byte[] content(String doc, int version) {
        Api.Response r = api.get("gv.lan", "/api/documents/" + doc + "/content?version=" + version);
        assertThat(r.status()).isEqualTo(200);
        return r.bytes();
    }
}
