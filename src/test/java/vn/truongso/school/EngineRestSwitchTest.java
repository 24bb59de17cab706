package vn.truongso.school;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import vn.truongso.support.Api;

/** An operator who turns {@code truongso.engine-rest.enabled} on opens Camunda's REST API to administrators only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "truongso.engine-rest.enabled=true")
@ActiveProfiles("test")
class EngineRestSwitchTest {

    @LocalServerPort
    int port;

    @Test
    void whenTurnedOnTheEngineRestApiAnswersTheAdministratorAndNobodyElse() {
        Api api = new Api(port);
        Api.Response admin = api.get("admin", "/engine-rest/engine");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.json().get(0).get("name").asText()).isEqualTo("default");
        for (String user : new String[] {"gv.lan", "ht.mai", "cv.nam", "ph.binh"}) {
            assertThat(api.get(user, "/engine-rest/task").status()).as(user).isEqualTo(403);
        }
        assertThat(api.get(null, "/engine-rest/task").status()).isEqualTo(401);
    }
}
