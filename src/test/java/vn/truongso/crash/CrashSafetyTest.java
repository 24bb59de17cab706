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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.truongso.support.Api;

/**
 * Crash safety, measured: the application runs in a child JVM (job executor on, the embedded default's H2 file
 * database and document store) and is killed with SIGKILL at many points of a confirmed batch of 50 signatures; after
 * every restart on the same data no document is half-signed or signed twice, no plan is lost, and the audit chain
 * verifies. Figures go to target/robustness/crash.md.
 */
class CrashSafetyTest {

    static final Path OUT = Path.of("target", "robustness");
    /** The batch's size: 50; a smaller one only for a quick local look (-Dtruongso.crash.plans=10). */
    static final int PLANS = Integer.getInteger("truongso.crash.plans", 50);
    private static final List<CrashRun> RUNS = new ArrayList<>();

    @TempDir
    Path data;

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

    static List<Kill> batchKills() {
        return List.of(new DuringApprove(400), new AfterApprove(), new DuringConfirm(60), applied(4),
                applied(12), applied(20), applied(28), applied(36),
                applied(44));
    }

    @Test
    void aBatchOfFiftySignaturesSurvivesKillsWithoutHalfOrDoubleSignaturesOnH2() {
        CrashRun run = new CrashRun("batch-h2", data, List.of(), OUT);
        RUNS.add(run);
        try {
            batchScenario(run);
        } finally {
            run.stop();
        }
        assertThat(run.auditVerifyCommand()).as("audit verify at the end").isZero();
        assertThat(run.kills).isGreaterThanOrEqualTo(2 * batchKills().size());
        assertFigures(run);
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
    @Test
    void anUploadKilledMidwayLeavesNoPartialDocumentOnH2() throws IOException {
        CrashRun run = new CrashRun("upload-h2", data, List.of(), OUT);
        RUNS.add(run);
        try {
            run.start();
            // Where the kill falls: a share of the body sent (then the child dies while reading it), or the whole
            // body sent and this many ms given to the child to store it.
            double[] shares = {0.1, 0.5, 0.9, 1.0, 1.0, 1.0, 1.0};
            long[] after = {300, 300, 300, 0, 40, 120, 400};
            for (int i = 0; i < shares.length; i++) {
                String title = "Tải lên bị ngắt " + i + " " + java.util.UUID.randomUUID();
                byte[] pdf = vn.truongso.support.TestPdfs.pages(title, 40);
                try (java.net.Socket socket = new java.net.Socket("localhost", run.port())) {
                    streamUpload(socket, title, pdf, shares[i], after[i]);
                    run.killAndRestart(when -> checkUpload(run, title, pdf, when));
                    writeFiguresQuietly();
                }
            }
            int leftovers = tmpFiles(data.resolve("documents"));
            run.notes.add("temporary upload files left in the document store after the kills: " + leftovers);
        } finally {
            run.stop();
        }
        assertThat(run.auditVerifyCommand()).as("audit verify at the end").isZero();
        assertFigures(run);
    }

    /** Sends the multipart request by hand, the body up to {@code share}, then waits {@code millis}. */
    private static void streamUpload(java.net.Socket socket, String title, byte[] pdf, double share, long millis)
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
    }

    private static void checkUpload(CrashRun run, String title, byte[] pdf, String when) {
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
        run.notes.add(when + ": the document " + (matches == 1 ? "was stored whole" : "does not exist"));
    }

    private static int tmpFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
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
                .append("audit verify (runs / failures) | start-up per restart (avg / max) | total |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (CrashRun r : RUNS) {
            md.append("| ").append(r.name).append(" | ").append(r.kills).append(" | ").append(r.restarts)
                    .append(" | ").append(r.halfSigned.size()).append(" | ").append(r.doubleSigned.size())
                    .append(" | ").append(r.lost.size()).append(" | ").append(r.gaps.size()).append(" | ")
                    .append(r.auditVerifications).append(" / ").append(r.auditFailures.size()).append(" | ")
                    .append(String.format("%.1f s / %.1f s", r.averageStart() / 1000.0,
                            r.startMillis.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0))
                    .append(" | ").append(String.format("%.0f s", ((r.finished == 0 ? System.currentTimeMillis() : r.finished) - r.started) / 1000.0)).append(" |\n");
        }
        for (CrashRun r : RUNS) {
            List<String> findings = new ArrayList<>();
            findings.addAll(r.halfSigned);
            findings.addAll(r.doubleSigned);
            findings.addAll(r.lost);
            findings.addAll(r.gaps);
            findings.addAll(r.auditFailures);
            findings.addAll(r.notes);
            if (!findings.isEmpty()) {
                md.append("\n## ").append(r.name).append("\n\n");
                findings.forEach(f -> md.append("- ").append(f).append('\n'));
            }
        }
        Files.writeString(OUT.resolve("crash.md"), md.toString(), StandardCharsets.UTF_8);
    }
}
