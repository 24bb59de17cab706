package vn.truongso.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.truongso.support.Api;
import vn.truongso.support.Api.Body;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestUsers;

/**
 * Each person chooses per category how to hear of events by e-mail (issue 14): the defaults by role, a choice that
 * round-trips and is what the mail sender is told, refusals that change nothing, the account's security messages
 * that cannot be turned off, and nobody's choices but one's own. Every test has its own fresh people of THCSHB, so
 * the demo users' choices stay at their defaults for the other tests.
 */
@IntegrationTest
class NotificationPreferencesTest {

    static final String PATH = "/api/notifications/preferences";

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    NotificationPreferences preferences;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    /** A new person of THCSHB with these roles and the demo password. */
    String person(String... roles) {
        String username = "np." + UUID.randomUUID().toString().substring(0, 8);
        return new TestUsers(jdbc, encoder).person(username, "Người Thử " + username).title("Giáo viên")
                .organisation("THCSHB").roles(roles).password("demo").insert();
    }

    JsonNode category(String user, String category) {
        Api.Response r = api.get(user, PATH);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        for (JsonNode p : r.json()) {
            if (p.get("category").asText().equals(category)) {
                return p;
            }
        }
        throw new AssertionError(category + " not in " + r.text());
    }

    Api.Response put(String user, Object body) {
        return api.send("PUT", user, PATH, Body.json(body), Map.of());
    }

    @Test
    void principalsAndHeadsGetNewTasksInTheMorningDigestTeachersAtOnce() {
        String principal = person("PRINCIPAL");
        String head = person("TEACHER", "HEAD");
        String teacher = person("TEACHER");

        JsonNode tasks = category(principal, "TASKS");
        assertThat(tasks.get("delivery").asText()).isEqualTo("DIGEST");
        assertThat(tasks.get("default").asBoolean()).isTrue();
        assertThat(tasks.get("changeable").asBoolean()).isTrue();
        assertThat(tasks.get("label").asText()).isEqualTo("Việc mới cần xử lý");
        assertThat(category(head, "TASKS").get("delivery").asText()).isEqualTo("DIGEST");
        assertThat(category(teacher, "TASKS").get("delivery").asText()).isEqualTo("AT_ONCE");
        // returns and decisions at once for everyone
        assertThat(category(principal, "RETURNS").get("delivery").asText()).isEqualTo("AT_ONCE");
        assertThat(category(principal, "RESULTS").get("delivery").asText()).isEqualTo("AT_ONCE");

        assertThat(preferences.deliveryFor(principal, "TASK_ASSIGNED")).isEqualTo(Delivery.DIGEST);
        assertThat(preferences.deliveryFor(head, "TASK_ASSIGNED")).isEqualTo(Delivery.DIGEST);
        assertThat(preferences.deliveryFor(teacher, "TASK_ASSIGNED")).isEqualTo(Delivery.AT_ONCE);
        assertThat(preferences.deliveryFor(principal, "LESSON_PLAN_RETURNED")).isEqualTo(Delivery.AT_ONCE);
        // a kind no category names yet is sent at once
        assertThat(preferences.deliveryFor(principal, "SOMETHING_NEW")).isEqualTo(Delivery.AT_ONCE);
    }

    @Test
    void aChoiceMadeWithPutIsWhatGetShowsAndWhatTheMailSenderIsTold() {
        String teacher = person("TEACHER");

        Api.Response changed = put(teacher, Map.of("TASKS", "NONE", "RESULTS", "DIGEST"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode results = category(teacher, "RESULTS");
        assertThat(results.get("delivery").asText()).isEqualTo("DIGEST");
        assertThat(results.get("default").asBoolean()).isFalse();
        assertThat(category(teacher, "TASKS").get("delivery").asText()).isEqualTo("NONE");
        assertThat(preferences.deliveryFor(teacher, "LESSON_PLAN_APPROVED")).isEqualTo(Delivery.DIGEST);
        assertThat(preferences.deliveryFor(teacher, "TASK_ASSIGNED")).isEqualTo(Delivery.NONE);
        assertThat(preferences.deliveryFor(teacher, "LESSON_PLAN_RETURNED")).isEqualTo(Delivery.AT_ONCE);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = "
                + "'NOTIFICATION_PREFERENCES_CHANGED' and target_id = ?", Integer.class, teacher)).isEqualTo(1);

        // the list shape; choosing the default again makes the category follow the default
        assertThat(put(teacher, List.of(Map.of("category", "RESULTS", "delivery", "AT_ONCE"))).status()).isEqualTo(200);
        results = category(teacher, "RESULTS");
        assertThat(results.get("delivery").asText()).isEqualTo("AT_ONCE");
        assertThat(results.get("default").asBoolean()).isTrue();
        assertThat(preferences.deliveryFor(teacher, "LESSON_PLAN_APPROVED")).isEqualTo(Delivery.AT_ONCE);
    }

    @Test
    void aBadPutIsRefusedWithItsCodeAndChangesNothing() {
        String principal = person("PRINCIPAL");

        assertRefused(principal, Map.of("RETURNS", "NONE", "NOSUCH", "AT_ONCE"), 400, "PREFERENCE_CATEGORY_UNKNOWN");
        assertRefused(principal, Map.of("RETURNS", "NONE", "TASKS", "SOON"), 400, "PREFERENCE_DELIVERY_UNKNOWN");
        assertRefused(principal, Map.of("RETURNS", "NONE", "SIGNING", "DIGEST"), 422,
                "PREFERENCE_DELIVERY_NOT_OFFERED");
        assertRefused(principal, List.of("RETURNS"), 400, "PREFERENCES_MALFORMED");
        assertRefused(principal, List.of(Map.of("category", "RETURNS", "delivery", "NONE"),
                Map.of("category", "RETURNS", "delivery", "DIGEST")), 400, "PREFERENCE_DUPLICATE");
        assertRefused(principal, Map.of(), 400, "PREFERENCES_EMPTY");

        assertThat(category(principal, "RETURNS").get("delivery").asText()).isEqualTo("AT_ONCE");
        assertThat(category(principal, "TASKS").get("delivery").asText()).isEqualTo("DIGEST");
        assertThat(preferences.deliveryFor(principal, "LESSON_PLAN_RETURNED")).isEqualTo(Delivery.AT_ONCE);
    }

    @Test
    void accountSecurityMessagesCannotBeTurnedOff() {
        String teacher = person("TEACHER");

        assertRefused(teacher, Map.of("TASKS", "NONE", "ACCOUNT", "NONE"), 422, "PREFERENCE_NOT_CHANGEABLE");
        assertRefused(teacher, Map.of("ACCOUNT", "DIGEST"), 422, "PREFERENCE_NOT_CHANGEABLE");
        JsonNode account = category(teacher, "ACCOUNT");
        assertThat(account.get("delivery").asText()).isEqualTo("AT_ONCE");
        assertThat(account.get("changeable").asBoolean()).isFalse();
        assertThat(category(teacher, "TASKS").get("delivery").asText()).isEqualTo("AT_ONCE");
        for (String kind : List.of("TOTP_ENROLLED", "TOTP_CHANGED", "TOTP_RESET", "CREDENTIAL_REVOKED")) {
            assertThat(preferences.deliveryFor(teacher, kind)).as(kind).isEqualTo(Delivery.AT_ONCE);
        }
    }

    @Test
    void noOneSeesOrChangesAnothersPreferences() {
        String lan = person("TEACHER");
        String tuan = person("TEACHER");
        assertThat(put(lan, Map.of("REMINDERS", "NONE")).status()).isEqualTo(200);

        // another's name in the address changes nothing: each call is the caller's own
        Api.Response asTuan = api.get(tuan, PATH + "?username=" + lan);
        assertThat(asTuan.status()).isEqualTo(200);
        assertThat(asTuan.text()).doesNotContain("NONE\",\"default\":false");
        assertThat(category(tuan, "REMINDERS").get("delivery").asText()).isEqualTo("AT_ONCE");
        assertThat(api.send("PUT", tuan, PATH + "?username=" + lan, Body.json(Map.of("REMINDERS", "DIGEST")),
                Map.of()).status()).isEqualTo(200);
        assertThat(category(lan, "REMINDERS").get("delivery").asText()).isEqualTo("NONE");
        assertThat(category(tuan, "REMINDERS").get("delivery").asText()).isEqualTo("DIGEST");
        assertThat(api.get(null, PATH).status()).isEqualTo(401);
    }

    /**
     * Two first choices of the same person for the same categories at the same moment (two tabs, a double click):
     * both would insert the same (username, category) row. Neither answers 500; the last writer wins and the stored
     * choice is one of the two. Several fresh people, so that at least one pair really overlaps.
     */
    @Test
    void twoFirstChoicesAtTheSameMomentBothEndCleanly() throws Exception {
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String teacher = person("TEACHER");
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Api.Response>> answers = new java.util.ArrayList<>();
                for (String delivery : List.of("DIGEST", "NONE")) {
                    answers.add(two.submit(() -> {
                        start.await();
                        return put(teacher, Map.of("TASKS", delivery, "RESULTS", delivery, "REMINDERS", delivery,
                                "RETURNS", delivery));
                    }));
                }
                start.countDown();
                for (var answer : answers) {
                    Api.Response r = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    assertThat(r.status()).as("round " + round + ": " + r).isEqualTo(200);
                }
                assertThat(category(teacher, "TASKS").get("delivery").asText()).isIn("DIGEST", "NONE");
                assertThat(jdbc.queryForObject("select count(*) from notification_preference where username = ?",
                        Integer.class, teacher)).isEqualTo(4);
            }
        } finally {
            two.shutdownNow();
        }
    }

    void assertRefused(String user, Object body, int status, String code) {
        Api.Response r = put(user, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo(code);
        assertThat(r.json().get("detail").asText()).isNotBlank();
    }
}
