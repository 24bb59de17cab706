package vn.truongso.school;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestUsers;
import vn.truongso.common.Secrets;

/**
 * Sign in once (issue 12): POST /api/auth/token with the password answers a bearer token that then signs in on /api
 * as the account is now, on any node; a wrong password there counts toward the lock-out like any other; a token
 * that is not live is 401 INVALID_TOKEN, alike for every reason; the token is never logged.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ApiTokenTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    Clock clock;
    @Autowired
    ApiTokenProperties properties;
    @Autowired
    org.camunda.bpm.engine.ManagementService jobs;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void forgetThisAddress() {
        // The shared context's other tests also come from 127.0.0.1: leave no count behind.
        throttle.forgetAll();
    }

    /** A teacher of school B nobody else uses, password "demo". */
    String teacher() {
        return new TestUsers(jdbc, encoder).person("gv.token." + UUID.randomUUID().toString().substring(0, 8),
                "Giáo viên Token").title("Giáo viên").organisation("THCSAP").roles("TEACHER").password("demo").insert();
    }

    HttpResponse<String> call(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> tokenRequest(String user, String password) throws Exception {
        return call("POST", "/api/auth/token", basic(user, password));
    }

    String token(String user) throws Exception {
        HttpResponse<String> r = tokenRequest(user, "demo");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("token").asText();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    List<String> taskKeys(HttpResponse<String> inbox) throws Exception {
        assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        json(inbox).get("items").forEach(t -> keys.add(t.get("businessKey").asText()));
        return keys;
    }

    @Test
    void aTokenFromThePasswordSignsInForTheOwnSchoolsInboxOnly() throws Exception {
        Api api = new Api(port, jobs);
        String planA = api.submitLessonPlan("gv.lan", "Bài token trường A").get("id").asText();

        HttpResponse<String> issued = tokenRequest("tt.hung", "demo");
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(issued.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        JsonNode body = json(issued);
        String token = body.get("token").asText();
        assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(token).matches("[A-Za-z0-9_-]{43}"); // 256 bits, URL-safe
        OffsetDateTime expires = OffsetDateTime.parse(body.get("expiresAt").asText());
        assertThat(Duration.between(clock.instant(), expires.toInstant()))
                .isBetween(properties.ttl().minusMinutes(1), properties.ttl());
        // Only the hash is kept.
        assertThat(jdbc.queryForObject("select count(*) from api_token where token_hash = ? and username = 'tt.hung'",
                Integer.class, Secrets.sha256Hex(token))).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from api_token where token_hash = ?", Integer.class, token))
                .isZero();

        // School A's head sees the plan with his token exactly as with his password.
        List<String> byToken = taskKeys(call("GET", "/api/tasks?size=200", "Bearer " + token));
        assertThat(byToken).contains(planA);
        assertThat(byToken).containsExactlyInAnyOrderElementsOf(
                taskKeys(call("GET", "/api/tasks?size=200", basic("tt.hung", "demo"))));
        // School B's head with a token of his own does not.
        assertThat(taskKeys(call("GET", "/api/tasks?size=200", "Bearer " + token("tt.linh")))).doesNotContain(planA);
    }

    @Test
    void aWrongPasswordForATokenCountsTowardTheLockOutLikeBasic() throws Exception {
        String user = teacher();
        int max = throttle.limits().accountMaxFailures();
        for (int i = 1; i < max; i++) {
            HttpResponse<String> wrong = tokenRequest(user, "sai-" + i);
            assertThat(wrong.statusCode()).as("attempt " + i).isEqualTo(401);
            assertThat(json(wrong).get("code").asText()).isEqualTo("UNAUTHORIZED");
        }
        // The last one on plain Basic: both count in the one account.
        assertThat(call("GET", "/api/tasks", basic(user, "sai")).statusCode()).isEqualTo(401);

        HttpResponse<String> locked = tokenRequest(user, "demo");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(locked).get("code").asText()).isEqualTo("LOGIN_LOCKED");
        assertThat(jdbc.queryForObject("select count(*) from api_token where username = ?", Integer.class, user))
                .isZero();
    }

    @Test
    void revokedExpiredUnknownAndMalformedTokensAreRefusedAlike() throws Exception {
        String revoked = token("gv.lan");
        assertThat(call("GET", "/api/tasks", "Bearer " + revoked).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/auth/token", "Bearer " + revoked).statusCode()).isEqualTo(204);
        String expired = token("gv.lan");
        jdbc.update("update api_token set expires_at = ? where token_hash = ?",
                OffsetDateTime.ofInstant(clock.instant().minusSeconds(1), java.time.ZoneOffset.UTC),
                Secrets.sha256Hex(expired));
        String unknown = Secrets.randomSecret();

        List<String> bodies = new ArrayList<>();
        for (String header : List.of("Bearer " + revoked, "Bearer " + expired, "Bearer " + unknown,
                "Bearer kh%C3%B4ng-ph%E1%BA%A3i-token", "Bearer " + revoked + "x", "Bearer ", "bearer " + unknown)) {
            HttpResponse<String> r = call("GET", "/api/tasks", header);
            assertThat(r.statusCode()).as(header).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
            assertThat(json(r).get("code").asText()).isEqualTo("INVALID_TOKEN");
            bodies.add(r.body());
        }
        assertThat(bodies).as("no answer tells which reason").containsOnly(bodies.get(0));
        // A revoked token cannot revoke again or buy a new one.
        assertThat(call("DELETE", "/api/auth/token", "Bearer " + revoked).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/auth/token", "Bearer " + revoked).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenSignsInAsTheAccountIsNowNotAsItWas() throws Exception {
        String user = teacher();
        String token = token(user);
        assertThat(call("GET", "/api/admin/credentials", "Bearer " + token).statusCode()).isEqualTo(403);
        jdbc.update("insert into user_role (username, role) values (?, 'ADMIN')", user);
        assertThat(call("GET", "/api/admin/credentials", "Bearer " + token).statusCode()).isEqualTo(200);
        jdbc.update("update user_account set enabled = false where username = ?", user);
        HttpResponse<String> disabled = call("GET", "/api/tasks", "Bearer " + token);
        assertThat(disabled.statusCode()).isEqualTo(401);
        assertThat(json(disabled).get("code").asText()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void aTokenMakesNoTokenAndBasicRevokesNothing() throws Exception {
        String token = token("gv.lan");
        HttpResponse<String> renew = call("POST", "/api/auth/token", "Bearer " + token);
        assertThat(renew.statusCode()).isEqualTo(403);
        assertThat(json(renew).get("code").asText()).isEqualTo("PASSWORD_REQUIRED");
        HttpResponse<String> noBearer = call("DELETE", "/api/auth/token", basic("gv.lan", "demo"));
        assertThat(noBearer.statusCode()).isEqualTo(400);
        assertThat(json(noBearer).get("code").asText()).isEqualTo("BEARER_TOKEN_REQUIRED");
        assertThat(call("GET", "/api/tasks", "Bearer " + token).statusCode()).isEqualTo(200);
        // The revoke ends only the caller's own token.
        ApiTokens tokens = new ApiTokens(jdbc, clock, properties, events);
        assertThat(tokens.revoke("tt.hung", token)).isFalse();
        assertThat(call("GET", "/api/tasks", "Bearer " + token).statusCode()).isEqualTo(200);
    }

    /** Two {@link ApiTokens} built anew over the one DataSource stand for two nodes (as remotesign.TwoNodesTest). */
    @Test
    void aTokenMadeOnOneNodeWorksOnAnotherAndItsRevocationToo() throws Exception {
        ApiTokens nodeA = new ApiTokens(jdbc, clock, properties, events);
        ApiTokens nodeB = new ApiTokens(jdbc, clock, properties, events);
        String token = nodeA.issue("gv.lan").token();
        assertThat(nodeB.userOf(token)).contains("gv.lan");
        // And the running application (a third node) accepts it over HTTP.
        assertThat(call("GET", "/api/tasks", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(nodeB.revoke("gv.lan", token)).isTrue();
        assertThat(nodeA.userOf(token)).isEmpty();
        assertThat(call("GET", "/api/tasks", "Bearer " + token).statusCode()).isEqualTo(401);

        // A node whose clock is past the token's time refuses it, and its next token clears the expired rows.
        String old = nodeA.issue("gv.lan").token();
        ApiTokens later = new ApiTokens(jdbc, Clock.offset(clock, properties.ttl().plusMinutes(1)), properties, events);
        assertThat(later.userOf(old)).isEmpty();
        later.issue("gv.lan");
        assertThat(jdbc.queryForObject("select count(*) from api_token where token_hash = ?", Integer.class,
                Secrets.sha256Hex(old))).isZero();
    }

    @Test
    void theTokenIsNeverLogged(CapturedOutput output) throws Exception {
        String token = token("gv.lan");
        call("GET", "/api/tasks", "Bearer " + token);
        call("DELETE", "/api/auth/token", "Bearer " + token);
        call("GET", "/api/tasks", "Bearer " + token);
        assertThat(output.getAll()).contains("API token issued to gv.lan").contains("API token of gv.lan revoked")
                .doesNotContain(token).doesNotContain(Secrets.sha256Hex(token));
    }

    /** Issuing and revoking a token are in the audit trail, as the user's own actions; the token is not. */
    @Test
    void issuingAndRevokingATokenAreAuditedWithoutTheToken() throws Exception {
        String user = teacher();
        String token = token(user);
        assertThat(call("DELETE", "/api/auth/token", "Bearer " + token).statusCode()).isEqualTo(204);

        List<java.util.Map<String, Object>> entries = jdbc.queryForList("select actor, organisation, action,"
                + " target_type, target_id, details from audit_entry where target_id = ? order by seq", user);
        assertThat(entries).extracting(e -> e.get("ACTION")).containsExactly("API_TOKEN_ISSUED", "API_TOKEN_REVOKED");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get("ACTOR")).isEqualTo(user);
            assertThat(e.get("ORGANISATION")).isEqualTo("THCSAP");
            assertThat(e.get("TARGET_TYPE")).isEqualTo("USER_ACCOUNT");
            assertThat((String) e.get("DETAILS")).isNotBlank();
        });
        // Nowhere in the trail: neither the token nor its hash.
        for (String secret : List.of(token, Secrets.sha256Hex(token))) {
            assertThat(jdbc.queryForObject("select count(*) from audit_entry where details like ? or target_id like ?",
                    Integer.class, "%" + secret + "%", "%" + secret + "%")).isZero();
        }
        // A revoke that ends nothing (already revoked) is refused and records nothing more.
        assertThat(call("DELETE", "/api/auth/token", "Bearer " + token).statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where target_id = ?", Integer.class, user))
                .isEqualTo(2);
    }

    @Test
    void theOpenApiDocumentOffersTheBearerScheme() throws Exception {
        JsonNode docs = json(call("GET", "/v3/api-docs", basic("admin", "demo")));
        assertThat(docs.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(docs.at("/paths/~1api~1auth~1token/post/security/0").has("basic")).isTrue();
        assertThat(docs.at("/paths/~1api~1auth~1token/delete/security/0").has("bearer")).isTrue();
        assertThat(docs.get("security").toString()).contains("basic").contains("bearer");
    }
}
