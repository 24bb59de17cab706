package vn.truongso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The walk-throughs in docs/walkthroughs/ are what the docs show, so they run here as a reader runs them: bash, curl,
 * jq, oathtool (pdfsig and openssl for their own checks) against the embedded default with the demo data (started
 * once, on a random port, job executor on, the real clock for the one-time codes), each ending with the check a user
 * would make. A walk-through that drifts from the API fails the build instead of misleading its reader.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkthroughScriptsTest {

    private static final Path SCRIPTS = Path.of("docs/walkthroughs");
    private static final String UUID_PATTERN = "[0-9a-f-]{36}";

    @TempDir
    static Path work;

    private ConfigurableApplicationContext app;
    private String base;

    @BeforeAll
    void start() throws IOException {
        // A second engine beside the shared test context may be in this JVM: its own name. No TestOtp clock: the
        // scripts compute codes with oathtool at the real time, as a phone would.
        app = new SpringApplicationBuilder(TruongSoApplication.class).run("--server.port=0",
                "--truongso.data-dir=" + Files.createDirectories(work.resolve("data")),
                "--camunda.bpm.process-engine-name=walkthroughs-" + UUID.randomUUID(),
                "--logging.level.root=WARN");
        base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyWalkthroughIsRunHere() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sh")))
                    .containsExactlyInAnyOrder("lib.sh", "lesson-plan.sh", "report-campaign.sh", "enrolment.sh",
                            "csc.sh", "registers.sh", "paperless.sh");
        }
    }

    @Test
    void aLessonPlanFromUploadToApproved() throws Exception {
        List<String> out = run("lesson-plan.sh");
        assertThat(out.get(out.size() - 1)).matches("lesson plan " + UUID_PATTERN
                + ": APPROVED, verification VALID, signed by Nguyễn Thị Lan, Phạm Thị Mai");
        assertThat(out).anySatisfy(line -> assertThat(line).contains("Signature is Valid"));
        assertThat(work.resolve("lesson-plan.sh.out/ke-hoach-da-ky.pdf")).isNotEmptyFile();
    }

    @Test
    void aReportCampaignUntilTheOfficeAccepts() throws Exception {
        List<String> out = run("report-campaign.sh");
        assertThat(out.get(out.size() - 1)).matches("report campaign " + UUID_PATTERN
                + ": THCSHB ACCEPTED, outgoing number \\S+, arrival number \\S+");
    }

    @Test
    void anOnlineApplicationUntilTheChildIsAdmitted() throws Exception {
        List<String> out = run("enrolment.sh");
        assertThat(out.get(out.size() - 1)).matches("enrolment " + UUID_PATTERN + ": ADMITTED, decision .+ signed");
        assertThat(work.resolve("enrolment.sh.out/quyet-dinh.pdf")).isNotEmptyFile();
    }

    @Test
    void aRemoteSigningClientSignsAHashThroughTheCscApi() throws Exception {
        List<String> out = run("csc.sh");
        assertThat(out.get(out.size() - 1)).matches("CSC credential " + UUID_PATTERN
                + " \\(.*CN=Nguyễn Thị Lan.*\\): signHash verified by openssl, revoked token refused");
        assertThat(out).contains("Verified OK", "gv.lan.pem: OK", "auth/revoke: 204");
        // RSA 2048: a PKCS#1 v1.5 signature is as long as the modulus.
        assertThat(work.resolve("csc.sh.out/khbd.sig")).hasSize(256);
    }

    @Test
    void aDocumentIntoTheOutgoingRegisterAndFoundByItsNumber() throws Exception {
        List<String> out = run("registers.sh");
        assertThat(out.get(out.size() - 1)).matches("outgoing register: document " + UUID_PATTERN
                + " issued as Số: \\d+/BC-THCSHB, found by its number");
    }

    @Test
    void thePaperlessFiguresAndTheSignedReport() throws Exception {
        List<String> out = run("paperless.sh");
        assertThat(out.get(out.size() - 1)).matches("paperless: \\d+ figures for THCSHB, \\d+ schools for the "
                + "office, report " + UUID_PATTERN + " VALID, signed by Phạm Thị Mai");
        assertThat(work.resolve("paperless.sh.out/so-lieu.csv")).isNotEmptyFile();
        assertThat(work.resolve("paperless.sh.out/bao-cao-khong-giay.pdf")).isNotEmptyFile();
    }

    /** Runs a walk-through in a directory of its own (where it writes its PDFs); exit 0 or the output says why. */
    private List<String> run(String script) throws Exception {
        Path dir = Files.createDirectories(work.resolve(script + ".out"));
        Path log = Files.createDirectories(Path.of("target/walkthroughs")).resolve(script + ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPTS.resolve(script).toAbsolutePath().toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("BASE", base);
        Process p = pb.start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as(script + " still running after 5 minutes; its output:\n" + output).isTrue();
        assertThat(p.exitValue()).as(script + " exit code; its output:\n" + output).isZero();
        return output.strip().lines().toList();
    }
}
