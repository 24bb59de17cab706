package vn.truongso.school;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestUsers;

/**
 * Abuse limits on the password (issue 13, hole 6 and suite item 6): wrong passwords lock the account for a while,
 * even the right password is refused meanwhile, an address failing across accounts is blocked, and everything is
 * audited.
 */
@IntegrationTest
class LoginAbuseTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    LoginThrottle throttle;

    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void forgetThisAddress() {
        // Every test of the one shared context comes from 127.0.0.1: leave no block behind for them.
        throttle.forgetAll();
    }

    /** A teacher nobody else uses, password "demo". */
    String teacher() {
        return new TestUsers(jdbc, encoder).person("gv.khoa." + UUID.randomUUID().toString().substring(0, 8),
                "Giáo viên Khoá").title("Giáo viên").organisation("THCSAP").roles("TEACHER").password("demo").insert();
    }

    HttpResponse<String> get(String user, String password, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    List<String> audit(String username) {
        return jdbc.queryForList("select action from audit_entry where target_type = 'USER_ACCOUNT' and target_id = ? "
                + "order by seq", String.class, username);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAndEvenTheRightOneIsRefused() throws Exception {
        String user = teacher();
        for (int i = 1; i <= 5; i++) {
            assertThat(get(user, "sai-" + i, "/api/tasks").statusCode()).as("attempt " + i).isEqualTo(401);
        }
        HttpResponse<String> locked = get(user, "demo", "/api/tasks");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(locked).get("code").asText()).isEqualTo("LOGIN_LOCKED");
        assertThat(json(locked).get("detail").asText())
                .startsWith("Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần").contains("thử lại sau");
        // The other chains share the lock: the catch-all's Basic too (one refusal per lock is audited).
        assertThat(get(user, "demo", "/actuator/metrics").statusCode()).isEqualTo(429);

        assertThat(audit(user)).containsExactly("LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED",
                "LOGIN_FAILED", "LOGIN_LOCKED", "LOGIN_REFUSED_LOCKED");
        // Others are unaffected.
        assertThat(get("gv.lan", "demo", "/api/tasks").statusCode()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginResetsTheAccountsCounter() throws Exception {
        String user = teacher();
        for (int i = 1; i <= 4; i++) {
            assertThat(get(user, "sai", "/api/tasks").statusCode()).isEqualTo(401);
        }
        assertThat(get(user, "demo", "/api/tasks").statusCode()).isEqualTo(200);
        for (int i = 1; i <= 4; i++) {
            assertThat(get(user, "sai", "/api/tasks").statusCode()).isEqualTo(401);
        }
        assertThat(get(user, "demo", "/api/tasks").statusCode()).isEqualTo(200);
    }

    @Test
    void anAddressFailingAcrossManyAccountsIsBlocked() throws Exception {
        int limit = throttle.limits().addressMaxFailures();
        int refusedAt = -1;
        for (int i = 1; i <= limit + 1 && refusedAt < 0; i++) {
            int status = get("khong.co." + i, "sai", "/api/tasks").statusCode();
            if (status == 429) {
                refusedAt = i;
            } else {
                assertThat(status).isEqualTo(401);
            }
        }
        // Earlier tests' wrong passwords from 127.0.0.1 may count too: blocked at the latest after the limit.
        assertThat(refusedAt).isBetween(1, limit + 1);
        HttpResponse<String> blocked = get("gv.lan", "demo", "/api/tasks");
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(json(blocked).get("detail").asText()).contains("địa chỉ");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'LOGIN_ADDRESS_BLOCKED'",
                Integer.class)).isPositive();
    }
}
