package vn.truongso.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pages as a browser session reaches them, without a browser: signed in through the login form (one session per
 * user, kept), every request with the session's cookie and CSRF token. A page action answers a redirect whether the
 * services accepted or refused it (the refusal travels to the next page); {@link #send} follows such a redirect and
 * answers what it means as an HTTP status, so that page cells read like API cells: 302 only for "to the login page",
 * 403 or 404 for a refusal (the error page, or the service's FORBIDDEN / NOT_FOUND shown at the top), 400 for another
 * rule of the service shown on the page, else the page's own status.
 */
public final class PageSessions {

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final Pattern PROBLEM = Pattern.compile("id=\"problem\"[^>]*data-code=\"([A-Z_]+)\"|data-code=\"([A-Z_]+)\"[^>]*id=\"problem\"");

    private final HttpClient http = HttpClient.newHttpClient(); // never follows redirects by itself
    private final String base;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public PageSessions(int port) {
        this.base = "http://localhost:" + port;
    }

    record Session(String cookie, String csrf) {
    }

    /** What a page request came to: see the class comment. */
    public record Outcome(int status, String location, String problemCode) {
    }

    /** A form body (application/x-www-form-urlencoded). */
    public static Api.Body form(Map<String, String> fields) {
        String encoded = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return new Api.Body("application/x-www-form-urlencoded", encoded.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code username} null: nobody signed in (a session of its own all the same, with its CSRF token). */
    public Outcome send(String username, String method, String path, Api.Body body) {
        Session s = sessions.computeIfAbsent(username == null ? "" : username, u -> u.isEmpty() ? anonymous() : signIn(u));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", s.cookie());
        if (!"GET".equals(method)) {
            b.header("X-CSRF-TOKEN", s.csrf());
        }
        if (body != null) {
            b.header("Content-Type", body.contentType());
        }
        HttpResponse<String> r = call(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build());
        if (r.statusCode() != 302) {
            return new Outcome(r.statusCode(), null, problem(r.body()));
        }
        String location = r.headers().firstValue("Location").orElse("");
        if (URI.create(location).getPath() != null && URI.create(location).getPath().endsWith("/login")) {
            return new Outcome(302, location, null);
        }
        // Where the action sent the person: the page that shows how it went.
        HttpResponse<String> next = call(HttpRequest.newBuilder(URI.create(base).resolve(location))
                .header("Cookie", s.cookie()).GET().build());
        String code = problem(next.body());
        int status = next.statusCode() == 403 || next.statusCode() == 404 ? next.statusCode()
                : code == null ? next.statusCode() == 302 ? 200 : next.statusCode()
                : "FORBIDDEN".equals(code) || "NOT_YOUR_SCHOOL".equals(code) ? 403
                : "NOT_FOUND".equals(code) ? 404 : 400;
        return new Outcome(status, location, code);
    }

    private static String problem(String body) {
        Matcher m = PROBLEM.matcher(body == null ? "" : body);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }

    private Session anonymous() {
        HttpResponse<String> login = call(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build());
        return new Session(cookie(login, null), match(CSRF_INPUT, login.body()));
    }

    private Session signIn(String username) {
        Session start = anonymous();
        HttpResponse<String> posted = call(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Cookie", start.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(new String(form(Map.of("username", username,
                        "password", "demo", "_csrf", start.csrf())).bytes(), StandardCharsets.UTF_8))).build());
        String location = posted.headers().firstValue("Location").orElse("");
        if (posted.statusCode() != 302 || location.contains("error")) {
            throw new AssertionError("cannot sign in as " + username + ": " + posted.statusCode() + " " + location);
        }
        String cookie = cookie(posted, start.cookie()); // a new session after signing in
        HttpResponse<String> home = call(HttpRequest.newBuilder(URI.create(base + "/home")).header("Cookie", cookie)
                .GET().build());
        return new Session(cookie, match(CSRF_META, home.body()));
    }

    private static String cookie(HttpResponse<?> r, String otherwise) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst()
                .orElseGet(() -> {
                    if (otherwise == null) {
                        throw new AssertionError("no session cookie from " + r.uri());
                    }
                    return otherwise;
                });
    }

    private static String match(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the page");
        }
        return m.group(1);
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
