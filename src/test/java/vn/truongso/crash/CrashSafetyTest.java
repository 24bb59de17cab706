package vn.truongso.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.truongso.support.Api;
import vn.truongso.support.ChildProcess;
import vn.truongso.support.TestPostgres;

/**
 * Crash safety, measured: the application runs in a child JVM (job executor on, its own document store, the H2 file
 * database of the embedded default or a fresh PostgreSQL database) and is killed with SIGKILL at 20 points per
 * database — during a confirmed batch of 50 signatures, during report campaigns' sending, during uploads; after every
 * restart on the same data no document is half-signed or signed twice, no task is lost, register numbers have no gap
 * and the audit chain verifies. Figures go to target/robustness/crash.md.
 */
class CrashSafetyTest {

    static final Path OUT = Path.of("target", "robustness");
    /** The batch's size: 50; a smaller one only for a quick local look (-Dtruongso.crash.plans=10). */
    static final int PLANS = Integer.getInteger("truongso.crash.plans", 50);
    /** Every kill point of the batch (9 per signer instead of 5): -Dtruongso.crash.all-points=true. */
    static final boolean ALL_POINTS = Boolean.getBoolean("truongso.crash.all-points");
    private static final List<CrashRun> RUNS = new ArrayList<>();

    @TempDir
    Path data;

    /** Where the child keeps its data: the embedded default, or PostgreSQL when CI names a server. */
    enum Database {
        H2, POSTGRESQL
    }

    /** A scenario's run on a fresh database; on PostgreSQL only when TRUONGSO_TEST_POSTGRES_URL names a server. */
    CrashRun run(String scenario, Database db) throws java.sql.SQLException {
        List<String> settings = List.of();
        if (db == Database.POSTGRESQL) {
            TestPostgres pg = TestPostgres.fromEnvironment();
            Assumptions.assumeTrue(pg != null, "TRUONGSO_TEST_POSTGRES_URL is not set: no PostgreSQL server");
            String name = "truongso_crash_" + scenario.replace('-', '_') + "_"
                    + java.util.UUID.randomUUID().toString().substring(0, 8);
            pg.dropDatabase(name);
            pg.createDatabase(name);
            settings = List.of(pg.args(name));
            DROP.add(() -> {
                pg.dropDatabase(name);
                return null;
            });
        }
        CrashRun run = new CrashRun(scenario + "-" + db.name().toLowerCase(java.util.Locale.ROOT),
                data.resolve(scenario), settings, OUT);
        RUNS.add(run);
        return run;
    }

    /** The PostgreSQL databases to drop once the figures are written. */
    private static final List<java.util.concurrent.Callable<Object>> DROP = new ArrayList<>();

    /** A kill point of a batch: what is under way when the child dies. */
    sealed interface Kill permits DuringApprove, AfterApprove, DuringConfirm, AfterApplied {
    }

    /** While the batch's 50 signatures are prepared (the approve-batch request), this many ms after it was sent. */
    record DuringApprove(long millis) implements Kill {
    }

    /** Right after approve-batch answered: the sign transaction waits for the code. */
    record AfterApprove() implements Kill {
    }

    /** While the code is being confirmed, this many ms after the request was sent. */
    record DuringConfirm(long millis) implements Kill {
    }

    /** Once at least this many plans of the batch have their signature put in (by the job executor). */
    record AfterApplied(int count) implements Kill {
    }

    /** At n of 50 signatures (scaled to a smaller batch). */
    private static AfterApplied applied(int n) {
        return new AfterApplied(Math.max(1, PLANS * n / 50));
    }

    /** Five points per signer (ten per batch), or nine with {@link #ALL_POINTS}. */
    static List<Kill> batchKills() {
        if (ALL_POINTS) {
            return List.of(new DuringApprove(400), new AfterApprove(), new DuringConfirm(60), applied(4),
                    applied(12), applied(20), applied(28), applied(36), applied(44));
        }
        return List.of(new DuringApprove(400), new AfterApprove(), new DuringConfirm(60), applied(10), applied(30));
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aBatchOfFiftySignaturesSurvivesKillsWithoutHalfOrDoubleSignatures(Database db) throws Exception {
        CrashRun run = run("batch", db);
        if (measured(run, db, () -> batchScenario(run))) {
            assertThat(run.auditVerifyCommand()).as("audit verify at the end").isZero();
            assertThat(run.kills).isGreaterThanOrEqualTo(2 * batchKills().size());
        }
        assertFigures(run);
    }

    interface Scenario {
        void run() throws Exception;
    }

    /**
     * Runs a scenario to its end, or until a restart finds the database unreadable. Embedded H2 has done so after a
     * kill -9 (its error 90030, "file corrupted"): that ends the scenario and is counted and published in crash.md and
     * docs/robustness.md, with what was measured until then still asserted. On PostgreSQL, the production database, it
     * fails the test.
     *
     * @return whether the scenario ran to its end
     */
    static boolean measured(CrashRun run, Database db, Scenario scenario) throws Exception {
        try {
            scenario.run();
            return true;
        } catch (CrashRun.StoreUnreadable e) {
            if (db == Database.POSTGRESQL) {
                throw e;
            }
            return false;
        } finally {
            run.stop();
        }
    }

    static void assertFigures(CrashRun run) {
        assertThat(run.halfSigned).as("half-signed documents").isEmpty();
        assertThat(run.doubleSigned).as("documents signed twice").isEmpty();
        assertThat(run.lost).as("lost tasks").isEmpty();
        assertThat(run.gaps).as("gaps in register numbers").isEmpty();
        assertThat(run.auditFailures).as("audit verify after the kills").isEmpty();
    }

    /**
     * An upload killed while its body streams in, once it has all arrived, and while it is being stored: after the
     * restart the document either does not exist or is there whole (its one version's bytes are those sent).
     */
    @ParameterizedTest
    @EnumSource(Database.class)
    void anUploadKilledMidwayLeavesNoPartialDocument(Database db) throws Exception {
        CrashRun run = run("upload", db);
        boolean toTheEnd = measured(run, db, () -> {
            run.start();
            // Where the kill falls: a share of the body sent (then the child dies while reading it), or the whole
            // body sent and this many ms given to the child to store it.
            // The last is given time to finish: a document the child answered 201 for must survive the kill whole.
            double[] shares = {0.5, 1.0, 1.0, 1.0, 1.0};
            long[] after = {300, 0, 60, 300, 4000};
            for (int i = 0; i < shares.length; i++) {
                String title = "Tải lên bị ngắt " + i + " " + java.util.UUID.randomUUID();
                byte[] pdf = vn.truongso.support.TestPdfs.pages(title, 40);
                try (java.net.Socket socket = new java.net.Socket("localhost", run.port())) {
                    boolean created = streamUpload(socket, title, pdf, shares[i], after[i]);
                    run.killAndRestart(when -> checkUpload(run, title, pdf, created, when));
                    writeFiguresQuietly();
                }
            }
            int leftovers = tmpFiles(run.data.resolve("documents"));
            run.notes.add("temporary upload files left in the document store after the kills: " + leftovers);
        });
        if (toTheEnd) {
            assertThat(run.auditVerifyCommand()).as("audit verify at the end").isZero();
        }
        assertFigures(run);
    }

    /**
     * Sends the multipart request by hand, the body up to {@code share}, then waits {@code millis}.
     *
     * @return whether the child had answered 201 Created before the kill
     */
    private static boolean streamUpload(java.net.Socket socket, String title, byte[] pdf, double share, long millis)
            throws IOException {
        String boundary = "----crash" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nLESSON_PLAN\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bai.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(pdf);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = body.toByteArray();
        String head = "POST /api/documents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                + java.util.Base64.getEncoder().encodeToString("gv.lan:demo".getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n";
        java.io.OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.UTF_8));
        int upTo = (int) Math.round(bytes.length * share);
        for (int off = 0; off < upTo; off += 8192) {
            out.write(bytes, off, Math.min(8192, upTo - off));
            out.flush();
        }
        sleep(millis);
        java.io.InputStream in = socket.getInputStream();
        if (in.available() == 0) {
            return false;
        }
        byte[] status = new byte[12];
        int n = in.readNBytes(status, 0, status.length);
        return new String(status, 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 201");
    }

    private static void checkUpload(CrashRun run, String title, byte[] pdf, boolean created, String when) {
        Api api = run.api();
        JsonNode found = api.get("gv.lan", "/api/documents?q=" + java.net.URLEncoder.encode(title,
                StandardCharsets.UTF_8) + "&size=50").json().get("items");
        int matches = 0;
        for (JsonNode d : found) {
            if (!title.equals(d.get("title").asText())) {
                continue;
            }
            matches++;
            Api.Response content = api.get("gv.lan", "/api/documents/" + d.get("id").asText() + "/content");
            if (content.status() != 200 || !java.util.Arrays.equals(content.bytes(), pdf)) {
                run.halfSigned.add(when + ": uploaded document " + d.get("id").asText() + " is not the file sent ("
                        + content.status() + ", " + content.bytes().length + " of " + pdf.length + " bytes)");
            }
            if (d.get("version").asInt() != 1) {
                run.halfSigned.add(when + ": uploaded document has version " + d.get("version").asInt());
            }
        }
        if (matches > 1) {
            run.doubleSigned.add(when + ": the upload is there " + matches + " times");
        }
        if (created && matches == 0) {
            run.lost.add(when + ": the upload was answered 201 Created before the kill and is gone after it");
        }
        run.notes.add(when + ": " + (created ? "answered 201 before the kill; " : "") + "the document "
                + (matches == 1 ? "was stored whole" : "does not exist"));
    }

    private static int tmpFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    /**
     * Report campaigns killed while they are opened, while a school's clerk hands a report over, while the principal
     * confirms, while the signed report is numbered and sent, and while the office receives it: after every restart no
     * campaign is half-opened, no report is signed twice or half, the schools' outgoing and the office's incoming
     * register numbers run without a gap, and in the end every report reaches the office.
     */
    @ParameterizedTest
    @EnumSource(Database.class)
    void reportCampaignsKilledWhileSendingLoseNoReportAndLeaveNoGapInTheRegisters(Database db) throws Exception {
        CrashRun run = run("campaign", db);
        boolean toTheEnd = measured(run, db, () -> {
            run.start();
            Reports reports = new Reports(run);
            // 1: while the office opens a campaign (one school-report process per school is being started).
            CompletableFuture.runAsync(() -> reports.open(run.api()));
            sleep(250);
            run.killAndRestart(reports::check);
            for (int i = 0; i < 3; i++) {
                assertThat(reports.open(run.api()).status()).isEqualTo(201);
            }
            reports.check("campaigns opened");
            // 2: while a clerk hands a report over to the principal.
            reports.handOverAsync(run.api(), "vt.hoa", 60);
            run.killAndRestart(reports::check);
            reports.prepareAll(run.api());
            // 3: while the principal confirms the signing of his school's reports with the code.
            reports.approveBatch(run.api(), "ht.mai").confirmAsync(80);
            run.killAndRestart(reports::check);
            // 4: right after the code was confirmed: the signatures are being put in, numbered and sent.
            reports.approveBatch(run.api(), "ht.son").confirm();
            sleep(300);
            run.killAndRestart(reports::check);
            // 5: once the first of a school's reports has its outgoing number.
            reports.signAll(run.api(), "ht.mai");
            waitFor("a report numbered", 300, () -> reports.numbered(run.api()) > 0);
            run.killAndRestart(reports::check);
            // 6: while the office receives a report (incoming number).
            reports.drive(run.api(), false);
            waitFor("a report to receive", 300, () -> reports.toReceive(run.api()) != null);
            String task = reports.toReceive(run.api());
            CompletableFuture.runAsync(() -> run.api().complete("cv.nam", task, "ACCEPT", null, null));
            sleep(60);
            run.killAndRestart(reports::check);
            // Nothing lost: every report of every campaign reaches the office.
            waitFor("every report accepted", 600, () -> reports.drive(run.api(), true));
            reports.check("all accepted");
            run.notes.add(reports.campaigns.size() + " campaigns, " + 2 * reports.campaigns.size()
                    + " reports accepted; outgoing numbers " + reports.lastNumbers);
        });
        if (toTheEnd) {
            assertThat(run.auditVerifyCommand()).as("audit verify at the end").isZero();
            assertThat(run.kills).isEqualTo(6);
        }
        assertFigures(run);
    }

    /** The campaigns of one run, and what the office and the schools check about them after every restart. */
    static final class Reports {
        static final String TITLE = "Báo cáo thử sập nguồn";
        static final Map<String, String[]> STAFF = Map.of("THCSHB", new String[] {"vt.hoa", "ht.mai"},
                "THCSAP", new String[] {"vt.thu", "ht.son"});
        final CrashRun run;
        final List<String> campaigns = new ArrayList<>();
        /** Reports whose signed document was already found VALID with one signature. */
        final java.util.Set<String> verified = new java.util.HashSet<>();
        String lastNumbers = "";
        private int opened;

        Reports(CrashRun run) {
            this.run = run;
        }

        Api.Response open(Api api) {
            Map<String, Object> req = new LinkedHashMap<>();
            req.put("title", TITLE + " " + (++opened));
            req.put("period", "AD_HOC");
            req.put("deadline", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(10)
                    .toString());
            req.put("schoolCodes", List.of("THCSAP", "THCSHB"));
            return api.postJson("cv.nam", "/api/report-campaigns", req);
        }

        /** The campaigns as the officer lists them: every one of this run's, found again after each restart. */
        void reload(Api api) {
            for (JsonNode c : api.get("cv.nam", "/api/report-campaigns").json()) {
                String id = c.get("id").asText();
                if (c.get("title").asText().startsWith(TITLE) && !campaigns.contains(id)) {
                    campaigns.add(id);
                }
            }
        }

        JsonNode campaign(Api api, String id) {
            Api.Response r = api.get("cv.nam", "/api/report-campaigns/" + id);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return r.json();
        }

        String task(Api api, String user, String campaignId, String name) {
            for (JsonNode t : api.get(user, "/api/tasks?size=200").json().get("items")) {
                if (campaignId.equals(t.get("businessKey").asText()) && name.equals(t.get("name").asText())) {
                    return t.get("id").asText();
                }
            }
            return null;
        }

        /** The clerk's report, uploaded as a document of the school. */
        private static String upload(Api api, String clerk, String campaignId) {
            return api.upload(clerk, "Báo cáo " + clerk + " " + campaignId, "REPORT");
        }

        /** The clerk hands the uploaded report over to the principal. */
        private static Api.Response handOver(Api api, String clerk, String task, String doc) {
            return api.postJson(clerk, "/api/tasks/" + task + "/complete",
                    Map.of("decision", "SUBMIT", "inputs", Map.of("documentId", doc)));
        }

        /** A hand-over the kill falls into, this many ms after it was sent. */
        void handOverAsync(Api api, String clerk, long millis) {
            reload(api);
            for (String c : campaigns) {
                String task = task(api, clerk, c, "Chuẩn bị báo cáo");
                if (task != null) {
                    String doc = upload(api, clerk, c);
                    CompletableFuture.runAsync(() -> handOver(api, clerk, task, doc));
                    sleep(millis);
                    return;
                }
            }
            throw new AssertionError("no report to hand over for " + clerk);
        }

        /** Every clerk's waiting report handed over. */
        void prepareAll(Api api) {
            reload(api);
            for (String[] staff : STAFF.values()) {
                for (String c : campaigns) {
                    String task = task(api, staff[0], c, "Chuẩn bị báo cáo");
                    if (task != null) {
                        Api.Response r = handOver(api, staff[0], task, upload(api, staff[0], c));
                        assertThat(r.status()).as(r.toString()).isEqualTo(204);
                    }
                }
            }
        }

        /** The principal approves every report waiting for him at once; the answer's transaction waits for the code. */
        Pending approveBatch(Api api, String principal) {
            List<String> tasks = new ArrayList<>();
            for (String c : campaigns) {
                String task = task(api, principal, c, "Ký báo cáo");
                if (task != null) {
                    tasks.add(task);
                }
            }
            assertThat(tasks).as(principal + "'s reports to sign").isNotEmpty();
            Api.Response r = api.postJson(principal, "/api/tasks/approve-batch", Map.of("taskIds", tasks));
            assertThat(r.status()).as(r.toString()).isEqualTo(202);
            return new Pending(api, principal, r.json().get("signTransaction").get("transactionId").asText());
        }

        /** The principal confirms what waits for his code, then approves and signs whatever else waits for him. */
        void signAll(Api api, String principal) {
            confirmPending(run, principal);
            if (campaigns.stream().anyMatch(c -> task(api, principal, c, "Ký báo cáo") != null)) {
                approveBatch(api, principal).confirm();
            }
        }

        final class Pending {
            final Api api;
            final String principal;
            final String transaction;

            Pending(Api api, String principal, String transaction) {
                this.api = api;
                this.principal = principal;
                this.transaction = transaction;
            }

            void confirm() {
                CrashSafetyTest.confirm(api, run, principal, transaction);
            }

            void confirmAsync(long millis) {
                String code = run.otp.nextCode();
                CompletableFuture.runAsync(() -> api.postJson(principal, "/api/sign-transactions/" + transaction
                        + "/confirm", Map.of("otp", code)));
                sleep(millis);
            }
        }

        /** How many reports have their outgoing number. */
        int numbered(Api api) {
            int n = 0;
            for (String c : campaigns) {
                for (JsonNode row : campaign(api, c).get("rows")) {
                    if (!row.path("outgoingNumber").asText("").isEmpty()) {
                        n++;
                    }
                }
            }
            return n;
        }

        /** The officer's task of a sent report, or null. */
        String toReceive(Api api) {
            for (String c : campaigns) {
                for (JsonNode row : campaign(api, c).get("rows")) {
                    if ("SUBMITTED".equals(row.get("status").asText()) && row.hasNonNull("receiveTaskId")) {
                        return row.get("receiveTaskId").asText();
                    }
                }
            }
            return null;
        }

        /**
         * Moves every report one step on, as its people would: the clerk hands over, the principal signs (and a
         * transaction of his left waiting is confirmed), the office accepts when {@code accept}. Answers whether every
         * report of every campaign is accepted.
         */
        boolean drive(Api api, boolean accept) {
            reload(api);
            prepareAll(api);
            for (String[] staff : STAFF.values()) {
                signAll(api, staff[1]);
            }
            boolean all = true;
            for (String c : campaigns) {
                for (JsonNode row : campaign(api, c).get("rows")) {
                    String status = row.get("status").asText();
                    if (accept && "SUBMITTED".equals(status) && row.hasNonNull("receiveTaskId")) {
                        Api.Response r = api.complete("cv.nam", row.get("receiveTaskId").asText(), "ACCEPT", null,
                                null);
                        assertThat(r.status()).as(r.toString()).isIn(204, 404, 409);
                    }
                    all &= "ACCEPTED".equals(status);
                }
            }
            return all;
        }

        /**
         * After a restart: each campaign has both schools' rows; each sent report's document is VALID with exactly
         * one signature; each register's numbers run 1..n with no gap or repeat; no report has two outgoing numbers.
         */
        void check(String when) {
            Api api = run.api();
            reload(api);
            for (String c : campaigns) {
                JsonNode campaign = campaign(api, c);
                if (campaign.get("rows").size() != 2) {
                    run.lost.add(when + ": campaign " + c + " has " + campaign.get("rows").size() + " rows of 2");
                }
                for (JsonNode row : campaign.get("rows")) {
                    String doc = row.path("signedDocumentId").asText("");
                    if (!doc.isEmpty() && verified.add(doc)) {
                        verifyOneSignature(api, when, row.get("schoolCode").asText(), doc);
                    }
                }
            }
            StringBuilder last = new StringBuilder();
            for (Map.Entry<String, String[]> school : STAFF.entrySet()) {
                last.append(school.getKey()).append(' ').append(contiguous(api, when, school.getValue()[0],
                        "outgoing", "number", "documentId")).append("; ");
            }
            last.append("VHXH-HB incoming ").append(contiguous(api, when, "cv.nam", "incoming", "arrivalNumber",
                    null));
            lastNumbers = last.toString();
        }

        private void verifyOneSignature(Api api, String when, String school, String doc) {
            Api.Response r = api.get("cv.nam", "/api/documents/" + doc + "/verification");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            String verdict = r.json().get("verdict").asText();
            int count = r.json().get("signatureCount").asInt();
            if (!"VALID".equals(verdict)) {
                run.halfSigned.add(when + ": report " + doc + " of " + school + " is " + verdict);
            } else if (count > 1) {
                run.doubleSigned.add(when + ": report " + doc + " of " + school + " has " + count + " signatures");
            }
        }

        /** A register's numbers of this year as its clerk or officer lists them: 1..n, none twice; answers n. */
        private int contiguous(Api api, String when, String user, String register, String field, String docField) {
            List<Integer> numbers = new ArrayList<>();
            Map<String, Integer> perDocument = new HashMap<>();
            for (int page = 0; ; page++) {
                JsonNode items = api.get(user, "/api/registers/" + register + "?size=200&page=" + page).json()
                        .get("items");
                for (JsonNode e : items) {
                    if (e.hasNonNull(field)) {
                        numbers.add(e.get(field).asInt());
                    }
                    if (docField != null && e.hasNonNull(docField)) {
                        perDocument.merge(e.get(docField).asText(), 1, Integer::sum);
                    }
                }
                if (items.size() < 200) {
                    break;
                }
            }
            numbers.sort(Integer::compare);
            for (int i = 0; i < numbers.size(); i++) {
                if (numbers.get(i) != i + 1) {
                    run.gaps.add(when + ": " + user + "'s " + register + " register runs " + numbers);
                    break;
                }
            }
            perDocument.forEach((doc, n) -> {
                if (n > 1) {
                    run.doubleSigned.add(when + ": report " + doc + " entered " + n + " times in " + user + "'s "
                            + register + " register");
                }
            });
            return numbers.size();
        }
    }

    // ---- the batch ---------------------------------------------------------------------------------------------------

    private static void batchScenario(CrashRun run) {
        Api api = run.start();
        Plans plans = new Plans(run);
        for (int i = 0; i < PLANS; i++) {
            JsonNode submitted = api.submitLessonPlanUnconfirmed("gv.lan", "Bài kiểm thử sập nguồn " + i);
            plans.add(submitted.get("id").asText(), submitted.get("documentId").asText());
            confirm(api, run, "gv.lan", submitted.get("signTransaction").get("transactionId").asText());
        }
        waitFor("the authors' signatures", 600, () -> plans.reached(run.api(), "HEAD_REVIEW") == PLANS);
        // The authors' signatures were put in without a kill: their versions are the baseline, not verified here.
        plans.baseline();
        for (String[] step : List.of(new String[] {"tt.hung", "PRINCIPAL_APPROVAL"},
                new String[] {"ht.mai", "APPROVED"})) {
            String signer = step[0];
            String next = step[1];
            for (Kill kill : batchKills()) {
                kill(run, plans, signer, next, kill);
                run.killAndRestart(plans::check);
                writeFiguresQuietly();
            }
            // Nothing stuck: after the last restart (and the expiry of the killed child's job locks) all 50 move on.
            advance(run, plans, signer);
            waitFor("all plans at " + next, 600, () -> {
                advance(run, plans, signer);
                return plans.reached(run.api(), next) == PLANS;
            });
            plans.check("after " + signer + "'s batch");
        }
        for (String id : plans.ids) {
            if (!"APPROVED".equals(plans.plan(run.api(), id).get("status").asText())) {
                run.lost.add(id + " not approved at the end");
            }
        }
    }

    /** Brings the child to the kill point and kills it there (the restart is the caller's). */
    private static void kill(CrashRun run, Plans plans, String signer, String next, Kill kill) {
        Api api = run.api();
        if (kill instanceof DuringApprove d) {
                confirmPending(run, signer);
                List<String> tasks = plans.tasksOf(api, signer);
                if (!tasks.isEmpty()) {
                    CompletableFuture.runAsync(() -> api.postJson(signer, "/api/tasks/approve-batch",
                            Map.of("taskIds", tasks)));
                    sleep(d.millis());
                }
        } else if (kill instanceof AfterApprove) {
                confirmPending(run, signer);
                List<String> tasks = plans.tasksOf(api, signer);
                if (!tasks.isEmpty()) {
                    Api.Response r = api.postJson(signer, "/api/tasks/approve-batch", Map.of("taskIds", tasks));
                    assertThat(r.status()).as(r.toString()).isEqualTo(202);
                }
        } else if (kill instanceof DuringConfirm d) {
                List<String> tasks = plans.tasksOf(api, signer);
                if (!tasks.isEmpty()) {
                    Api.Response r = api.postJson(signer, "/api/tasks/approve-batch", Map.of("taskIds", tasks));
                    assertThat(r.status()).as(r.toString()).isEqualTo(202);
                }
                List<String> pending = pendingTransactions(api, signer);
                if (!pending.isEmpty()) {
                    String code = run.otp.nextCode();
                    CompletableFuture.runAsync(() -> api.postJson(signer, "/api/sign-transactions/" + pending.get(0)
                            + "/confirm", Map.of("otp", code)));
                    sleep(d.millis());
                }
        } else if (kill instanceof AfterApplied a) {
                advance(run, plans, signer);
                waitFor(a.count() + " signatures of " + signer, 600, () -> plans.reached(api, next) >= a.count());
        }
    }

    /** Makes the batch go on: confirms the signer's waiting transactions, approves what is back in the inbox. */
    private static void advance(CrashRun run, Plans plans, String signer) {
        Api api = run.api();
        confirmPending(run, signer);
        List<String> tasks = plans.tasksOf(api, signer);
        if (!tasks.isEmpty()) {
            Api.Response r = api.postJson(signer, "/api/tasks/approve-batch", Map.of("taskIds", tasks));
            assertThat(r.status()).as(r.toString()).isEqualTo(202);
            confirm(api, run, signer, r.json().get("signTransaction").get("transactionId").asText());
        }
    }

    private static void confirmPending(CrashRun run, String signer) {
        for (String id : pendingTransactions(run.api(), signer)) {
            confirm(run.api(), run, signer, id);
        }
    }

    private static List<String> pendingTransactions(Api api, String signer) {
        List<String> ids = new ArrayList<>();
        for (JsonNode t : api.get(signer, "/api/sign-transactions?status=PENDING").json()) {
            ids.add(t.get("id").asText());
        }
        return ids;
    }

    private static void confirm(Api api, CrashRun run, String signer, String transactionId) {
        Api.Response r = api.postJson(signer, "/api/sign-transactions/" + transactionId + "/confirm",
                Map.of("otp", run.otp.nextCode()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("SIGNED");
    }

    /** The 50 plans and what a user checks about them after every restart. */
    static final class Plans {
        final CrashRun run;
        final List<String> ids = new ArrayList<>();
        final Map<String, String> documents = new HashMap<>();
        /** The newest version of each document found VALID (or unsigned), so only new versions are verified again. */
        final Map<String, Integer> verifiedVersion = new HashMap<>();

        Plans(CrashRun run) {
            this.run = run;
        }

        void add(String id, String documentId) {
            ids.add(id);
            documents.put(id, documentId);
        }

        JsonNode plan(Api api, String id) {
            Api.Response r = api.get("gv.lan", "/api/lesson-plans/" + id);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return r.json();
        }

        /** How many plans are at this status now (one request: the next signer's inbox, or each plan). */
        int reached(Api api, String status) {
            int n = 0;
            for (String id : ids) {
                if (status.equals(plan(api, id).get("status").asText())) {
                    n++;
                }
            }
            return n;
        }

        List<String> tasksOf(Api api, String user) {
            List<String> tasks = new ArrayList<>();
            for (JsonNode t : api.get(user, "/api/tasks?size=200").json().get("items")) {
                if (ids.contains(t.get("businessKey").asText())) {
                    tasks.add(t.get("id").asText());
                }
            }
            return tasks;
        }

        /** After a restart: every plan held by someone, no step signed twice, every new version's signatures VALID. */
        void check(String when) {
            Api api = run.api();
            for (String id : ids) {
                JsonNode plan = plan(api, id);
                String status = plan.get("status").asText();
                if (!"APPROVED".equals(status) && plan.get("currentStep").isNull()) {
                    run.lost.add(when + ": plan " + id + " at " + status + " is held by nobody");
                }
                Map<String, Integer> bySigner = new LinkedHashMap<>();
                JsonNode versions = plan.get("versions");
                for (JsonNode v : versions) {
                    String note = v.path("note").asText("");
                    if (note.startsWith("Ký số: ")) {
                        bySigner.merge(note, 1, Integer::sum);
                    }
                }
                bySigner.forEach((who, n) -> {
                    if (n > 1) {
                        run.doubleSigned.add(when + ": plan " + id + " has " + n + " versions '" + who + "'");
                    }
                });
                int newest = versions.size();
                if (!Integer.valueOf(newest).equals(verifiedVersion.get(id))) {
                    verify(api, id, bySigner.size(), when);
                    verifiedVersion.put(id, newest);
                }
            }
        }

        void baseline() {
            for (String id : ids) {
                verifiedVersion.put(id, plan(run.api(), id).get("versions").size());
            }
        }

        private void verify(Api api, String id, int expectedSignatures, String when) {
            Api.Response r = api.get("gv.lan", "/api/documents/" + documents.get(id) + "/verification");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode report = r.json();
            String verdict = report.get("verdict").asText();
            if (!"VALID".equals(verdict) && !"NO_SIGNATURE".equals(verdict)) {
                run.halfSigned.add(when + ": plan " + id + " newest version is " + verdict + ": "
                        + report.path("summary").asText());
            }
            if (expectedSignatures >= 0 && report.get("signatureCount").asInt() != expectedSignatures) {
                run.halfSigned.add(when + ": plan " + id + " has " + report.get("signatureCount").asInt()
                        + " signatures for " + expectedSignatures + " signing steps");
            }
            Map<String, Integer> signers = new HashMap<>();
            for (JsonNode s : report.get("signatures")) {
                if ("SIGNATURE".equals(s.get("kind").asText())) {
                    signers.merge(s.path("signer").asText(), 1, Integer::sum);
                }
            }
            signers.forEach((who, n) -> {
                if (n > 1) {
                    run.doubleSigned.add(when + ": plan " + id + " carries " + n + " signatures of " + who);
                }
            });
        }
    }

    static void waitFor(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            sleep(250);
        }
    }

    static void sleep(long millis) {
        ChildProcess.sleep(millis);
    }

    // ---- figures -----------------------------------------------------------------------------------------------------

    private static void writeFiguresQuietly() {
        try {
            writeFigures();
        } catch (IOException e) {
            // the figures are written again at the end
        }
    }

    @AfterAll
    static void writeFigures() throws IOException {
        Files.createDirectories(OUT);
        StringBuilder md = new StringBuilder("# Crash safety: kill -9 of the application, measured\n\n")
                .append("Written by vn.truongso.crash.CrashSafetyTest. Each kill is a SIGKILL of the child JVM running ")
                .append("the application (job executor on); `audit verify` runs on the data the kill left, then the ")
                .append("child starts again on the same data.\n\n")
                .append("| scenario | kills | restarts | half-signed | signed twice | lost tasks | register gaps | ")
                .append("audit verify (runs / failures) | database unreadable after a kill | ")
                .append("start-up per restart (avg / max) | total |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (CrashRun r : RUNS) {
            md.append("| ").append(r.name).append(" | ").append(r.kills).append(" | ").append(r.restarts)
                    .append(" | ").append(r.halfSigned.size()).append(" | ").append(r.doubleSigned.size())
                    .append(" | ").append(r.lost.size()).append(" | ").append(r.gaps.size()).append(" | ")
                    .append(r.auditVerifications).append(" / ").append(r.auditFailures.size()).append(" | ")
                    .append(r.unreadableStores.size()).append(" | ")
                    .append(String.format("%.1f s / %.1f s", r.averageStart() / 1000.0,
                            r.startMillis.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0))
                    .append(" | ").append(String.format("%.0f s", ((r.finished == 0 ? System.currentTimeMillis() : r.finished) - r.started) / 1000.0)).append(" |\n");
        }
        long starts = RUNS.stream().mapToLong(r -> r.startMillis.size()).sum();
        long startTotal = RUNS.stream().flatMap(r -> r.startMillis.stream()).mapToLong(Long::longValue).sum();
        long total = RUNS.stream().mapToLong(r -> (r.finished == 0 ? System.currentTimeMillis() : r.finished)
                - r.started).sum();
        md.append(String.format("%nChild start-ups: %d, %.0f s of %.0f s in all (until /actuator/health answers UP); "
                + "%s.%n", starts, startTotal / 1000.0, total / 1000.0, ChildProcess.launchSummary()));
        for (CrashRun r : RUNS) {
            List<String> findings = new ArrayList<>();
            findings.addAll(r.halfSigned);
            findings.addAll(r.doubleSigned);
            findings.addAll(r.lost);
            findings.addAll(r.gaps);
            findings.addAll(r.auditFailures);
            findings.addAll(r.unreadableStores);
            findings.addAll(r.notes);
            if (!findings.isEmpty()) {
                md.append("\n## ").append(r.name).append("\n\n");
                findings.forEach(f -> md.append("- ").append(f).append('\n'));
            }
        }
        Files.writeString(OUT.resolve("crash.md"), md.toString(), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void dropDatabases() throws Exception {
        for (java.util.concurrent.Callable<Object> drop : DROP) {
            drop.call();
        }
        DROP.clear();
    }
}
