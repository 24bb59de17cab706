package vn.truongso.paperless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
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
import vn.truongso.support.Api.Part;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;

/**
 * The one tracking mechanism on a real lesson plan: submission, user tasks and signatures recorded with document,
 * pages, channel, signature and the pages of paper avoided; the scan of a paper step; the certificate of completion.
 */
@IntegrationTest
class StepTrackingTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    ProcessRecordRepository processes;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    /** Submits a 3-page plan; the head approves on paper (signed the printed copy), the principal digitally. */
    private JsonNode planWithHeadOnPaper(String title) {
        Api.Response up = api.postMultipart("gv.lan", "/api/documents", Part.file("khbd.pdf", "application/pdf",
                TestPdfs.pages(title, 3)), Part.field("title", title), Part.field("kind", "LESSON_PLAN"));
        assertThat(up.status()).isEqualTo(201);
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("documentId", up.json().get("id").asText());
        req.put("subject", "Toán");
        req.put("grade", 8);
        req.put("lessonTitle", title);
        req.put("week", 14);
        Api.Response submitted = api.postJson("gv.lan", "/api/lesson-plans", req);
        assertThat(submitted.status()).isEqualTo(201);
        String id = submitted.json().get("id").asText();
        api.confirm("gv.lan", submitted.json().get("signTransaction").get("transactionId").asText());
        assertThat(api.complete("tt.hung", api.taskOf("tt.hung", id), "APPROVE", null, "PAPER").status())
                .isEqualTo(204);
        assertThat(api.completeAndSign("ht.mai", api.taskOf("ht.mai", id), "APPROVE", "Đồng ý", null).status())
                .isEqualTo(202);
        JsonNode done = api.get("gv.lan", "/api/lesson-plans/" + id).json();
        assertThat(done.get("status").asText()).isEqualTo("APPROVED");
        return done;
    }

    @Test
    void everyStepIsRecordedWithDocumentPagesChannelAndSignature() {
        JsonNode plan = planWithHeadOnPaper("Bài 11: Hình thang cân");
        JsonNode history = plan.get("history");
        assertThat(history).extracting(h -> h.get("kind").asText() + ":" + h.get("step").asText() + ":"
                        + h.get("actor").asText() + ":" + h.get("channel").asText() + ":"
                        + h.get("signedElectronically").asText() + ":" + h.get("documentPages").asText() + ":"
                        + h.get("printedCopies").asText() + ":" + h.get("pagesAvoided").asText())
                .containsExactly(
                        "SUBMISSION:submitted:gv.lan:DIGITAL:null:3:1:3",
                        "SIGNATURE:authorSign:gv.lan:DIGITAL:true:3:null:null",
                        "TASK:headReview:tt.hung:PAPER:null:3:1:0",
                        "SIGNATURE:headSign:tt.hung:PAPER:false:3:null:null",
                        "TASK:principalApproval:ht.mai:DIGITAL:null:3:1:3",
                        "SIGNATURE:principalSign:ht.mai:DIGITAL:true:3:null:null");
        for (JsonNode h : history) {
            assertThat(h.get("documentId").asText()).isEqualTo(plan.get("documentId").asText());
            assertThat(h.get("startedAt").asText()).endsWith("+07:00");
            assertThat(h.get("endedAt").asText()).endsWith("+07:00");
        }
        JsonNode share = plan.get("paperless");
        assertThat(share.get("stepsDone").asInt()).isEqualTo(6);
        assertThat(share.get("digitalSteps").asInt()).isEqualTo(4);
        assertThat(share.get("digitalShare").asDouble()).isEqualTo(4.0 / 6);
        assertThat(share.get("signatures").asInt()).isEqualTo(3);
        assertThat(share.get("electronicSignatures").asInt()).isEqualTo(2);
        assertThat(share.get("pagesAvoided").asInt()).isEqualTo(6);
        assertThat(share.get("fullyDigital").asBoolean()).isFalse();

        ProcessRecord p = processes.findById(plan.get("processInstanceId").asText()).orElseThrow();
        assertThat(p.getOutcome()).isEqualTo("COMPLETED");
        assertThat(p.getStartedBy()).isEqualTo("gv.lan");
        assertThat(p.getTenantId()).isEqualTo("THCSHB");
        assertThat(p.getDocumentId().toString()).isEqualTo(plan.get("documentId").asText());
        assertThat(p.getEndedAt()).isAfterOrEqualTo(p.getStartedAt());
    }

    @Test
    void theClerkAttachesTheScanOfAPaperStep() {
        JsonNode plan = planWithHeadOnPaper("Bài 12: Hình bình hành");
        long paperStep = 0;
        long digitalStep = 0;
        for (JsonNode h : plan.get("history")) {
            if (h.get("step").asText().equals("headReview")) {
                paperStep = h.get("id").asLong();
            }
            if (h.get("step").asText().equals("principalApproval")) {
                digitalStep = h.get("id").asLong();
            }
        }
        Part scan = Part.file("scan.pdf", "application/pdf", TestPdfs.pages("Bản quét có chữ ký tổ trưởng", 3));
        assertThat(api.postMultipart("ht.mai", "/api/paperless/steps/" + paperStep + "/scan", scan).status())
                .isEqualTo(403);
        assertThat(api.postMultipart("vt.thu", "/api/paperless/steps/" + paperStep + "/scan", scan).status())
                .isEqualTo(404);
        Api.Response notPaper = api.postMultipart("vt.hoa", "/api/paperless/steps/" + digitalStep + "/scan", scan);
        assertThat(notPaper.status()).isEqualTo(409);
        assertThat(notPaper.json().get("code").asText()).isEqualTo("STEP_NOT_ON_PAPER");

        Api.Response attached = api.postMultipart("vt.hoa", "/api/paperless/steps/" + paperStep + "/scan", scan);
        assertThat(attached.status()).as(attached.text()).isEqualTo(201);
        String scanId = attached.json().get("scanDocumentId").asText();
        assertThat(api.get("ht.mai", "/api/documents/" + scanId).json().get("title").asText())
                .startsWith("Bản quét: Tổ trưởng duyệt kế hoạch bài dạy");
        JsonNode after = api.get("gv.lan", "/api/lesson-plans/" + plan.get("id").asText()).json();
        assertThat(after.get("history")).anySatisfy(h -> {
            assertThat(h.get("step").asText()).isEqualTo("headReview");
            assertThat(h.get("scanDocumentId").asText()).isEqualTo(scanId);
            assertThat(h.get("channel").asText()).isEqualTo("PAPER");
        });
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
