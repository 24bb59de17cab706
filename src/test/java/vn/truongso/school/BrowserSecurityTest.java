package vn.truongso.school;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.support.IntegrationTest;

/**
 * Browsers never get a Basic prompt (so never cache a password a forged request could reuse); the Camunda webapps
 * sign in with a form and a session protected against cross-site requests; the engine REST API, which deploys
 * processes whose expressions run Java, is off unless configured (issue 13, hole 7).
 */
@IntegrationTest
class BrowserSecurityTest {

    @LocalServerPort
    int port;

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    /** A browser: keeps cookies, does not follow redirects, announces HTML. */
    static final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String url) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> post(String url, String contentType, String body, String... headers) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        /** Signs in through the login form as a person would; answers the response to the form's POST. */
        HttpResponse<String> signIn(String base, String user, String password, boolean withCsrf) throws Exception {
            HttpResponse<String> page = get(base + "/login");
            assertThat(page.statusCode()).isEqualTo(200);
            Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
            assertThat(m.find()).as(page.body()).isTrue();
            String form = "username=" + enc(user) + "&password=" + enc(password)
                    + (withCsrf ? "&_csrf=" + enc(m.group(1)) : "");
            return post(base + "/login", "application/x-www-form-urlencoded", form);
        }

        static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    HttpResponse<String> plainGet(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void theEngineRestApiIsOffUnlessConfigured() throws Exception {
        for (String path : new String[] {"/engine-rest/engine", "/engine-rest/deployment/create", "/engine-rest/task"}) {
            assertThat(plainGet(path).statusCode()).as(path).isEqualTo(404);
            assertThat(plainGet(path, "Authorization", basic("admin")).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void browsersAreNeverAskedForABasicPassword() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> cockpit = browser.get(url("/camunda/app/cockpit/default/"));
        assertThat(cockpit.statusCode()).isEqualTo(302);
        assertThat(cockpit.headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(cockpit.headers().firstValue("WWW-Authenticate")).isEmpty();

        HttpResponse<String> actuator = browser.get(url("/actuator/metrics"));
        assertThat(actuator.statusCode()).isEqualTo(401);
        assertThat(actuator.headers().firstValue("WWW-Authenticate")).isEmpty();

        // /api: a browser (Accept: text/html or Sec-Fetch-*) gets no challenge; other clients keep theirs.
        HttpResponse<String> apiInBrowser = browser.get(url("/api/tasks"));
        assertThat(apiInBrowser.statusCode()).isEqualTo(401);
        assertThat(apiInBrowser.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(plainGet("/api/tasks", "Sec-Fetch-Mode", "cors").headers().firstValue("WWW-Authenticate"))
                .isEmpty();
        assertThat(plainGet("/api/tasks").headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"TruongSo\"");

        // Basic credentials a browser may have cached are not accepted by the webapps at all.
        HttpResponse<String> basicOnWebapp = plainGet("/camunda/app/cockpit/default/", "Authorization", basic("admin"));
        assertThat(basicOnWebapp.statusCode()).isEqualTo(302);
    }

    @Test
    void camundaSignsInWithAFormAndASessionAgainstCrossSiteRequests() throws Exception {
        Browser forged = new Browser();
        assertThat(forged.signIn(url(""), "admin", "demo", false).statusCode()).isEqualTo(403);

        Browser admin = new Browser();
        HttpResponse<String> signedIn = admin.signIn(url(""), "admin", "demo", true);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String cookie = String.join("\n", signedIn.headers().allValues("Set-Cookie"));
        assertThat(cookie).contains("JSESSIONID").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        HttpResponse<String> cockpit = admin.get(url("/camunda/app/cockpit/default/"));
        assertThat(cockpit.statusCode()).isEqualTo(200);

        // The webapps' own API accepts a state-changing request with the CSRF token the webapp hands out...
        String token = cockpit.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
        HttpResponse<String> withToken = admin.post(url("/camunda/api/engine/engine/default/task/count"),
                "application/json", "{}", "X-XSRF-TOKEN", token);
        assertThat(withToken.statusCode()).as(withToken.headers().map() + " " + withToken.body()).isEqualTo(200);
        // ... and refuses it without (Camunda's own CSRF filter is active).
        HttpResponse<String> noToken = admin.post(url("/camunda/api/engine/engine/default/task/count"),
                "application/json", "{}");
        assertThat(noToken.statusCode()).as(noToken.headers().map() + " " + noToken.body()).isEqualTo(403);

        Browser teacher = new Browser();
        assertThat(teacher.signIn(url(""), "gv.lan", "demo", true).statusCode()).isEqualTo(302);
        assertThat(teacher.get(url("/camunda/app/cockpit/default/")).statusCode()).isEqualTo(403);

        Browser wrong = new Browser();
        HttpResponse<String> refused = wrong.signIn(url(""), "admin", "sai", true);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElse("")).contains("/login?error");
        assertThat(wrong.get(url("/camunda/app/cockpit/default/")).statusCode()).isEqualTo(302);
    }
}
