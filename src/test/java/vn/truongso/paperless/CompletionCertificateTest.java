package vn.truongso.paperless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.steps.StepFixtures;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/** The certificate of completion of a document, from the recorded steps of its completed process. */
@IntegrationTest
class CompletionCertificateTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    private JsonNode planWithHeadOnPaper(String title) {
        return StepFixtures.planWithHeadOnPaper(api, title);
    }

    @Test
    void anApprovedDocumentHasACertificateOfCompletionInVietnamese() throws IOException {
        JsonNode plan = planWithHeadOnPaper("Bài 13: Hình chữ nhật");
        String doc = plan.get("documentId").asText();
        Api.Response r = api.get("gv.lan", "/api/documents/" + doc + "/completion-certificate.pdf");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/pdf");
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/paperless"));
        java.nio.file.Files.write(java.nio.file.Path.of("target/paperless/completion-certificate.pdf"), r.bytes());
        try (PDDocument pdf = Loader.loadPDF(r.bytes())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "GIẤY CHỨNG NHẬN HOÀN THÀNH QUY TRÌNH",
                    "Trường THCS Hòa Bình", "Bài 13: Hình chữ nhật", "Duyệt kế hoạch bài dạy",
                    "Tổ trưởng duyệt kế hoạch bài dạy", "Nguyễn Thị Lan", "Phạm Thị Mai", "Trên giấy", "Điện tử",
                    "Có (ký số)", "Không (ký tay)", "+07:00", "Số bước thực hiện trên môi trường số: 4/6");
        }
        // Others see neither the document nor its certificate; a plan still in review has none yet.
        assertThat(api.get("gv.tuan", "/api/documents/" + doc + "/completion-certificate.pdf").status()).isEqualTo(404);
        JsonNode open = api.submitLessonPlan("gv.lan", "Bài 14: Hình thoi");
        Api.Response notYet = api.get("gv.lan", "/api/documents/" + open.get("documentId").asText()
                + "/completion-certificate.pdf");
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.json().get("code").asText()).isEqualTo("PROCESS_NOT_COMPLETED");
    }
}
