package vn.truongso.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import vn.truongso.remotesign.SharedOtp;
import vn.truongso.support.Api;
import vn.truongso.support.ChildProcess;
import vn.truongso.support.PageSession;
import vn.truongso.support.S3MockServer;
import vn.truongso.support.TestPostgres;

/**
 * Two nodes as README "Run several nodes" describes them (issue 12): two application JVMs on two ports, started at
 * the same moment on one empty PostgreSQL database, with one S3-compatible object store (S3Mock), one master key and
 * one PKI, each with its job executor on. Only when TRUONGSO_TEST_POSTGRES_URL names a server (CI starts one).
 *
 * <p>The methods run in order, as one Monday morning: the last one stops node A.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesOnOneDatabaseTest {

    static final int BATCH = 50;
    private static final Path OUT = Path.of("target", "cluster");

    TestPostgres pg;
    String database;
    ChildProcess a;
    ChildProcess b;
    Api onA;
    Api onB;
    SharedOtp otp;

    @BeforeAll
    void startTwoNodesAtOnce() throws Exception {
        pg = TestPostgres.fromEnvironment();
        Assumptions.assumeTrue(pg != null, "TRUONGSO_TEST_POSTGRES_URL is not set: no PostgreSQL server");
        database = "truongso_cluster_" + UUID.randomUUID().toString().substring(0, 8);
        pg.createDatabase(database);
        Files.createDirectories(OUT);
        Path otpFile = Files.createTempDirectory(OUT, "otp-").resolve("otp-steps");
        otp = new SharedOtp(otpFile);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String masterKey = Base64.getEncoder().encodeToString(key);
        S3MockServer s3 = S3MockServer.shared();
        // Started together on the empty database: migrations, engine schema, deployment, demo data and the campaigns
        // due at start-up are raced by both.
        CompletableFuture<ChildProcess> startA = CompletableFuture.supplyAsync(
                () -> ChildProcess.start(OUT.resolve("node-a"), otpFile, OUT.resolve("node-a.log"),
                        settings("node-a", masterKey, s3)));
        CompletableFuture<ChildProcess> startB = CompletableFuture.supplyAsync(
                () -> ChildProcess.start(OUT.resolve("node-b"), otpFile, OUT.resolve("node-b.log"),
                        settings("node-b", masterKey, s3)));
        a = startA.join();
        b = startB.join();
        onA = new Api(a.port);
        onB = new Api(b.port);
    }

    private List<String> settings(String node, String masterKey, S3MockServer s3) {
        List<String> s = new ArrayList<>(List.of(pg.args(database)));
        s.addAll(List.of(
                "--truongso.storage.type=s3",
                "--truongso.storage.s3.endpoint=" + s3.endpoint(),
                "--truongso.storage.s3.bucket=" + S3MockServer.BUCKET,
                "--truongso.storage.s3.access-key=test-access",
                "--truongso.storage.s3.secret-key=test-secret",
                "--truongso.storage.s3.path-style=true",
                "--truongso.remotesign.master-key=" + masterKey,
                "--truongso.reports.open-due-on-start=true",
                // The engine writes this name into the job log (which node ran a job) and, in the test's child, into
                // the locks its job executor takes (which node holds a job).
                "--camunda.bpm.generic-properties.properties.hostname=" + node,
                // Each node takes a few jobs at a time and an idle node looks for work at least every second, so a
                // batch is shared between the nodes instead of being taken whole by the node that created it.
                "--camunda.bpm.job-execution.core-pool-size=2", "--camunda.bpm.job-execution.max-pool-size=2",
                "--camunda.bpm.job-execution.queue-capacity=4",
                "--camunda.bpm.job-execution.max-jobs-per-acquisition=2",
                "--camunda.bpm.job-execution.wait-time-in-millis=500", "--camunda.bpm.job-execution.max-wait=1000"));
        return s;
    }

    @AfterAll
    void stopAndDrop() throws Exception {
        for (ChildProcess node : new ChildProcess[] {a, b}) {
            if (node != null) {
                node.kill();
            }
        }
        if (database != null) {
            pg.dropDatabase(database);
        }
    }

    @Test
    @Order(1)
    void twoNodesStartingAtOnceOnAnEmptyDatabaseSetItUpOnce() throws Exception {
        assertThat(count("select count(*) from user_account where username = ?", "gv.lan")).isEqualTo(1);
        assertThat(count("select count(*) from organisation where code = ?", "THCSHB")).isEqualTo(1);
        assertThat(count("select count(*) from act_re_procdef where key_ = ?", "lessonPlanApproval")).isEqualTo(1);
        assertThat(count("select count(*) from flyway_schema_history where not success")).isZero();
        for (Api node : List.of(onA, onB)) {
            assertThat(node.get("gv.lan", "/api/tasks").status()).isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void aPlanSubmittedOnNodeAIsApprovedOnNodeB() {
        JsonNode plan = submit(onA, "Bài hai nút");
        waitFor("the author's signature", 120, () -> status(onA, plan).equals("HEAD_REVIEW"));
        String task = onB.taskOf("tt.hung", plan.get("id").asText());
        assertThat(task).as("node B's inbox shows the plan submitted on node A").isNotNull();
        Api.Response approved = onB.complete("tt.hung", task, "APPROVE", "Đạt", "DIGITAL");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(202);
        confirm(onB, "tt.hung", approved.json().get("transactionId").asText());
        waitFor("the head's signature", 120, () -> status(onA, plan).equals("PRINCIPAL_APPROVAL"));
        // Node A reads the version node B stored in the object store: two signatures, both valid.
        JsonNode report = onA.get("gv.lan", "/api/documents/" + plan.get("documentId").asText() + "/verification")
                .json();
        assertThat(report.get("verdict").asText()).isEqualTo("VALID");
        assertThat(report.get("signatureCount").asInt()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void aUserSignedInToThePagesOnNodeAIsSignedInOnNodeB() throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(page(a, "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = PageSession.cookie(loginPage, null);
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(loginPage.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(page(a, "/login"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=ht.mai&password=demo&_csrf="
                        + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        cookie = PageSession.cookie(signedIn, cookie);
        // The next page request lands on node B: the session is in the shared database.
        HttpResponse<String> home = browser.send(HttpRequest.newBuilder(page(b, "/inbox")).header("Cookie", cookie)
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).as(home.headers().map().toString()).isEqualTo(200);
        assertThat(home.body()).contains("Phạm Thị Mai");
    }

    private static URI page(ChildProcess node, String path) {
        return URI.create("http://localhost:" + node.port + path);
    }


    @Test
    @Order(4)
    void aReminderTimerFiresOnceNotOncePerNode() throws Exception {
        JsonNode plan = submit(onB, "Bài nhắc hai nút");
        String id = plan.get("id").asText();
        waitFor("the author's signature", 120, () -> status(onB, plan).equals("HEAD_REVIEW"));
        String timer = "select j.id_ from act_ru_job j join act_ru_execution e on e.id_ = j.process_instance_id_ "
                + "where e.business_key_ = ? and j.type_ = 'timer' and j.job_def_id_ in "
                + "(select id_ from act_ru_jobdef where act_id_ = 'headReviewLate')";
        String job = string(timer, id);
        assertThat(job).isNotNull();
        // Its due time comes: both job executors see it.
        update("update act_ru_job set duedate_ = now() - interval '1 second' where id_ = ?", job);
        waitFor("the reminder", 120, () -> uncheckedCount(
                "select count(*) from act_hi_job_log where job_id_ = ? and job_state_ = 2", job) > 0);
        // Both executors have had many acquisitions since: still one run, one reminder per recipient.
        Thread.sleep(10_000);
        assertThat(count("select count(*) from act_hi_job_log where job_id_ = ? and job_state_ = 2", job)).isEqualTo(1);
        assertThat(count("select count(*) from notification where kind = 'REVIEW_REMINDER' and link like ?",
                "%" + id + "%")).isEqualTo(count("select count(distinct recipient) from notification "
                + "where kind = 'REVIEW_REMINDER' and link like ?", "%" + id + "%")).isPositive();
    }

    final List<JsonNode> batch = new ArrayList<>();

    @Test
    @Order(5)
    void aBatchConfirmedOnNodeAIsSignedByTheJobExecutorsOfBothNodesEachDocumentOnce() throws Exception {
        for (int i = 0; i < BATCH; i++) {
            batch.add(submit(i % 2 == 0 ? onA : onB, "Bài lô hai nút " + i));
        }
        waitFor("the authors' signatures", 600, () -> reached("HEAD_REVIEW") == BATCH);
        long before = System.currentTimeMillis();
        approveBatch(onA, "tt.hung");
        waitFor("the heads' signatures", 600, () -> reached("PRINCIPAL_APPROVAL") == BATCH);
        Map<String, Integer> byNode = jobsByNode(before);
        assertThat(byNode).as("signature jobs run per node").containsKeys("node-a", "node-b");
        assertOnceEach(2);
    }

    @Test
    @Order(6)
    void nodeAKilledInTheMiddleOfABatchLeavesNodeBToFinishItAfterTheLocksExpireNoneLostNoneSignedTwice() throws Exception {
        approveBatch(onA, "ht.mai");
        String lockedByA = "select id_ from act_ru_job where lock_owner_ = 'node-a'";
        waitFor("node A holding jobs of the batch", 300, () -> !uncheckedStrings(lockedByA).isEmpty());
        // Killed (SIGKILL) while it holds these jobs' locks: nothing on node A runs after this. An orderly stop
        // (SIGTERM, the context closed) is the easier case: node A then runs the jobs it holds before it exits (8 of 8
        // when tried), and node B takes the rest.
        List<String> held = strings(lockedByA);
        a.kill();
        a = null;
        // Their locks expire (10 s here); then node B runs them.
        waitFor("node B finishing the batch", 600, () -> reached(onB, "APPROVED") == BATCH);
        onA = onB;
        assertOnceEach(3);
        Map<String, Integer> runs = new HashMap<>();
        for (String job : held) {
            for (String node : strings("select hostname_ from act_hi_job_log where job_id_ = '" + job
                    + "' and job_state_ = 2")) {
                runs.merge(node, 1, Integer::sum);
            }
        }
        Files.writeString(OUT.resolve("jobs-held-at-stop.txt"), held.size() + " held by node-a; run by " + runs);
        assertThat(runs.values().stream().mapToInt(Integer::intValue).sum()).as("each held job ran once")
                .isEqualTo(held.size());
        assertThat(runs).as("node B took over what node A held").containsKey("node-b");
        assertThat(count("select count(*) from act_ru_job where exception_msg_ is not null")).isZero();
    }

    // --- the Monday morning's steps -------------------------------------------------------------------------------

    private JsonNode submit(Api node, String title) {
        JsonNode submitted = node.submitLessonPlanUnconfirmed("gv.lan", title);
        confirm(node, "gv.lan", submitted.get("signTransaction").get("transactionId").asText());
        return submitted;
    }

    private void confirm(Api node, String signer, String transactionId) {
        Api.Response r = node.postJson(signer, "/api/sign-transactions/" + transactionId + "/confirm",
                Map.of("otp", otp.nextCode()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private void approveBatch(Api node, String signer) {
        List<String> tasks = new ArrayList<>();
        List<String> ids = batch.stream().map(p -> p.get("id").asText()).toList();
        for (JsonNode t : node.get(signer, "/api/tasks?size=200").json().get("items")) {
            if (ids.contains(t.get("businessKey").asText())) {
                tasks.add(t.get("id").asText());
            }
        }
        assertThat(tasks).hasSize(BATCH);
        Api.Response r = node.postJson(signer, "/api/tasks/approve-batch", Map.of("taskIds", tasks));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        confirm(node, signer, r.json().get("signTransaction").get("transactionId").asText());
    }

    private String status(Api node, JsonNode plan) {
        return node.get("gv.lan", "/api/lesson-plans/" + plan.get("id").asText()).json().get("status").asText();
    }

    private int reached(String status) {
        return reached(onB, status);
    }

    private int reached(Api node, String status) {
        return (int) batch.stream().filter(p -> status(node, p).equals(status)).count();
    }

    /** Every plan of the batch: this many signatures, each signer once, the newest version VALID. */
    private void assertOnceEach(int signatures) {
        for (JsonNode plan : batch) {
            JsonNode report = onB.get("gv.lan", "/api/documents/" + plan.get("documentId").asText()
                    + "/verification").json();
            assertThat(report.get("verdict").asText()).as(plan.get("id").asText()).isEqualTo("VALID");
            assertThat(report.get("signatureCount").asInt()).as(plan.get("id").asText()).isEqualTo(signatures);
            Map<String, Integer> bySigner = new HashMap<>();
            for (JsonNode s : report.get("signatures")) {
                if ("SIGNATURE".equals(s.get("kind").asText())) {
                    bySigner.merge(s.path("signer").asText(), 1, Integer::sum);
                }
            }
            assertThat(bySigner.values()).as(plan.get("id").asText()).allMatch(n -> n == 1);
        }
    }

    /** Successful jobs since then, by the node that ran them (the engine's host name in its job log). */
    private Map<String, Integer> jobsByNode(long sinceMillis) throws Exception {
        Map<String, Integer> byNode = new HashMap<>();
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("select hostname_, count(*) from act_hi_job_log "
                     + "where job_state_ = 2 and timestamp_ >= ? group by hostname_")) {
            s.setTimestamp(1, new java.sql.Timestamp(sinceMillis - 5_000));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byNode.put(r.getString(1), r.getInt(2));
                }
            }
        }
        Files.writeString(OUT.resolve("jobs-by-node.txt"), byNode.toString());
        return byNode;
    }

    // --- the shared database, read as an operator would -----------------------------------------------------------

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(pg.url(database), System.getenv("TRUONGSO_TEST_POSTGRES_USER"),
                System.getenv("TRUONGSO_TEST_POSTGRES_PASSWORD"));
    }

    private int count(String sql, Object... args) throws SQLException {
        String value = string(sql, args);
        return value == null ? 0 : Integer.parseInt(value);
    }

    private int uncheckedCount(String sql, Object... args) {
        try {
            return count(sql, args);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }

    private List<String> uncheckedStrings(String sql) {
        try {
            return strings(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String string(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private static void waitFor(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            ChildProcess.sleep(300);
        }
    }
}
