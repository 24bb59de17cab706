package vn.truongso;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
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
        return new SpringApplicationBuilder(TruongSoApplication.class).run(args);
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    @Test
    void keepsDocumentsAndPlansAcrossARestart() {
        String planId;
        try (ConfigurableApplicationContext first = start()) {
            planId = new Api(port(first)).submitLessonPlan("gv.lan", "Bài khởi động lại").get("id").asText();
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
                    .queryForObject("select count(*) from user_account", Integer.class)).isEqualTo(11);
        }
    }

    @Test
    void theProductionProfileCreatesNoDemoData() {
        try (ConfigurableApplicationContext prod = start("--spring.profiles.active=prod",
                "--spring.datasource.url=jdbc:h2:mem:prod-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa", "--spring.datasource.password=",
                "--truongso.remotesign.master-key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]))) {
            assertThat(prod.getBean(JdbcTemplate.class)
                    .queryForObject("select count(*) from user_account", Integer.class)).isZero();
            assertThat(new Api(port(prod)).get("gv.lan", "/api/tasks").status()).isEqualTo(401);
        }
    }

    /** Remote signing's master key has no default in production: without it the service does not start. */
    @Test
    void theProductionProfileDoesNotStartWithoutAMasterKey() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("TRUONGSO_MASTER_KEY") == null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("--spring.profiles.active=prod",
                        "--spring.datasource.url=jdbc:h2:mem:prod-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "--spring.datasource.username=sa", "--spring.datasource.password=").close())
                .hasStackTraceContaining("TRUONGSO_MASTER_KEY");
    }
}
