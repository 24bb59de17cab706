package vn.truongso.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import vn.truongso.remotesign.TestOtp;

/** A tiny HTTP client for the integration tests: real requests to the running app, as a demo user would send. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final ManagementService jobs;
    /** user → "Bearer …", once {@link #signInOnce()} is called. */
    private Map<String, String> tokens;

    public Api(int port) {
        this(port, null);
    }

    /** @param jobs to run what the job executor runs in production (tests switch it off), e.g. putting signatures in */
    public Api(int port, ManagementService jobs) {
        this.base = "http://localhost:" + port;
        this.jobs = jobs;
    }

    public record Response(int status, String contentType, byte[] bytes) {
        public JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
            }
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    /** One part of a multipart upload. */
    public record Part(String name, String fileName, String contentType, byte[] bytes) {
        public static Part field(String name, String value) {
            return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
        }

        public static Part file(String fileName, String contentType, byte[] bytes) {
            return new Part("file", fileName, contentType, bytes);
        }
    }

    public Response get(String user, String path) {
        return send(request(user, path).GET().build());
    }

    public Response postJson(String user, String path, Object body) {
        try {
            return send(request(user, path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON with an Authorization header of the caller's own (e.g. "Bearer …" for the CSC API), or none when null. */
    public Response postJsonAuthorized(String authorization, String path, Object body) {
        HttpRequest.Builder b = request(null, path);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return send(b.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Raw bytes with a content type, as PKI clients send OCSP requests and time-stamp queries. */
    public Response postBytes(String user, String path, String contentType, byte[] body) {
        return send(request(user, path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public Response postMultipart(String user, String path, Part... parts) {
        Body body = multipart(parts);
        return send(request(user, path).header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build());
    }

    /** A request body with its content type. */
    public record Body(String contentType, byte[] bytes) {
        public static Body json(Object value) {
            try {
                return new Body("application/json", JSON.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Any method, any path, with an optional body and extra headers; {@code user} null sends no Basic credentials
     * (an "Authorization" header of the caller's own may then come in {@code headers}).
     */
    public Response send(String method, String user, String path, Body body, Map<String, String> headers) {
        HttpRequest.Builder b = request(user, path);
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", body.contentType());
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build());
    }

    /** A multipart/form-data body of these parts. */
    public static Body multipart(Part... parts) {
        String boundary = "----truongso" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder h = new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name() + "\"");
            if (p.fileName() != null) {
                h.append("; filename=\"").append(p.fileName()).append("\"");
            }
            h.append("\r\n");
            if (p.contentType() != null) {
                h.append("Content-Type: ").append(p.contentType()).append("\r\n");
            }
            h.append("\r\n");
            body.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
            body.writeBytes(p.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Body("multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /** Uploads a generated one-page PDF of the given kind (REPORT, APPLICATION_PAPER, …); answers its id. */
    public String upload(String user, String title, String kind) {
        Response r = postMultipart(user, "/api/documents", Part.file("tep.pdf", "application/pdf",
                TestPdfs.lessonPlan(title)), Part.field("title", title), Part.field("kind", kind));
        if (r.status() != 201) {
            throw new AssertionError("upload failed: " + r);
        }
        return r.json().get("id").asText();
    }

    /** Uploads a generated lesson-plan PDF as {@code user}; answers the new document's id. */
    public String uploadLessonPlan(String user, String title) {
        Response r = postMultipart(user, "/api/documents", Part.file("khbd.pdf", "application/pdf",
                TestPdfs.lessonPlan(title)), Part.field("title", title), Part.field("kind", "LESSON_PLAN"));
        if (r.status() != 201) {
            throw new AssertionError("upload failed: " + r);
        }
        return r.json().get("id").asText();
    }

    /**
     * Uploads and submits a lesson plan as {@code teacher}, who confirms the author's signature with the next code of
     * the demo authenticator; answers the plan as JSON, by then in the head's review.
     */
    public JsonNode submitLessonPlan(String teacher, String title) {
        JsonNode submitted = submitLessonPlanUnconfirmed(teacher, title);
        confirm(teacher, submitted.get("signTransaction").get("transactionId").asText());
        return get(teacher, "/api/lesson-plans/" + submitted.get("id").asText()).json();
    }

    /** Uploads and submits; the author's signature still waits for the teacher's code. */
    public JsonNode submitLessonPlanUnconfirmed(String teacher, String title) {
        String doc = uploadLessonPlan(teacher, title);
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("documentId", doc);
        req.put("subject", "Toán");
        req.put("grade", 8);
        req.put("lessonTitle", title);
        req.put("week", 12);
        Response r = postJson(teacher, "/api/lesson-plans", req);
        if (r.status() != 201) {
            throw new AssertionError("submit failed: " + r);
        }
        return r.json();
    }

    /** The id of the open task of this plan as seen in {@code user}'s inbox, or null. */
    public String taskOf(String user, String planId) {
        JsonNode items = get(user, "/api/tasks?size=200").json().get("items");
        for (JsonNode t : items) {
            if (planId.equals(t.get("businessKey").asText())) {
                return t.get("id").asText();
            }
        }
        return null;
    }

    /**
     * Completes a task and, when the decision signs (202 with a sign transaction), confirms it as the signer's phone
     * would; answers the completion's response.
     */
    public Response completeAndSign(String user, String taskId, String decision, String comment, String channel) {
        Response r = complete(user, taskId, decision, comment, channel);
        if (r.status() == 202) {
            confirm(user, r.json().get("transactionId").asText());
        }
        return r;
    }

    /**
     * Confirms a sign transaction with the next code of the demo authenticator (every demo signer's secret), then
     * runs the jobs that put the signatures into the documents; answers the confirmed transaction.
     */
    public JsonNode confirm(String user, String transactionId) {
        Response r = postJson(user, "/api/sign-transactions/" + transactionId + "/confirm",
                Map.of("otp", TestOtp.nextCode(TestOtp.DEMO_SECRET)));
        if (r.status() != 200 || !"SIGNED".equals(r.json().get("status").asText())) {
            throw new AssertionError("confirmation failed: " + r);
        }
        runJobs();
        return r.json();
    }

    /** Runs every asynchronous continuation due now, as the job executor would; answers how many ran. */
    public int runJobs() {
        if (jobs == null) {
            throw new IllegalStateException("new Api(port, managementService) to run jobs");
        }
        int ran = 0;
        for (int round = 0; round < 10; round++) {
            List<Job> due = jobs.createJobQuery().executable().messages().list();
            if (due.isEmpty()) {
                break;
            }
            for (Job job : due) {
                // The job executor runs a job authenticated as the job's tenant (the engine's tenant check then
                // applies): so do we, or what works here would fail in production.
                IdentityService identity = ((org.camunda.bpm.engine.impl.ServiceImpl) jobs).getCommandExecutor()
                        .execute(c -> c.getProcessEngineConfiguration().getIdentityService());
                if (job.getTenantId() != null) {
                    identity.setAuthentication(null, null, List.of(job.getTenantId()));
                }
                try {
                    jobs.executeJob(job.getId());
                } finally {
                    identity.clearAuthentication();
                }
                ran++;
            }
        }
        return ran;
    }

    public Response complete(String user, String taskId, String decision, String comment, String channel) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        body.put("comment", comment);
        body.put("channel", channel);
        return postJson(user, "/api/tasks/" + taskId + "/complete", body);
    }

    /**
     * From now on each demo user signs in once (POST /api/auth/token) and sends the bearer token, as an API client
     * would, instead of the password on every request (a BCrypt check each); for the load harnesses.
     */
    public Api signInOnce() {
        tokens = new java.util.concurrent.ConcurrentHashMap<>();
        return this;
    }

    private HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (user != null) {
            b.header("Authorization", tokens != null && !user.contains(":")
                    ? tokens.computeIfAbsent(user, this::issueToken) : basic(user));
        }
        return b;
    }

    private static String basic(String user) {
        String password = user.contains(":") ? "" : ":demo";
        return "Basic " + Base64.getEncoder().encodeToString((user + password).getBytes(StandardCharsets.UTF_8));
    }

    private String issueToken(String user) {
        Response r = send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token")).header("Authorization",
                basic(user)).POST(HttpRequest.BodyPublishers.noBody()).build());
        if (r.status() != 200) {
            throw new AssertionError("token for " + user + ": " + r);
        }
        return "Bearer " + r.json().get("token").asText();
    }

    private Response send(HttpRequest req) {
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
