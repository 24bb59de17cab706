package vn.truongso.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * Nobody approves their own document. The demo head of group tt.hung also teaches: his own lesson plan's head review
 * is not his — not in his inbox, not to claim, complete or approve in a batch — and someone else (the principal) can
 * do it.
 */
@IntegrationTest
class SelfApprovalTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    private static void refused(Api.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("SELF_APPROVAL_FORBIDDEN");
        assertThat(r.json().get("detail").asText()).contains("của chính bạn");
    }

    @Test
    void aHeadCannotReviewOrApproveHisOwnLessonPlan() {
        JsonNode plan = api.submitLessonPlan("tt.hung", "Bài 2: Vận tốc (kế hoạch của tổ trưởng)");
        String id = plan.get("id").asText();
        assertThat(plan.get("status").asText()).isEqualTo("HEAD_REVIEW");
        String task = plan.get("currentStep").get("taskId").asText();

        // Not offered to him in his inbox...
        // (every page, and the total counts only what is listed)
        List<String> listed = new java.util.ArrayList<>();
        long total = -1;
        for (int p = 0; total < 0 || listed.size() < total; p++) {
            JsonNode page = api.get("tt.hung", "/api/tasks?size=50&page=" + p).json();
            total = page.get("total").asLong();
            if (page.get("items").isEmpty()) {
                break;
            }
            page.get("items").forEach(t -> listed.add(t.get("id").asText()));
        }
        assertThat(listed).doesNotContain(task).doesNotHaveDuplicates();
        assertThat(listed).hasSize((int) total);
        // ...and refused however he reaches for it; the task stays open and unclaimed.
        refused(api.postJson("tt.hung", "/api/tasks/" + task + "/claim", Map.of()));
        refused(api.complete("tt.hung", task, "APPROVE", null, null));
        refused(api.complete("tt.hung", task, "RETURN", "Tự trả lại", null));
        Api.Response batch = api.postJson("tt.hung", "/api/tasks/approve-batch", Map.of("taskIds", List.of(task)));
        refused(batch);
        JsonNode still = api.get("tt.hung", "/api/lesson-plans/" + id).json();
        assertThat(still.get("status").asText()).isEqualTo("HEAD_REVIEW");
        assertThat(still.get("currentStep").get("assignee").isNull()).isTrue();

        // He is the group's only head: the review is offered to the principal, who can do it.
        assertThat(still.get("currentStep").get("candidateGroups").toString()).contains("THCSHB.PRINCIPAL");
        String principals = api.taskOf("ht.mai", id);
        assertThat(principals).isEqualTo(task);
        assertThat(api.completeAndSign("ht.mai", task, "APPROVE", null, null).status()).isEqualTo(202);
        assertThat(api.get("tt.hung", "/api/lesson-plans/" + id).json().get("status").asText())
                .isEqualTo("PRINCIPAL_APPROVAL");
    }

    @Test
    void theAuthorStillDoesHisOwnSteps() {
        // Excluding him from reviews leaves his own revise step to him.
        JsonNode plan = api.submitLessonPlan("tt.hung", "Bài 3: Lực (trả lại cho tổ trưởng)");
        String id = plan.get("id").asText();
        assertThat(api.complete("ht.mai", plan.get("currentStep").get("taskId").asText(), "RETURN",
                "Bổ sung thí nghiệm", null).status()).isEqualTo(204);
        assertThat(api.taskOf("tt.hung", id)).isNotNull();
    }
}
