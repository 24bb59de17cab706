package vn.truongso;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.remotesign.TestOtp;
import vn.truongso.support.Api;

/**
 * The embedded default as the README starts it: everything under the data directory, kept across a restart; and the
 * production profile, which never creates demo users.
 */
class EmbeddedDefaultTest {

    @TempDir
    Path data;

    private ConfigurableApplicationContext start(String... extra) {
        String[] base = {"--server.port=0", "--truongso.data-dir=" + data,
                // A second engine in this JVM beside the shared test context: its own name, no job executor.
                "--camunda.bpm.process-engine-name=embedded-" + UUID.randomUUID(),
                "--camunda.bpm.job-execution.enabled=false"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return new SpringApplicationBuilder(TruongSoApplication.class, TestOtp.Config.class).run(args);
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    /** HTTP as the demo users, plus the jobs the (switched off) job executor would run. */
    private static Api api(ConfigurableApplicationContext ctx) {
        return new Api(port(ctx), ctx.getBean(ManagementService.class));
    }

    private static int versions(Api api, String planId) {
        return api.get("gv.lan", "/api/lesson-plans/" + planId).json().get("versions").size();
    }

    /**
     * The server stops right after the head confirmed a batch, before any signature was put in; a second batch was
     * approved but never confirmed. After the restart, the confirmed plans end up fully signed and with the principal,
     * once each; the unconfirmed ones stay untouched and, when the confirmation window closes, return to the head.
     */
    @Test
    void aConfirmedBatchIsSignedAfterARestartAndAnUnconfirmedOneGoesBackToTheInbox() {
        List<String> confirmed = new ArrayList<>();
        List<String> unconfirmed = new ArrayList<>();
        try (ConfigurableApplicationContext first = start()) {
            Api api = api(first);
            for (int i = 0; i < 3; i++) {
                confirmed.add(api.submitLessonPlan("gv.lan", "Bài trước khi dừng " + i).get("id").asText());
                unconfirmed.add(api.submitLessonPlan("gv.lan", "Bài chưa xác nhận " + i).get("id").asText());
            }
            Api.Response batch = api.postJson("tt.hung", "/api/tasks/approve-batch",
                    Map.of("taskIds", confirmed.stream().map(id -> api.taskOf("tt.hung", id)).toList()));
            assertThat(batch.status()).as(batch.toString()).isEqualTo(202);
            Api.Response code = api.postJson("tt.hung", "/api/sign-transactions/"
                    + batch.json().get("signTransaction").get("transactionId").asText() + "/confirm",
                    Map.of("otp", TestOtp.nextCode(TestOtp.DEMO_SECRET)));
            assertThat(code.json().get("status").asText()).isEqualTo("SIGNED");
            Api.Response other = api.postJson("tt.hung", "/api/tasks/approve-batch",
                    Map.of("taskIds", unconfirmed.stream().map(id -> api.taskOf("tt.hung", id)).toList()));
            assertThat(other.status()).isEqualTo(202);
            // Stopped here: nothing put in yet (each plan: v1 upload, v2 the author's signature).
            for (String id : confirmed) {
                assertThat(versions(api, id)).isEqualTo(2);
            }
        }
        try (ConfigurableApplicationContext second = start()) {
            Api api = api(second);
            assertThat(api.runJobs()).isEqualTo(3);
            assertThat(api.runJobs()).isZero();
            for (String id : confirmed) {
                JsonNode plan = api.get("gv.lan", "/api/lesson-plans/" + id).json();
                assertThat(plan.get("status").asText()).isEqualTo("PRINCIPAL_APPROVAL");
                assertThat(plan.get("versions")).hasSize(3);
                assertThat(plan.get("versions").get(2).get("note").asText()).contains("Lê Văn Hùng");
                assertThat(api.get("gv.lan", "/api/documents/" + plan.get("documentId").asText() + "/verification")
                        .json().get("verdict").asText()).isEqualTo("VALID");
            }
            ManagementService jobs = second.getBean(ManagementService.class);
            for (String id : unconfirmed) {
                assertThat(api.get("gv.lan", "/api/lesson-plans/" + id).json().get("status").asText())
                        .isEqualTo("AWAITING_SIGNATURE");
                assertThat(api.taskOf("tt.hung", id)).isNull();
                String pid = api.get("gv.lan", "/api/lesson-plans/" + id).json().get("processInstanceId").asText();
                String sub = second.getBean(RuntimeService.class).createProcessInstanceQuery()
                        .superProcessInstanceId(pid).singleResult().getId();
                jobs.executeJob(jobs.createJobQuery().processInstanceId(sub).timers().singleResult().getId());
                JsonNode plan = api.get("gv.lan", "/api/lesson-plans/" + id).json();
                assertThat(plan.get("status").asText()).isEqualTo("HEAD_REVIEW");
                assertThat(plan.get("versions")).hasSize(2);
                assertThat(plan.get("currentStep").get("assignee").asText()).isEqualTo("tt.hung");
                assertThat(api.taskOf("tt.hung", id)).isNotNull();
            }
        }
    }

    @Test
    void keepsDocumentsAndPlansAcrossARestart() {
        String planId;
        int accounts;
        try (ConfigurableApplicationContext first = start()) {
            planId = api(first).submitLessonPlan("gv.lan", "Bài khởi động lại").get("id").asText();
            accounts = first.getBean(JdbcTemplate.class).queryForObject("select count(*) from user_account",
                    Integer.class);
        }
        assertThat(data.resolve("db")).isDirectory();
        assertThat(Files.exists(data.resolve("documents"))).isTrue();
        try (ConfigurableApplicationContext second = start()) {
            Api api = new Api(port(second));
            assertThat(api.get("gv.lan", "/api/lesson-plans/" + planId).json().get("status").asText())
                    .isEqualTo("HEAD_REVIEW");
            assertThat(api.taskOf("tt.hung", planId)).isNotNull();
            // Demo data is created once, not again on every start.
            assertThat(second.getBean(JdbcTemplate.class)
                    .queryForObject("select count(*) from user_account", Integer.class)).isEqualTo(accounts);
        }
    }

    /** The school's own PKI as an operator makes it (pki init with a password of his), root key moved away. */
    private Path ownPki() throws Exception {
        Path password = java.nio.file.Files.writeString(data.resolve("pki-password"), "mat-khau-rieng-2026");
        Path dir = data.resolve("pki");
        vn.truongso.pki.PkiCommand.main(new String[] {"init", dir.toString(), "--password-file", password.toString()});
        java.nio.file.Files.move(dir.resolve("root-ca.p12"), data.resolve("offline-root-ca.p12"));
        return dir;
    }

    @Test
    void theProductionProfileCreatesNoDemoData() throws Exception {
        try (ConfigurableApplicationContext prod = start("--spring.profiles.active=prod",
                "--spring.datasource.url=jdbc:h2:mem:prod-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa", "--spring.datasource.password=",
                "--truongso.remotesign.master-key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                "--truongso.pki.dir=" + ownPki(), "--truongso.pki.password=mat-khau-rieng-2026")) {
            assertThat(prod.getBean(JdbcTemplate.class)
                    .queryForObject("select count(*) from user_account", Integer.class)).isZero();
            assertThat(new Api(port(prod)).get("gv.lan", "/api/tasks").status()).isEqualTo(401);
        }
    }

    /** Remote signing's master key has no default in production: without it the service does not start. */
    @Test
    void theProductionProfileDoesNotStartWithoutAMasterKey() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("TRUONGSO_MASTER_KEY") == null);
        Path pki = ownPki();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("--spring.profiles.active=prod",
                        "--spring.datasource.url=jdbc:h2:mem:prod-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "--spring.datasource.username=sa", "--spring.datasource.password=",
                        "--truongso.pki.dir=" + pki, "--truongso.pki.password=mat-khau-rieng-2026").close())
                .hasStackTraceContaining("TRUONGSO_MASTER_KEY");
    }

    /** The sample PKI's keys and password are public: production refuses it and says what to do. */
    @Test
    void theProductionProfileDoesNotStartOnTheSamplePki() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("--spring.profiles.active=prod",
                        "--spring.datasource.url=jdbc:h2:mem:prod-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "--spring.datasource.username=sa", "--spring.datasource.password=",
                        "--truongso.remotesign.master-key="
                                + java.util.Base64.getEncoder().encodeToString(new byte[32])).close())
                .hasStackTraceContaining("refuses to start on the SAMPLE school PKI")
                .hasStackTraceContaining("pki init");
    }
}
