package vn.truongso.school;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

@IntegrationTest
class SecurityTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcTemplate jdbc;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void apiNeedsAValidLoginAndAnswersProblems() {
        Api.Response anonymous = api.get(null, "/api/tasks");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(api.get("gv.lan:sai-mat-khau", "/api/tasks").status()).isEqualTo(401);
        assertThat(api.get("khong.co:demo", "/api/tasks").status()).isEqualTo(401);
        assertThat(api.get("gv.lan", "/api/tasks").status()).isEqualTo(200);
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        for (String hash : jdbc.queryForList("select password_hash from user_account", String.class)) {
            assertThat(hash).startsWith("$2").doesNotContain("demo");
        }
    }

    @Test
    void camundaRestApiIsOffAndWebappsNeedASignedInAdmin() {
        // The engine REST API is off unless configured (truongso.engine-rest.enabled): 404 for everyone.
        assertThat(api.get(null, "/engine-rest/engine").status()).isEqualTo(404);
        for (String user : new String[] {"admin", "gv.lan", "tt.hung", "ht.mai", "vt.hoa", "cv.nam", "ph.binh"}) {
            assertThat(api.get(user, "/engine-rest/task").status()).as(user).isEqualTo(404);
            // The webapps take no Basic: they sign in with a form (BrowserSecurityTest).
            assertThat(api.get(user, "/camunda/app/cockpit/default/").status()).as(user).isEqualTo(302);
        }
        assertThat(api.get(null, "/actuator/health").status()).isEqualTo(200);
        assertThat(api.get(null, "/v3/api-docs").json().get("paths").has("/api/lesson-plans")).isTrue();
    }

    @Test
    void camundaSeesTheSamePeopleGroupsAndTenants() {
        assertThat(identity.createUserQuery().userId("tt.hung").singleResult().getLastName()).isEqualTo("Hùng");
        assertThat(identity.createGroupQuery().groupMember("tt.hung").list())
                .extracting(g -> g.getId()).contains("THCSHB-KHTN.HEAD", "THCSHB.HEAD", "THCSHB-KHTN");
        assertThat(identity.createUserQuery().memberOfGroup("THCSHB.PRINCIPAL").list())
                .extracting(u -> u.getId()).containsExactly("ht.mai");
        assertThat(identity.createTenantQuery().userMember("gv.tuan").singleResult().getId()).isEqualTo("THCSAP");
        assertThat(identity.checkPassword("ht.mai", "demo")).isTrue();
        assertThat(identity.checkPassword("ht.mai", "sai")).isFalse();
        assertThat(identity.createUserQuery().memberOfTenant("THCSHB").list()).extracting(u -> u.getId())
                .containsExactlyInAnyOrder("gv.lan", "tt.hung", "ht.mai", "pht.an", "vt.hoa");
        // the vice-principal has a group of his own; the principal's is hers alone (a delegation does not change it)
        assertThat(identity.createUserQuery().memberOfGroup("THCSHB.VICE_PRINCIPAL").list())
                .extracting(u -> u.getId()).containsExactly("pht.an");
    }
}
