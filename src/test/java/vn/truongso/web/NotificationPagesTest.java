package vn.truongso.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.truongso.notification.Notifier;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.PageSession;
import vn.truongso.support.TestUsers;

/**
 * The bell and the notification pages over HTTP with a session from the login form: the header counts the unread,
 * the list shows them first and in bold, "Đánh dấu tất cả đã đọc" clears only one's own, and the preferences form
 * changes what the API shows, refusing (with the service's message) what the API refuses.
 */
@IntegrationTest
class NotificationPagesTest {

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    Notifier notifier;
    Api api;

    record Session(String cookie, String csrf) {
    }

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    @Test
    void theBellCountsTheUnreadAndMarkAllReadClearsOnlyOnesOwn() {
        String lan = person("PRINCIPAL");
        String other = person("TEACHER");
        notifier.toUser(lan, "LESSON_PLAN_APPROVED", "Kế hoạch bài dạy cũ đã được duyệt.", "/api/lesson-plans/x");
        Session s = signIn(lan);
        post(s, "/notifications/read-all", "");
        notifier.toUser(lan, "REVIEW_REMINDER", "Có 2 kế hoạch bài dạy chờ duyệt quá hạn.", "/inbox");
        notifier.toUser(lan, "TASK_ASSIGNED", "Thầy/Cô có 12 kế hoạch bài dạy chờ duyệt.", "/inbox");
        notifier.toUser(other, "LESSON_PLAN_RETURNED", "Kế hoạch bài dạy bị trả lại.", null);

        String home = get(s, "/home").body();
        assertThat(text(home, "id=\"unread-count\"[^>]*>([^<]+)<")).isEqualTo("2");
        assertThat(home).contains("aria-label=\"Thông báo: 2 chưa đọc\"");

        String list = get(s, "/notifications").body();
        // unread first, in bold, with the old one read after them; the API's link opens its page
        int newest = list.indexOf("Thầy/Cô có 12 kế hoạch bài dạy chờ duyệt.");
        int old = list.indexOf("Kế hoạch bài dạy cũ đã được duyệt.");
        assertThat(newest).isPositive().isLessThan(old);
        assertThat(list.indexOf("Có 2 kế hoạch bài dạy chờ duyệt quá hạn.")).isLessThan(old);
        assertThat(list).contains("class=\"message fw-bold\">Thầy/Cô có 12").contains("Đánh dấu tất cả đã đọc")
                .contains("href=\"/lesson-plans/x\"").doesNotContain("href=\"/api/");

        HttpResponse<String> done = post(s, "/notifications/read-all", "");
        assertThat(done.statusCode()).isEqualTo(302);
        String after = get(s, "/notifications").body();
        assertThat(after).contains("Đã đánh dấu 2 thông báo là đã đọc.").doesNotContain("id=\"unread-count\"")
                .doesNotContain("fw-bold\">Thầy/Cô");
        assertThat(api.get(lan, "/api/notifications/count").json().get("unread").asInt()).isZero();
        assertThat(api.get(other, "/api/notifications/count").json().get("unread").asInt()).isEqualTo(1);
    }

    @Test
    void thePreferencesFormChangesWhatTheApiShowsAndRefusesWhatItRefuses() {
        String head = person("TEACHER", "HEAD");
        Session s = signIn(head);

        String form = get(s, "/notifications/preferences").body();
        assertThat(form).contains("Việc mới cần xử lý").contains("Bảo mật tài khoản, chữ ký số")
                .contains("Thông báo bảo mật luôn được gửi ngay");
        assertThat(text(form, "id=\"pref-TASKS\"[^>]*>\\s*(?:<option[^>]*>[^<]*</option>\\s*)*?"
                + "<option value=\"DIGEST\" selected=\"selected\">([^<]+)<")).startsWith("Gộp vào thư tổng hợp");

        HttpResponse<String> saved = post(s, "/notifications/preferences", "TASKS=AT_ONCE&REMINDERS=NONE");
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(get(s, "/notifications/preferences").body()).contains("Đã lưu cách nhận thông báo.");
        assertThat(delivery(head, "TASKS")).isEqualTo("AT_ONCE");
        assertThat(delivery(head, "REMINDERS")).isEqualTo("NONE");

        // a forged form that turns the security messages off: the service's refusal, nothing changed
        post(s, "/notifications/preferences", "TASKS=NONE&ACCOUNT=NONE");
        String refused = get(s, "/notifications/preferences").body();
        assertThat(refused).contains("id=\"problem\"").contains("data-code=\"PREFERENCE_NOT_CHANGEABLE\"");
        assertThat(delivery(head, "TASKS")).isEqualTo("AT_ONCE");
        assertThat(delivery(head, "ACCOUNT")).isEqualTo("AT_ONCE");
    }

    String delivery(String user, String category) {
        for (var p : api.get(user, "/api/notifications/preferences").json()) {
            if (p.get("category").asText().equals(category)) {
                return p.get("delivery").asText();
            }
        }
        throw new AssertionError(category);
    }

    String person(String... roles) {
        String username = "pg." + UUID.randomUUID().toString().substring(0, 8);
        return new TestUsers(jdbc, encoder).person(username, "Cô Trang " + username).title("Giáo viên")
                .organisation("THCSHB").roles(roles).password("demo").insert();
    }

    Session signIn(String username) {
        HttpResponse<String> login = call("GET", "/login", null, null);
        String cookie = PageSession.cookie(login, null);
        String csrf = text(login.body(), "name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        HttpResponse<String> signedIn = call("POST", "/login", new Session(cookie, csrf),
                "username=" + enc(username) + "&password=demo&_csrf=" + enc(csrf));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        cookie = PageSession.cookie(signedIn, cookie);
        HttpResponse<String> home = call("GET", "/home", new Session(cookie, null), null);
        return new Session(cookie, text(home.body(), "<meta name=\"csrf-token\" content=\"([^\"]+)\""));
    }

    HttpResponse<String> get(Session s, String path) {
        HttpResponse<String> r = call("GET", path, s, null);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r;
    }

    HttpResponse<String> post(Session s, String path, String form) {
        return call("POST", path, s, form);
    }

    HttpResponse<String> call(String method, String path, Session s, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html");
        if (s != null && s.cookie() != null) {
            b.header("Cookie", s.cookie());
        }
        if (s != null && s.csrf() != null && method.equals("POST")) {
            b.header("X-CSRF-TOKEN", s.csrf());
        }
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        b.method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


    static String text(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertThat(m.find()).as(regex + " in the page").isTrue();
        return m.group(1).strip();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
