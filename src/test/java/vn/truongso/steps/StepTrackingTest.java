package vn.truongso.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * pages, channel, signature and the pages of paper avoided (people's history: not what the engine did by itself);
 * the scan of a paper step.
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

    private JsonNode planWithHeadOnPaper(String title) {
        return StepFixtures.planWithHeadOnPaper(api, title);
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
}
