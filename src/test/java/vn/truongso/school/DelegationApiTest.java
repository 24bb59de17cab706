package vn.truongso.school;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Ký thay over HTTP: who may give the principal's approvals to whom, for how long, and what a delegation that is not
 * in force (ended, not yet begun, revoked) gives: nothing.
 */
@IntegrationTest
class DelegationApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    DelegationRepository delegations;
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

    static Map<String, Object> request(String delegate, LocalDate from, LocalDate to, String scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delegate", delegate);
        body.put("validFrom", from == null ? null : from.toString());
        body.put("validTo", to == null ? null : to.toString());
        body.put("scope", scope);
        return body;
    }

    static void problem(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo(code);
        assertThat(r.json().get("detail").asText()).isNotBlank();
    }

    @Test
    void thePrincipalGivesHerApprovalsToHerVicePrincipalAndTheAuditTrailSaysSo() {
        Api.Response made = api.postJson("ht.mai", "/api/delegations",
                request("pht.an", today, today.plusDays(6), "LESSON_PLANS"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        JsonNode d = made.json();
        assertThat(d.get("schoolCode").asText()).isEqualTo("THCSHB");
        assertThat(d.get("delegate").asText()).isEqualTo("pht.an");
        assertThat(d.get("delegateName").asText()).isEqualTo("Trịnh Văn An");
        assertThat(d.get("scope").asText()).isEqualTo("LESSON_PLANS");
        assertThat(d.get("scopeText").asText()).isEqualTo("phê duyệt kế hoạch bài dạy");
        assertThat(d.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(d.get("createdBy").asText()).isEqualTo("ht.mai");

        // Both see it: she in her school's list, he in his own.
        assertThat(ids(api.get("ht.mai", "/api/delegations"))).contains(d.get("id").asText());
        assertThat(ids(api.get("pht.an", "/api/delegations"))).contains(d.get("id").asText());

        JsonNode granted = auditEntry("ht.mai", d.get("id").asText(), "DELEGATION_GRANTED");
        assertThat(granted.get("actor").asText()).isEqualTo("ht.mai");
        assertThat(granted.get("details").asText()).contains("pht.an", "phê duyệt kế hoạch bài dạy");

        // He may not end it himself; she may, once.
        problem(api.send("DELETE", "pht.an", "/api/delegations/" + d.get("id").asText(), null, Map.of()), 403,
                "FORBIDDEN");
        assertThat(api.send("DELETE", "ht.mai", "/api/delegations/" + d.get("id").asText(), null, Map.of())
                .status()).isEqualTo(204);
        problem(api.send("DELETE", "ht.mai", "/api/delegations/" + d.get("id").asText(), null, Map.of()), 409,
                "DELEGATION_ALREADY_REVOKED");
        assertThat(statusOf("ht.mai", d.get("id").asText())).isEqualTo("REVOKED");
        assertThat(auditEntry("ht.mai", d.get("id").asText(), "DELEGATION_REVOKED").get("actor").asText())
                .isEqualTo("ht.mai");
    }

    @Test
    void onlyTheSchoolsOwnPrincipalOrAnAdministratorAboveItDelegates() {
        Map<String, Object> forHoaBinh = request("pht.an", today, today.plusDays(3), null);
        forHoaBinh.put("schoolCode", "THCSHB");
        String before = api.get("ht.mai", "/api/delegations").text();
        // another school's principal: refused, and nothing of THCSHB's shown
        problem(api.postJson("ht.son", "/api/delegations", forHoaBinh), 403, "FORBIDDEN");
        problem(api.get("ht.son", "/api/delegations?school=THCSHB"), 403, "FORBIDDEN");
        // … and without naming the school, it is hers: pht.an is not her vice-principal
        problem(api.postJson("ht.son", "/api/delegations", request("pht.an", today, today.plusDays(3), null)), 400,
                "DELEGATE_NOT_VICE_PRINCIPAL");
        // a teacher, a clerk, the vice-principal himself: not theirs to give
        for (String who : List.of("gv.lan", "vt.hoa", "pht.an", "cv.nam")) {
            problem(api.postJson(who, "/api/delegations", forHoaBinh), 403, "FORBIDDEN");
        }
        assertThat(api.get("ht.mai", "/api/delegations").text()).isEqualTo(before);
        problem(api.get("gv.lan", "/api/delegations"), 403, "FORBIDDEN");

        // The administrator of the Sở (above the school) may, naming the school.
        Api.Response byAdmin = api.postJson("admin", "/api/delegations", forHoaBinh);
        assertThat(byAdmin.status()).as(byAdmin.text()).isEqualTo(201);
        String id = byAdmin.json().get("id").asText();
        assertThat(byAdmin.json().get("scope").asText()).isEqualTo("ALL");
        problem(api.postJson("admin", "/api/delegations", request("pht.an", today, today, null)), 400,
                "DELEGATION_SCHOOL_REQUIRED");
        // Another school's principal cannot end it, nor learn it exists.
        problem(api.send("DELETE", "ht.son", "/api/delegations/" + id, null, Map.of()), 404, "NOT_FOUND");
        problem(api.send("DELETE", "ht.son", "/api/delegations/" + UUID.randomUUID(), null, Map.of()), 404,
                "NOT_FOUND");
        assertThat(statusOf("ht.mai", id)).isEqualTo("ACTIVE");
    }

    @Test
    void theDelegateIsAVicePrincipalOfTheSchoolAndThePeriodMakesSense() {
        problem(api.postJson("ht.mai", "/api/delegations", request("gv.lan", today, today.plusDays(3), null)), 400,
                "DELEGATE_NOT_VICE_PRINCIPAL");
        problem(api.postJson("ht.mai", "/api/delegations", request("tt.hung", today, today.plusDays(3), null)), 400,
                "DELEGATE_NOT_VICE_PRINCIPAL");
        problem(api.postJson("ht.mai", "/api/delegations", request("khong.co", today, today.plusDays(3), null)), 400,
                "DELEGATE_NOT_VICE_PRINCIPAL");
        problem(api.postJson("ht.mai", "/api/delegations", request("pht.an", today.plusDays(3), today, null)), 400,
                "DELEGATION_PERIOD_INVALID");
        problem(api.postJson("ht.mai", "/api/delegations", request("pht.an", today.minusDays(1), today, null)), 400,
                "DELEGATION_PERIOD_INVALID");
        problem(api.postJson("ht.mai", "/api/delegations", request("pht.an", today, today.plusDays(400), null)),
                400, "DELEGATION_PERIOD_TOO_LONG");
        // Bean Validation: the fields that must be there
        Api.Response missing = api.postJson("ht.mai", "/api/delegations", request(" ", null, today, null));
        problem(missing, 400, "VALIDATION_FAILED");
        assertThat(missing.json().get("fields").fieldNames()).toIterable().contains("delegate", "validFrom");
        problem(api.postJson("ht.mai", "/api/delegations", request("pht.an", today, today, "EVERYTHING")), 400,
                "MALFORMED_REQUEST");
    }

    @Test
    void overlappingDelegationsAreAllowedAndEachIsListedWithItsOwnStatus() {
        Api.Response week = api.postJson("ht.mai", "/api/delegations",
                request("pht.an", today, today.plusDays(6), "LESSON_PLANS"));
        Api.Response month = api.postJson("ht.mai", "/api/delegations",
                request("pht.an", today, today.plusDays(30), "ALL"));
        Api.Response later = api.postJson("ht.mai", "/api/delegations",
                request("pht.an", today.plusDays(1), today.plusDays(2), "REPORTS"));
        for (Api.Response r : List.of(week, month, later)) {
            assertThat(r.status()).as(r.text()).isEqualTo(201);
        }
        assertThat(statusOf("pht.an", week.json().get("id").asText())).isEqualTo("ACTIVE");
        assertThat(statusOf("pht.an", month.json().get("id").asText())).isEqualTo("ACTIVE");
        assertThat(statusOf("pht.an", later.json().get("id").asText())).isEqualTo("UPCOMING");
    }

    /**
     * What is not in force gives nothing: a delegation that ended yesterday (put straight into the table: the API
     * refuses a period in the past) or begins tomorrow does not put the principal's approval in his inbox, and he
     * cannot act on it.
     */
    @Test
    void anEndedOrNotYetBegunDelegationGivesNothing() {
        JsonNode plan = api.submitLessonPlan("gv.lan", "Ký thay: ủy quyền đã hết hạn");
        String planId = plan.get("id").asText();
        String headTask = api.taskOf("tt.hung", planId);
        assertThat(api.complete("tt.hung", headTask, "APPROVE", null, "PAPER").status()).isEqualTo(204);
        String principalTask = api.taskOf("ht.mai", planId);
        assertThat(principalTask).isNotNull();

        delegations.save(new Delegation(UUID.randomUUID(), "THCSHB", "pht.an", DelegationScope.ALL,
                today.minusDays(10), today.minusDays(1), null, "ht.mai", clock.instant()));
        Api.Response upcoming = api.postJson("ht.mai", "/api/delegations",
                request("pht.an", today.plusDays(1), today.plusDays(5), "ALL"));
        assertThat(upcoming.status()).as(upcoming.text()).isEqualTo(201);
        assertThat(upcoming.json().get("status").asText()).isEqualTo("UPCOMING");
        assertThat(api.get("pht.an", "/api/delegations").json()).extracting(n -> n.get("status").asText())
                .contains("EXPIRED", "UPCOMING").doesNotContain("ACTIVE");

        assertThat(api.taskOf("pht.an", planId)).isNull();
        problem(api.complete("pht.an", principalTask, "APPROVE", null, null), 404, "NOT_FOUND");
        problem(api.postJson("pht.an", "/api/tasks/approve-batch", Map.of("taskIds", List.of(principalTask))), 404,
                "NOT_FOUND");
        // still the principal's, untouched
        assertThat(api.taskOf("ht.mai", planId)).isEqualTo(principalTask);
        assertThat(api.get("gv.lan", "/api/lesson-plans/" + planId).json().get("status").asText())
                .isEqualTo("PRINCIPAL_APPROVAL");
    }

    private static List<String> ids(Api.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    private String statusOf(String user, String id) {
        for (JsonNode n : api.get(user, "/api/delegations").json()) {
            if (n.get("id").asText().equals(id)) {
                return n.get("status").asText();
            }
        }
        return null;
    }

    /** The entry among the newest of the user's audit trail (oldest first: the last two pages). */
    private JsonNode auditEntry(String user, String targetId, String action) {
        long total = api.get(user, "/api/audit?size=1").json().get("total").asLong();
        int last = (int) Math.max(0, (total - 1) / 200);
        for (int page = last; page >= Math.max(0, last - 1); page--) {
            for (JsonNode e : api.get(user, "/api/audit?size=200&page=" + page).json().get("items")) {
                if (targetId.equals(e.get("targetId").asText()) && action.equals(e.get("action").asText())) {
                    return e;
                }
            }
        }
        throw new AssertionError("no " + action + " for " + targetId + " in the audit trail");
    }
}
