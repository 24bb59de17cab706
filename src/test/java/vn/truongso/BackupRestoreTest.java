package vn.truongso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import vn.truongso.audit.AuditCommand;
import vn.truongso.remotesign.TestOtp;
import vn.truongso.support.Api;
import vn.truongso.support.TestPostgres;

/**
 * The procedure of docs/operations-backup.md, run: back up, destroy, restore, and find every document's signatures
 * still VALID, every register number in place and the audit chain intact (audit verify exits 0, ending on the same
 * entry as before the backup). Embedded default: stop, copy the data directory. PostgreSQL (when
 * TRUONGSO_TEST_POSTGRES_URL names a server, as in CI): pg_dump -Fc while the service runs, then the document store
 * and the keys, pg_restore into a fresh database.
 */
class BackupRestoreTest {

    @TempDir
    Path work;

    /** What the service held when it was backed up, to compare with what the restored one holds. */
    record Snapshot(Map<String, String> owners, Map<String, String> documentSha256,
                    Map<String, Integer> signatureCounts, List<String> outgoing, List<String> incoming,
                    String auditLast) {
    }

    @Test
    void theEmbeddedDefaultStoppedCopiedDestroyedAndRestoredKeepsSignaturesNumbersAndTheAuditChain()
            throws Exception {
        Path data = work.resolve("data");
        Path backup = work.resolve("backup");
        String url = "jdbc:h2:file:" + data.resolve("db").resolve("truongso") + ";DB_CLOSE_ON_EXIT=FALSE";
        String[] db = {"--spring.datasource.url=" + url, "--spring.datasource.username=sa",
                "--spring.datasource.password="};

        Snapshot before;
        String waiting;
        try (ConfigurableApplicationContext app = start(data, db)) {
            Scenario s = new Scenario(api(app));
            s.run();
            before = s.snapshot();
            waiting = s.waitingPlan;
        }
        assertThat(auditVerify(db)).startsWith("0 ").contains(before.auditLast());

        // Backup: the service is stopped; the whole data directory (H2 files, documents, keys) is copied.
        copyTree(data, backup);
        // Disaster: the original is gone.
        deleteTree(data);
        assertThat(data).doesNotExist();
        // Restore: the copy goes back where the service expects it.
        copyTree(backup, data);

        assertThat(auditVerify(db)).startsWith("0 ").contains(before.auditLast());
        try (ConfigurableApplicationContext app = start(data, db)) {
            Api api = api(app);
            checkRestored(api, before, waiting);
        }
        assertThat(auditVerify(db)).startsWith("0 ");
    }

    @Test
    void postgresqlDumpedWhileRunningAndRestoredIntoAFreshDatabaseKeepsSignaturesNumbersAndTheAuditChain()
            throws Exception {
        TestPostgres pg = TestPostgres.fromEnvironment();
        Assumptions.assumeTrue(pg != null, "TRUONGSO_TEST_POSTGRES_URL is not set: no PostgreSQL server to back up");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String original = "truongso_backup_src_" + suffix;
        String restored = "truongso_backup_dst_" + suffix;
        Path data = work.resolve("data");
        Path backup = work.resolve("backup");
        Files.createDirectories(backup);
        try {
            pg.createDatabase(original);
            Snapshot before;
            String waiting;
            try (ConfigurableApplicationContext app = start(data, pg.args(original))) {
                Scenario s = new Scenario(api(app));
                s.run();
                before = s.snapshot();
                waiting = s.waitingPlan;
                // Backup while the service runs: the database first, then the blobs and the keys. Blobs are
                // content-addressed and never deleted while a row refers to them, so files copied after the dump
                // cover every row in it.
                pg.dump(original, backup.resolve("truongso.dump"));
                // Work goes on after the dump: its blob is copied too, and harmlessly unreferenced after a restore.
                s.api.upload("gv.lan", "Sau khi sao lưu", "REPORT");
                copyTree(data.resolve("documents"), backup.resolve("documents"));
                copyTree(data.resolve("keys"), backup.resolve("keys"));
            }
            // Disaster: the database and the data directory are gone.
            pg.dropDatabase(original);
            deleteTree(data);
            // Restore into a fresh database, then the files.
            pg.createDatabase(restored);
            pg.restore(backup.resolve("truongso.dump"), restored);
            copyTree(backup.resolve("documents"), data.resolve("documents"));
            copyTree(backup.resolve("keys"), data.resolve("keys"));

            assertThat(auditVerify(pg.args(restored))).startsWith("0 ").contains(before.auditLast());
            try (ConfigurableApplicationContext app = start(data, pg.args(restored))) {
                checkRestored(api(app), before, waiting);
            }
            assertThat(auditVerify(pg.args(restored))).startsWith("0 ");
        } finally {
            pg.dropDatabase(original);
            pg.dropDatabase(restored);
        }
    }

    /** After a restore: the same documents, signatures and numbers; and the service carries on signing. */
    private static void checkRestored(Api api, Snapshot before, String waitingPlan) {
        Scenario after = new Scenario(api);
        after.documents.putAll(before.owners());
        Snapshot now = after.snapshot();
        assertThat(now.documentSha256()).isEqualTo(before.documentSha256());
        assertThat(now.signatureCounts()).isEqualTo(before.signatureCounts());
        assertThat(now.outgoing()).isEqualTo(before.outgoing());
        assertThat(now.incoming()).isEqualTo(before.incoming());
        // Numbering continues after the last restored number.
        String next = after.issueOutgoing("Báo cáo sau khi khôi phục");
        assertThat(next).isEqualTo(RegisterNumbers.next(before.outgoing()));
        // The plan that waited in the head's inbox is still there, and the head's restored key still signs.
        String task = api.taskOf("tt.hung", waitingPlan);
        assertThat(task).isNotNull();
        assertThat(api.completeAndSign("tt.hung", task, "APPROVE", null, null).status()).isEqualTo(202);
        JsonNode plan = api.get("gv.lan", "/api/lesson-plans/" + waitingPlan).json();
        assertThat(plan.get("status").asText()).isEqualTo("PRINCIPAL_APPROVAL");
        assertThat(verdict(api, plan.get("documentId").asText())).isEqualTo("VALID");
    }

    private static String verdict(Api api, String documentId) {
        return api.get("gv.lan", "/api/documents/" + documentId + "/verification").json().get("verdict").asText();
    }

    /** What a school does in a day: lesson plans signed by the teacher, the head and the principal; numbers issued. */
    private static final class Scenario {
        final Api api;
        /** document id → the owner who reads it */
        final Map<String, String> documents = new LinkedHashMap<>();
        String waitingPlan;

        Scenario(Api api) {
            this.api = api;
        }

        void run() {
            // Two plans approved and signed three times each (teacher, head, principal).
            for (int i = 1; i <= 2; i++) {
                JsonNode plan = api.submitLessonPlan("gv.lan", "Bài sao lưu " + i);
                String id = plan.get("id").asText();
                api.completeAndSign("tt.hung", api.taskOf("tt.hung", id), "APPROVE", null, null);
                api.completeAndSign("ht.mai", api.taskOf("ht.mai", id), "APPROVE", null, null);
                JsonNode approved = api.get("gv.lan", "/api/lesson-plans/" + id).json();
                assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
                documents.put(approved.get("documentId").asText(), "gv.lan");
            }
            // One signed by its author only, waiting in the head's inbox.
            JsonNode waiting = api.submitLessonPlan("gv.lan", "Bài chờ duyệt khi sao lưu");
            waitingPlan = waiting.get("id").asText();
            documents.put(waiting.get("documentId").asText(), "gv.lan");
            // Outgoing numbers.
            for (int i = 1; i <= 3; i++) {
                issueOutgoing("Báo cáo sao lưu " + i);
            }
            // An incoming document: a signed plan received by the clerk (its signatures are checked on arrival).
            String signed = documents.keySet().iterator().next();
            byte[] pdf = api.get("gv.lan", "/api/documents/" + signed + "/content").bytes();
            Api.Response up = api.postMultipart("vt.hoa", "/api/documents",
                    Api.Part.file("den.pdf", "application/pdf", pdf), Api.Part.field("title", "Văn bản đến sao lưu"),
                    Api.Part.field("kind", "REPORT"));
            assertThat(up.status()).as(up.toString()).isEqualTo(201);
            String incoming = up.json().get("id").asText();
            documents.put(incoming, "vt.hoa");
            Api.Response received = api.postJson("vt.hoa", "/api/registers/incoming",
                    Map.of("documentId", incoming, "senderName", "Trường THCS Hòa Bình"));
            assertThat(received.status()).as(received.toString()).isEqualTo(201);
        }

        String issueOutgoing(String title) {
            String doc = api.upload("vt.hoa", title, "REPORT");
            documents.put(doc, "vt.hoa");
            Api.Response r = api.postJson("vt.hoa", "/api/registers/outgoing",
                    Map.of("documentId", doc, "typeCode", "BC", "signer", "Trần Thị Mai"));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            return r.json().get("symbol").asText();
        }

        Snapshot snapshot() {
            Map<String, String> sha = new LinkedHashMap<>();
            Map<String, Integer> signatures = new LinkedHashMap<>();
            for (Map.Entry<String, String> d : documents.entrySet()) {
                Api.Response content = api.get(d.getValue(), "/api/documents/" + d.getKey() + "/content");
                assertThat(content.status()).as(content.toString()).isEqualTo(200);
                sha.put(d.getKey(), sha256(content.bytes()));
                JsonNode report = api.get(d.getValue(), "/api/documents/" + d.getKey() + "/verification").json();
                int count = report.get("signatureCount").asInt();
                if (count > 0) {
                    // Every signature of every signed document is valid: chain, revocation, time stamps.
                    assertThat(report.get("verdict").asText()).as(d.getKey() + ": " + report).isEqualTo("VALID");
                }
                signatures.put(d.getKey(), count);
            }
            // The audit trail as the administrator reads it, oldest first: its last hash.
            List<String> audit = new ArrayList<>();
            for (int p = 0; p < 100; p++) {
                JsonNode items = api.get("admin", "/api/audit?size=200&page=" + p).json().get("items");
                items.forEach(e -> audit.add(e.get("hash").asText()));
                if (items.size() < 200) {
                    break;
                }
            }
            String last = audit.get(audit.size() - 1);
            assertThat(audit).isNotEmpty();
            return new Snapshot(new LinkedHashMap<>(documents), sha, signatures, register("outgoing", "symbol"),
                    register("incoming", "arrivalNumber"), last);
        }

        private List<String> register(String which, String field) {
            JsonNode items = api.get("vt.hoa", "/api/registers/" + which + "?size=200").json().get("items");
            List<String> out = new ArrayList<>();
            for (JsonNode e : items) {
                out.add(e.get(field).asText() + " " + e.get("title").asText());
            }
            return out;
        }
    }

    /** Outgoing symbols are "NN/BC-THCSHB", newest first. */
    static final class RegisterNumbers {
        static String next(List<String> newestFirst) {
            int last = Integer.parseInt(newestFirst.get(0).substring(0, newestFirst.get(0).indexOf('/')));
            int n = last + 1;
            return (n < 10 ? "0" + n : "" + n) + "/BC-THCSHB";
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The app on its own data directory and database, like EmbeddedDefaultTest. */
    private static ConfigurableApplicationContext start(Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--truongso.data-dir=" + data,
                "--camunda.bpm.process-engine-name=backup-" + UUID.randomUUID(),
                "--camunda.bpm.job-execution.enabled=false", "--truongso.reports.open-due-on-start=false"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(TruongSoApplication.class, TestOtp.Config.class)
                .run(args.toArray(String[]::new));
    }

    private static Api api(ConfigurableApplicationContext ctx) {
        return new Api(((WebServerApplicationContext) ctx).getWebServer().getPort(),
                ctx.getBean(ManagementService.class));
    }

    /** {@code audit verify} as an operator runs it: answers "exit-code output". */
    private static String auditVerify(String... db) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = new String[db.length + 1];
        args[0] = "verify";
        System.arraycopy(db, 0, args, 1, db.length);
        int exit = AuditCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return exit + " " + out.toString(StandardCharsets.UTF_8);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
