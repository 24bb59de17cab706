package vn.truongso.paperless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.PdfFonts;

/** The principal's Vietnamese PDF report of the figures, signed through the remote signing flow. */
@IntegrationTest
class PaperlessReportTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    @Test
    void thePrincipalSignsTheReportWithTheCode() throws Exception {
        api.submitLessonPlan("gv.lan", "Bài 15: Đối xứng trục");
        Api.Response r = api.postJson("ht.mai", "/api/paperless/report", Map.of("from", "2020-01-01", "to", "2099-12-31"));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        JsonNode started = r.json();
        String doc = started.get("documentId").asText();
        JsonNode tx = started.get("signTransaction");
        assertThat(tx.get("displayText").asText()).startsWith("Hiệu trưởng phê duyệt: Báo cáo số liệu chuyển đổi số");

        // Before the code: the report is there, unsigned, with its Vietnamese table and labels.
        Api.Response unsigned = api.get("ht.mai", "/api/documents/" + doc + "/content");
        assertThat(unsigned.status()).isEqualTo(200);
        PdfFonts.savePngs(unsigned.bytes(), "paperless", "report-unsigned");
        try (PDDocument pdf = Loader.loadPDF(unsigned.bytes())) {
            // Set in the real faces of the Times-compatible serif, embedded as subsets, nothing faked.
            assertThat(PdfFonts.faces(pdf)).containsExactlyInAnyOrder(
                    "LiberationSerif" /* the regular face */, "LiberationSerif-Bold", "LiberationSerif-Italic");
            assertThat(PdfFonts.notEmbeddedSubsets(pdf)).isEmpty();
            assertThat(PdfFonts.syntheticStyles(pdf)).isEmpty();
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text.lines().map(String::strip)).contains("TRƯỜNG THCS HÒA BÌNH",
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc",
                    "BÁO CÁO SỐ LIỆU CHUYỂN ĐỔI SỐ, GIẢM GIẤY TỜ", "Từ ngày 01/01/2020 đến ngày 31/12/2099");
            assertThat(text).contains("TRƯỜNG THCS HÒA BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "BÁO CÁO SỐ LIỆU CHUYỂN ĐỔI SỐ, GIẢM GIẤY TỜ", "Từ ngày 01/01/2020 đến ngày 31/12/2099",
                    "Tỷ lệ bước xử lý thực hiện trên môi trường số", "Số trang giấy tránh được",
                    "Tỷ lệ báo cáo định kỳ gửi điện tử, đúng hạn", "Chỉ tiêu", "Đánh giá",
                    "Biểu đồ: kết quả so với chỉ tiêu", "Duyệt kế hoạch bài dạy", "HIỆU TRƯỞNG", "Phạm Thị Mai");
        }

        api.confirm("ht.mai", tx.get("transactionId").asText());
        JsonNode document = api.get("ht.mai", "/api/documents/" + doc).json();
        assertThat(document.get("kind").asText()).isEqualTo("REPORT");
        assertThat(document.get("version").asInt()).isEqualTo(2);
        JsonNode verification = api.get("ht.mai", "/api/documents/" + doc + "/verification").json();
        assertThat(verification.get("signatures")).anySatisfy(s -> {
            assertThat(s.get("kind").asText()).isEqualTo("SIGNATURE");
            assertThat(s.get("signer").asText()).isEqualTo("Phạm Thị Mai");
            assertThat(s.get("indication").asText()).isEqualTo("TOTAL_PASSED");
        });
        Api.Response signed = api.get("ht.mai", "/api/documents/" + doc + "/content");
        Files.createDirectories(Path.of("target/paperless"));
        Files.write(Path.of("target/paperless/report-signed.pdf"), signed.bytes());

        // The report's own process was tracked like any other: its certificate lists the principal's signature.
        Api.Response cert = api.get("ht.mai", "/api/documents/" + doc + "/completion-certificate.pdf");
        assertThat(cert.status()).as(cert.text()).isEqualTo(200);
        PdfFonts.savePngs(cert.bytes(), "paperless", "report-completion-certificate");
        try (PDDocument pdf = Loader.loadPDF(cert.bytes())) {
            assertThat(PdfFonts.faces(pdf)).containsExactlyInAnyOrder(
                    "LiberationSerif" /* the regular face */, "LiberationSerif-Bold", "LiberationSerif-Italic");
            assertThat(PdfFonts.notEmbeddedSubsets(pdf)).isEmpty();
            assertThat(PdfFonts.syntheticStyles(pdf)).isEmpty();
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text.lines().map(String::strip)).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập – Tự do – Hạnh phúc", "GIẤY CHỨNG NHẬN HOÀN THÀNH QUY TRÌNH");
            assertThat(text).contains("Báo cáo số liệu chuyển đổi số", "Hiệu trưởng ký báo cáo", "Phạm Thị Mai",
                    "Có (ký số)", "Đơn vị: Trường THCS Hòa Bình", "Thời gian theo giờ Việt Nam (+07:00).");
        }
    }

    @Test
    void onlyThePrincipalMakesTheReport() {
        for (String user : new String[] {"gv.lan", "tt.hung", "vt.hoa", "cv.nam", "ph.binh"}) {
            assertThat(api.postJson(user, "/api/paperless/report", Map.of()).status()).as(user).isEqualTo(403);
        }
    }
}
