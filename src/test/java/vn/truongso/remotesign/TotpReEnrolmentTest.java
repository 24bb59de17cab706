package vn.truongso.remotesign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.truongso.signing.DigestToSign;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestUsers;

/**
 * Changing the second factor needs the current one or an administrator (issue 13, hole 1): the password alone never
 * gives anyone a new authenticator for someone else's key.
 */
@IntegrationTest
class TotpReEnrolmentTest {

    @LocalServerPort
    int port;
    @Autowired
    SignTransactions transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;

    Api api() {
        return new Api(port);
    }

    TestSigners.Signer signer() {
        return new TestSigners(jdbc, encoder).signer(api(), "gv.otp", "Giáo viên Đổi Mã");
    }

    UUID open(String username) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(UUID.randomUUID().toString()
                .getBytes(StandardCharsets.UTF_8));
        return transactions.open(username, "Thử", "Ký thử", List.of(new DigestToSign("Văn bản", digest)));
    }

    Api.Response confirm(String username, String code) throws Exception {
        return api().postJson(username, "/api/sign-transactions/" + open(username) + "/confirm", Map.of("otp", code));
    }

    List<String> auditActions(String credentialId) {
        return jdbc.queryForList("select action from audit_entry where target_id = ? order by seq", String.class,
                credentialId);
    }

    JsonNode notifications(String username) {
        return api().get(username, "/api/notifications").json().get("items");
    }

    @Test
    void totpReEnrolmentNeedsTheCurrentCode() throws Exception {
        TestSigners.Signer s = signer();

        Api.Response passwordOnly = api().postJson(s.username(), "/api/credentials/me/totp", Map.of());
        assertThat(passwordOnly.status()).as(passwordOnly.toString()).isEqualTo(403);
        assertThat(passwordOnly.contentType()).isEqualTo("application/problem+json");
        assertThat(passwordOnly.json().get("code").asText()).isEqualTo("TOTP_CURRENT_CODE_REQUIRED");
        assertThat(passwordOnly.json().get("detail").asText()).contains("mã OTP hiện tại");
        // The old authenticator still works.
        assertThat(confirm(s.username(), TestOtp.nextCode(s.secret())).json().get("status").asText())
                .isEqualTo("SIGNED");

        Api.Response wrong = api().postJson(s.username(), "/api/credentials/me/totp", Map.of("otp", s.wrongCode()));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("code").asText()).isEqualTo("OTP_INVALID");
        assertThat(api().get(s.username(), "/api/credentials/me").json().get(0).get("failedAttempts").asInt())
                .isEqualTo(1);

        Api.Response renewed = api().postJson(s.username(), "/api/credentials/me/totp",
                Map.of("otp", TestOtp.nextCode(s.secret())));
        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        String newSecret = renewed.json().get("secret").asText();
        assertThat(newSecret).isNotEqualTo(s.secret());

        Api.Response old = confirm(s.username(), TestOtp.nextCode(s.secret()));
        assertThat(old.status()).isEqualTo(400);
        assertThat(old.json().get("code").asText()).isEqualTo("OTP_INVALID");
        assertThat(confirm(s.username(), TestOtp.nextCode(newSecret)).json().get("status").asText())
                .isEqualTo("SIGNED");

        assertThat(auditActions(s.credentialId())).contains("CREDENTIAL_TOTP_ENROLLED", "CREDENTIAL_TOTP_REFUSED",
                "CREDENTIAL_TOTP_RE_ENROLLED");
        assertThat(notifications(s.username())).extracting(n -> n.get("kind").asText()).contains("TOTP_CHANGED");
    }

    @Test
    void aUsedCodeCannotReEnrolAgain() throws Exception {
        TestSigners.Signer s = signer();
        String code = TestOtp.nextCode(s.secret());
        assertThat(confirm(s.username(), code).json().get("status").asText()).isEqualTo("SIGNED");
        Api.Response replay = api().postJson(s.username(), "/api/credentials/me/totp", Map.of("otp", code));
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().get("code").asText()).isEqualTo("OTP_REUSED");
    }

    @Test
    void wrongCurrentCodesLockTheCredentialLikeSigningCodes() {
        TestSigners.Signer s = signer();
        for (int i = 1; i <= 4; i++) {
            assertThat(api().postJson(s.username(), "/api/credentials/me/totp", Map.of("otp", s.wrongCode())).status())
                    .isEqualTo(400);
        }
        Api.Response fifth = api().postJson(s.username(), "/api/credentials/me/totp", Map.of("otp", s.wrongCode()));
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.json().get("code").asText()).isEqualTo("CREDENTIAL_LOCKED");
        Api.Response right = api().postJson(s.username(), "/api/credentials/me/totp",
                Map.of("otp", TestOtp.nextCode(s.secret())));
        assertThat(right.status()).isEqualTo(423);
    }

    @Test
    void anAdministratorsResetLetsThePersonEnrolAgain() throws Exception {
        TestSigners.Signer s = signer();
        String reset = "/api/admin/credentials/" + s.credentialId() + "/totp/reset";
        assertThat(api().postJson(s.username(), reset, Map.of()).status()).isEqualTo(403);

        // An administrator of one school cannot reset a signer of another.
        String otherAdmin = new TestUsers(jdbc, encoder).person("qt.hb." + UUID.randomUUID().toString().substring(0, 8),
                "Quản trị Hòa Bình").title("Quản trị").organisation("THCSHB").roles("ADMIN").password("demo").insert();
        Api.Response foreign = api().postJson(otherAdmin, reset, Map.of());
        assertThat(foreign.status()).isEqualTo(403);

        Api.Response done = api().postJson("admin", reset, Map.of());
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().get("totpEnrolled").asBoolean()).isFalse();
        Api.Response signing = confirm(s.username(), TestOtp.nextCode(s.secret()));
        assertThat(signing.status()).isEqualTo(409);
        assertThat(signing.json().get("code").asText()).isEqualTo("TOTP_NOT_ENROLLED");

        Api.Response enrolled = api().postJson(s.username(), "/api/credentials/me/totp", Map.of());
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(200);
        assertThat(confirm(s.username(), TestOtp.nextCode(enrolled.json().get("secret").asText())).json()
                .get("status").asText()).isEqualTo("SIGNED");

        assertThat(auditActions(s.credentialId())).contains("CREDENTIAL_TOTP_RESET");
        assertThat(notifications(s.username())).extracting(n -> n.get("kind").asText())
                .contains("TOTP_RESET");
    }
}
