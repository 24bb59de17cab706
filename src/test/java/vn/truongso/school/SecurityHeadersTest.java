package vn.truongso.school;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/** The headers every answer carries, whatever answered it: a controller, the security filters or the error page. */
@IntegrationTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    private HttpResponse<byte[]> get(String user, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndNothingPersonalIsCached() throws Exception {
        String doc = new Api(port).upload("gv.lan", "Tiêu đề bảo mật", "OTHER");
        String[][] sample = {
                {"gv.lan", "/api/documents/" + doc + "/content"}, // a document's bytes
                {"gv.lan", "/api/documents/" + doc},
                {"gv.lan", "/api/tasks"},
                {null, "/api/tasks"}, // 401 from the security filters
                {"gv.lan", "/api/documents/" + java.util.UUID.randomUUID()}, // 404 problem
                {"gv.lan", "/api/khong-co"}, // no such endpoint
                {null, "/actuator/health"},
                {"admin", "/actuator/info"},
                {null, "/pki/ca/root-ca.cer"},
        };
        for (String[] s : sample) {
            HttpResponse<byte[]> r = get(s[0], s[1]);
            HttpHeaders h = r.headers();
            String where = s[1] + " (" + r.statusCode() + ")";
            assertThat(h.firstValue("X-Content-Type-Options")).as(where).hasValue("nosniff");
            assertThat(h.firstValue("X-Frame-Options")).as(where).hasValue("DENY");
            assertThat(h.firstValue("Content-Security-Policy")).as(where).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
            assertThat(h.firstValue("Referrer-Policy")).as(where).isPresent();
            if (s[1].startsWith("/api")) {
                assertThat(h.firstValue("Cache-Control")).as(where).hasValueSatisfying(cc ->
                        assertThat(cc).contains("no-store").contains("private"));
            }
        }
        // The Camunda webapps load their own scripts and styles: a looser policy of their own, still framed by us only.
        HttpResponse<byte[]> camunda = get(null, "/camunda/app/welcome/default/");
        assertThat(camunda.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(camunda.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("frame-ancestors 'self'").contains("'unsafe-inline'"));
    }
}
