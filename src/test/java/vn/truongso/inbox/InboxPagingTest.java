package vn.truongso.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

@IntegrationTest
class InboxPagingTest {

    @LocalServerPort
    int port;

    @Test
    void aHugePageNumberIsAnEmptyPageNotAnError() {
        Api.Response r = new Api(port).get("tt.hung", "/api/tasks?size=200&page=" + Integer.MAX_VALUE);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("items")).isEmpty();
        assertThat(r.json().get("total").asLong()).isNotNegative();
        Api.Response tooBig = new Api(port).get("tt.hung", "/api/tasks?size=100000");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.contentType()).startsWith("application/problem+json");
    }
}
