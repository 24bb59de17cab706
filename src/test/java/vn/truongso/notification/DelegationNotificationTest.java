package vn.truongso.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.common.VietnamTime;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestDelegations;

/**
 * Ký thay and what people are told: the vice-principal learns that the principal's approvals are his for a while and
 * when that ends; while it lasts he hears of each new task of the principal it covers, as she does, and of none it
 * does not cover, and of a review escalated to her; the principal hears of a delegation an administrator gave for
 * her school.
 */
@IntegrationTest
class DelegationNotificationTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    Api api;
    LocalDate today;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
        today = LocalDate.now(clock.withZone(VietnamTime.ZONE));
    }

    /** Delegations end with the test: other tests see pht.an as a vice-principal without the principal's tasks. */
    @AfterEach
    void revokeAll() {
        TestDelegations.endAll(jdbc);
    }

    @Test
    void theVicePrincipalActingForThePrincipalIsToldOfTheDelegationAndOfHerNewTasks() {
        long since = lastNotification();
        String period = "từ " + VietnamTime.DAY.format(today) + " đến " + VietnamTime.DAY.format(today.plusDays(6));
        Api.Response made = api.postJson("ht.mai", "/api/delegations", delegation(today.plusDays(6), "LESSON_PLANS",
                null));
        assertThat(made.status()).as(made.text()).isEqualTo(201);

        JsonNode granted = single(newSince("pht.an", since), "DELEGATION_GRANTED");
        assertThat(granted.get("message").asText()).isEqualTo("Thầy/Cô được giao ký thay Hiệu trưởng (phê duyệt kế "
                + "hoạch bài dạy) " + period + ". Trong thời gian đó, các việc ấy có trong hộp việc của Thầy/Cô.");
        assertThat(granted.get("category").asText()).isEqualTo("ACCOUNT");
        // she gave it herself: nothing to tell her
        assertThat(kinds(newSince("ht.mai", since))).doesNotContain("DELEGATION_GRANTED");

        // A plan reaches the principal: he is told as she is, with the same link to the task.
        String planId = toThePrincipal("Ký thay: Bài 9 – Hàm số bậc nhất");
        String task = api.taskOf("ht.mai", planId);
        JsonNode his = single(newSince("pht.an", since), "TASK_ASSIGNED");
        JsonNode hers = single(newSince("ht.mai", since), "TASK_ASSIGNED");
        assertThat(his.get("link").asText()).isEqualTo("/inbox/" + task).isEqualTo(hers.get("link").asText());
        assertThat(his.get("message").asText()).contains("Ký thay: Bài 9 – Hàm số bậc nhất")
                .isEqualTo(hers.get("message").asText());
        // … and the task is his to open
        assertThat(api.taskOf("pht.an", planId)).isEqualTo(task);

        // Ended: he is told so, and the principal's next task is hers alone.
        String id = made.json().get("id").asText();
        assertThat(api.send("DELETE", "ht.mai", "/api/delegations/" + id, null, Map.of()).status()).isEqualTo(204);
        JsonNode revoked = single(newSince("pht.an", since), "DELEGATION_REVOKED");
        assertThat(revoked.get("message").asText())
                .isEqualTo("Việc giao ký thay Hiệu trưởng (phê duyệt kế hoạch bài dạy) " + period
                        + " đã được thu hồi.");
        long afterRevoke = lastNotification();
        toThePrincipal("Ký thay: Bài 10 – Đồ thị hàm số");
        assertThat(kinds(newSince("pht.an", afterRevoke))).doesNotContain("TASK_ASSIGNED");
        assertThat(kinds(newSince("ht.mai", afterRevoke))).contains("TASK_ASSIGNED");
    }

    @Test
    void aDelegationForOtherApprovalsTellsNothingOfLessonPlansAndThePrincipalLearnsWhatTheAdministratorGave() {
        long since = lastNotification();
        Api.Response made = api.postJson("admin", "/api/delegations", delegation(today.plusDays(2), "REPORTS",
                "THCSHB"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        assertThat(single(newSince("pht.an", since), "DELEGATION_GRANTED").get("message").asText())
                .contains("(ký báo cáo)");
        assertThat(single(newSince("ht.mai", since), "DELEGATION_GRANTED").get("message").asText())
                .isEqualTo("Trịnh Văn An được giao ký thay Hiệu trưởng (ký báo cáo) từ "
                        + VietnamTime.DAY.format(today) + " đến " + VietnamTime.DAY.format(today.plusDays(2)) + ".");

        long afterGrant = lastNotification();
        toThePrincipal("Ký thay: Bài 11 – Hệ phương trình");
        assertThat(kinds(newSince("ht.mai", afterGrant))).contains("TASK_ASSIGNED");
        assertThat(kinds(newSince("pht.an", afterGrant))).doesNotContain("TASK_ASSIGNED");
    }

    @Test
    void aReviewEscalatedToThePrincipalReachesTheVicePrincipalActingForHer() {
        assertThat(api.postJson("ht.mai", "/api/delegations", delegation(today.plusDays(1), "LESSON_PLANS", null))
                .status()).isEqualTo(201);
        long since = lastNotification();
        JsonNode plan = api.submitLessonPlan("gv.lan", "Ký thay: Bài 12 – Chờ tổ trưởng quá lâu");
        // the head let it wait five working days: the escalation timer
        String instance = plan.get("processInstanceId").asText();
        management.executeJob(management.createJobQuery().processInstanceId(instance)
                .activityId("headReviewVeryLate").singleResult().getId());

        JsonNode his = single(newSince("pht.an", since), "REVIEW_ESCALATED");
        assertThat(his.get("message").asText()).contains("Ký thay: Bài 12 – Chờ tổ trưởng quá lâu")
                .isEqualTo(single(newSince("ht.mai", since), "REVIEW_ESCALATED").get("message").asText());
        // he was not offered the plan while it waited for the head alone
        assertThat(kinds(newSince("pht.an", since))).doesNotContain("TASK_ASSIGNED");
    }

    private Map<String, Object> delegation(LocalDate to, String scope, String school) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delegate", "pht.an");
        body.put("validFrom", today.toString());
        body.put("validTo", to.toString());
        body.put("scope", scope);
        if (school != null) {
            body.put("schoolCode", school);
        }
        return body;
    }

    /** A lesson plan submitted by gv.lan and approved by her head: waiting for the principal. */
    private String toThePrincipal(String title) {
        String planId = api.submitLessonPlan("gv.lan", title).get("id").asText();
        assertThat(api.completeAndSign("tt.hung", api.taskOf("tt.hung", planId), "APPROVE", null, null).status())
                .isEqualTo(202);
        assertThat(api.taskOf("ht.mai", planId)).isNotNull();
        return planId;
    }

    private long lastNotification() {
        Long max = jdbc.queryForObject("select max(id) from notification", Long.class);
        return max == null ? 0 : max;
    }

    /** The user's notifications newer than {@code since}, as the API lists them. */
    private List<JsonNode> newSince(String user, long since) {
        List<JsonNode> out = new ArrayList<>();
        api.get(user, "/api/notifications?size=100").json().get("items").forEach(n -> {
            if (n.get("id").asLong() > since) {
                out.add(n);
            }
        });
        return out;
    }

    private static List<String> kinds(List<JsonNode> notifications) {
        return notifications.stream().map(n -> n.get("kind").asText()).toList();
    }

    private static JsonNode single(List<JsonNode> notifications, String kind) {
        List<JsonNode> found = notifications.stream().filter(n -> kind.equals(n.get("kind").asText())).toList();
        assertThat(found).as(kind + " in " + kinds(notifications)).hasSize(1);
        return found.get(0);
    }
}
