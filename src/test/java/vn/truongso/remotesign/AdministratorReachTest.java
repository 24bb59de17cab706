package vn.truongso.remotesign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestUsers;

/**
 * An administrator manages the signing credentials of the people of his own organisation and of those below it, and
 * nobody else's: a school's administrator cannot issue, import, list, suspend, resume or revoke a credential of
 * another school, and a refused action changes nothing.
 */
@IntegrationTest
class AdministratorReachTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;

    Api api() {
        return new Api(port);
    }

    /** An administrator of one organisation, made for this test. */
    String administratorOf(String organisation) {
        return new TestUsers(jdbc, encoder).person("qt." + organisation.toLowerCase() + "."
                + UUID.randomUUID().toString().substring(0, 8), "Quản trị đơn vị").title("Quản trị")
                .organisation(organisation).roles("ADMIN").password("demo").insert();
    }

    String status(String credentialId) {
        return jdbc.queryForObject("select status from signing_credential where id = ?", String.class,
                UUID.fromString(credentialId));
    }

    /** Every credential holder the administrator's list shows, page by page. */
    Set<String> listed(String admin) {
        Set<String> names = new HashSet<>();
        for (int page = 0; ; page++) {
            JsonNode items = api().get(admin, "/api/admin/credentials?size=200&page=" + page).json();
            items.forEach(c -> names.add(c.get("username").asText()));
            if (items.size() < 200) {
                return names;
            }
        }
    }

    @Test
    void aSchoolsAdministratorCannotTouchAnotherSchoolsCredentials() {
        TestSigners signers = new TestSigners(jdbc, encoder);
        TestSigners.Signer anPhu = signers.signer(api(), "gv.reach", "Giáo viên An Phú"); // THCSAP
        String hoaBinhAdmin = administratorOf("THCSHB");
        String base = "/api/admin/credentials/" + anPhu.credentialId();

        for (String action : new String[] {"suspend", "resume", "revoke", "totp/reset"}) {
            Api.Response r = api().postJson(hoaBinhAdmin, base + "/" + action, Map.of());
            assertThat(r.status()).as(action + ": " + r).isEqualTo(403);
            assertThat(r.contentType()).isEqualTo("application/problem+json");
        }
        assertThat(status(anPhu.credentialId())).isEqualTo("ACTIVE");
        assertThat(api().get(anPhu.username(), "/api/credentials/me").json().get(0).get("totpEnrolled").asBoolean())
                .isTrue();

        String fresh = signers.teacher("gv.reach2", "Giáo viên chưa có chứng thư");
        Api.Response issue = api().postJson(hoaBinhAdmin, "/api/admin/credentials", Map.of("username", fresh));
        assertThat(issue.status()).as(issue.toString()).isEqualTo(403);
        Api.Response imported = api().postMultipart(hoaBinhAdmin, "/api/admin/credentials/import?username=" + fresh
                + "&password=x", Api.Part.file("khoa.p12", "application/x-pkcs12", new byte[] {0x30, 0x03, 2, 1, 3}));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from signing_credential where username = ?", Integer.class, fresh))
                .isZero();

        Set<String> listed = listed(hoaBinhAdmin);
        assertThat(listed).doesNotContain(anPhu.username()).isNotEmpty();
        for (String username : listed) {
            assertThat(jdbc.queryForObject("select organisation_code from user_account where username = ?",
                    String.class, username)).as(username).isEqualTo("THCSHB");
        }
    }

    @Test
    void theOfficesAdministratorManagesTheSchoolsBelowIt() {
        TestSigners.Signer anPhu = new TestSigners(jdbc, encoder).signer(api(), "gv.reach3", "Giáo viên dưới phòng");
        String officeAdmin = administratorOf("VHXH-HB");
        String base = "/api/admin/credentials/" + anPhu.credentialId();

        Api.Response suspended = api().postJson(officeAdmin, base + "/suspend", Map.of());
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        assertThat(status(anPhu.credentialId())).isEqualTo("SUSPENDED");
        Api.Response resumed = api().postJson(officeAdmin, base + "/resume", Map.of());
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(status(anPhu.credentialId())).isEqualTo("ACTIVE");

        assertThat(listed(officeAdmin)).contains(anPhu.username(), "ht.mai", "ht.son");
    }
}
