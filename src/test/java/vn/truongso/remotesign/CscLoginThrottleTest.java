package vn.truongso.remotesign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/** The CSC API's auth/login is throttled with the same lock as every other password check (issue 13, item 6). */
@IntegrationTest
class CscLoginThrottleTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;

    @Test
    void wrongPasswordsOnCscLoginLockTheAccountEverywhere() {
        Api api = new Api(port);
        String user = new TestSigners(jdbc, encoder).teacher("gv.csckhoa", "Giáo viên CSC Khoá");
        for (int i = 1; i <= 5; i++) {
            Api.Response r = api.postJson(user + ":sai-" + i, "/csc/v2/auth/login", Map.of());
            assertThat(r.status()).as(r.toString()).isEqualTo(401);
        }
        Api.Response locked = api.postJson(user, "/csc/v2/auth/login", Map.of());
        assertThat(locked.status()).as(locked.toString()).isEqualTo(429);
        assertThat(locked.json().get("error").asText()).isEqualTo("access_denied");
        assertThat(locked.json().get("error_description").asText())
                .startsWith("Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần");
        // The same account on /api is locked as well: one mechanism for every path.
        Api.Response api429 = api.get(user, "/api/tasks");
        assertThat(api429.status()).isEqualTo(429);
        assertThat(api429.contentType()).startsWith("application/problem+json");

        List<String> audit = jdbc.queryForList("select action from audit_entry where target_type = 'USER_ACCOUNT' "
                + "and target_id = ? order by seq", String.class, user);
        assertThat(audit).contains("LOGIN_FAILED", "LOGIN_LOCKED");
    }
}
