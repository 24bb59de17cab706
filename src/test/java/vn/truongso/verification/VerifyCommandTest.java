package vn.truongso.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.truongso.support.TestPdfs;

/** {@code java -jar truongso.jar verify FILE.pdf [--trust root.pem] [--json]}, run in-process. */
class VerifyCommandTest {

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aManipulatedShadowAttackFileIsReportedInVietnameseWithExitCode1() {
        Path file = TestVectors.dir("shadow-attacks").resolve(
                "replace__variant-1_replace-via-overlay__4_original-document-shadowed-signed-manipulated.pdf");

        Run r = run(file.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("Kết luận: KHÔNG HỢP LỆ")
                .contains("CẢNH BÁO: tài liệu đã bị thay đổi sau khi ký (trang 1 hiển thị khác")
                .contains("Người ký: Firstname Lastname")
                .contains("[KHÔNG được phép]")
                .contains("Tin cậy: KHÔNG");
    }

    @Test
    void jsonOutputForASignedTwin() throws Exception {
        Path file = TestVectors.dir("shadow-attacks").resolve(
                "replace__variant-1_replace-via-overlay__3_original-document-shadowed-signed.pdf");

        Run r = run(file.toString(), "--json");

        assertThat(r.exit()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("verdict").asText()).isEqualTo("INDETERMINATE");
        assertThat(json.get("signatures").get(0).get("coverage").get("wholeDocument").asBoolean()).isTrue();
        assertThat(json.get("signatures").get(0).get("claimedSigningTime").asText()).endsWith("+07:00");
    }

    @Test
    void aLongTermSignatureWithItsRootTrustedIsValidWithExitCode0() throws Exception {
        TestCa ca = new TestCa();
        Path pdf = tmp.resolve("ke-hoach-da-ky.pdf");
        Files.write(pdf, ca.sign(TestPdfs.lessonPlan("Bài 6"), SignatureLevel.PAdES_BASELINE_LT));
        Path root = tmp.resolve("root.pem");
        Files.writeString(root, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.root.getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        Run r = run(pdf.toString(), "--trust", root.toString());

        assertThat(r.exit()).as(r.out()).isEqualTo(0);
        assertThat(r.out()).contains("Kết luận: HỢP LỆ\n").contains("Chữ ký hợp lệ của Phạm Thị Mai")
                .contains("Mức PAdES: PAdES-BASELINE-LT").contains("nhúng trong");
        // The same file without its root: not valid, and says why.
        Run untrusted = run(pdf.toString());
        assertThat(untrusted.exit()).isEqualTo(1);
        assertThat(untrusted.out()).contains("CHƯA XÁC ĐỊNH ĐƯỢC");
    }

    @Test
    void usageErrorsExitWith1() {
        assertThat(run().exit()).isEqualTo(1);
        Run missing = run(tmp.resolve("khong-co.pdf").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("Không đọc được tệp");
        assertThat(run("a.pdf", "--nope").err()).contains("Tham số không hợp lệ");
    }
}
