package vn.truongso.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestUsers;

/** In the application: the unread count of the bell, marking one and all read, only ever one's own. */
@IntegrationTest
class NotificationReadStateTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    Notifier notifier;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    String teacher() {
        String username = "nr." + UUID.randomUUID().toString().substring(0, 8);
        return new TestUsers(jdbc, encoder).person(username, "Người Đọc " + username).title("Giáo viên")
                .organisation("THCSHB").roles("TEACHER").password("demo").insert();
    }

    long unread(String user) {
        Api.Response r = api.get(user, "/api/notifications/count");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("unread").asLong();
    }

    @Test
    void readAllMarksOnlyTheCallersOwnAndTheBellCountFollows() {
        String lan = teacher();
        String tuan = teacher();
        for (int i = 1; i <= 3; i++) {
            notifier.toUser(lan, "REVIEW_REMINDER", "Kế hoạch bài dạy số " + i + " chờ duyệt.", "/inbox");
        }
        notifier.toUser(tuan, "LESSON_PLAN_RETURNED", "Kế hoạch bài dạy bị trả lại.", "/lesson-plans");
        notifier.toUser(tuan, "LESSON_PLAN_APPROVED", "Kế hoạch bài dạy đã được duyệt.", "/lesson-plans");
        assertThat(unread(lan)).isEqualTo(3);
        assertThat(unread(tuan)).isEqualTo(2);

        JsonNode first = api.get(lan, "/api/notifications").json().get("items").get(0);
        assertThat(first.get("read").asBoolean()).isFalse();
        assertThat(first.get("readAt").isNull()).isTrue();
        assertThat(first.get("category").asText()).isEqualTo("REMINDERS");
        // another's notification cannot be marked: not found, still unread
        assertThat(api.postJson(tuan, "/api/notifications/" + first.get("id").asText() + "/read", Map.of()).status())
                .isEqualTo(404);
        assertThat(unread(lan)).isEqualTo(3);
        JsonNode marked = api.postJson(lan, "/api/notifications/" + first.get("id").asText() + "/read", Map.of()).json();
        assertThat(marked.get("read").asBoolean()).isTrue();
        assertThat(unread(lan)).isEqualTo(2);

        Api.Response all = api.postJson(lan, "/api/notifications/read-all", Map.of());
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().get("changed").asInt()).isEqualTo(2);
        assertThat(unread(lan)).isZero();
        assertThat(api.get(lan, "/api/notifications?unread=true").json().get("total").asLong()).isZero();
        for (JsonNode item : api.get(lan, "/api/notifications").json().get("items")) {
            assertThat(item.get("read").asBoolean()).isTrue();
            assertThat(item.get("readAt").isNull()).isFalse();
        }
        // again: nothing left to mark
        assertThat(api.postJson(lan, "/api/notifications/read-all", Map.of()).json().get("changed").asInt()).isZero();

        // the other teacher's stay unread
        assertThat(unread(tuan)).isEqualTo(2);
        for (JsonNode item : api.get(tuan, "/api/notifications").json().get("items")) {
            assertThat(item.get("read").asBoolean()).isFalse();
        }
        assertThat(api.get(null, "/api/notifications/count").status()).isEqualTo(401);
    }
}
