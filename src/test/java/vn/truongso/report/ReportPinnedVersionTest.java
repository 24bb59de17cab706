package vn.truongso.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentService;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;

/**
 * What a signature means, for a school's report: the version the principal signed is the version sent, and the
 * office receives and verifies exactly that version; the school cannot swap the PDF once it is in the process.
 */
@IntegrationTest
class ReportPinnedVersionTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DocumentService documents;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    private String open(String title) {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("title", title);
        req.put("period", "AD_HOC");
        req.put("deadline", LocalDate.now(VietnamTime.ZONE).plusDays(5).toString());
        req.put("schoolCodes", List.of("THCSHB"));
        Api.Response r = api.postJson("cv.nam", "/api/report-campaigns", req);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private JsonNode inboxTask(String user, String campaignId, String name) {
        for (JsonNode t : api.get(user, "/api/tasks?size=200").json().get("items")) {
            if (campaignId.equals(t.get("businessKey").asText()) && name.equals(t.get("name").asText())) {
                return t;
            }
        }
        throw new AssertionError("no task " + name + " of " + campaignId + " for " + user);
    }

    private JsonNode row(String user, String campaignId) {
        return api.get(user, "/api/report-campaigns/" + campaignId).json().get("rows").get(0);
    }

    private Api.Response newVersion(String user, String documentId) {
        return api.postMultipart(user, "/api/documents/" + documentId + "/versions",
                Api.Part.file("bc-khac.pdf", "application/pdf", TestPdfs.lessonPlan("Báo cáo đã bị thay")),
                Api.Part.field("note", "Thay tệp"));
    }

    private long versionRows(String documentId) {
        return jdbc.queryForObject("select count(*) from document_version where document_id = ?", Long.class,
                UUID.fromString(documentId));
    }

    @Test
    void aSentReportCannotBeSwappedAndTheOfficeReceivesTheVersionSent() {
        String id = open("Báo cáo ghim phiên bản");
        String doc = api.upload("vt.hoa", "Báo cáo ghim phiên bản", "REPORT");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", "SUBMIT");
        body.put("inputs", Map.of("documentId", doc));
        JsonNode prepare = inboxTask("vt.hoa", id, "Chuẩn bị báo cáo");
        assertThat(api.postJson("vt.hoa", "/api/tasks/" + prepare.get("id").asText() + "/complete", body).status())
                .isEqualTo(204);

        // Handed to the principal: the clerk cannot swap it before the signature...
        Api.Response beforeSigning = newVersion("vt.hoa", doc);
        assertThat(beforeSigning.status()).as(beforeSigning.text()).isEqualTo(409);
        assertThat(beforeSigning.json().get("code").asText()).isEqualTo("DOCUMENT_IN_PROCESS");
        JsonNode sign = inboxTask("ht.mai", id, "Ký báo cáo");
        assertThat(sign.get("documentVersion").asInt()).isEqualTo(1);
        assertThat(api.completeAndSign("ht.mai", sign.get("id").asText(), "APPROVE", null, null).status())
                .isEqualTo(202);
        JsonNode sent = row("cv.nam", id);
        assertThat(sent.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(sent.get("signedVersion").asInt()).isEqualTo(2);

        // ...nor after sending: 409 and nothing stored.
        Api.Response afterSending = newVersion("vt.hoa", doc);
        assertThat(afterSending.status()).as(afterSending.text()).isEqualTo(409);
        assertThat(afterSending.contentType()).startsWith("application/problem+json");
        assertThat(afterSending.json().get("code").asText()).isEqualTo("DOCUMENT_IN_PROCESS");
        assertThat(versionRows(doc)).isEqualTo(2);
        // The officer's task names the version sent.
        JsonNode receive = inboxTask("cv.nam", id, "Tiếp nhận báo cáo");
        assertThat(receive.get("documentVersion").asInt()).isEqualTo(2);

        // Even if something put another version on the document meanwhile (here: a step acting on its own), the
        // office receives and verifies the version that was sent.
        documents.addProducedVersion(UUID.fromString(doc), 2, TestPdfs.lessonPlan("Không phải bản đã ký"),
                "Bản do một bước khác tạo", "system");
        assertThat(api.complete("cv.nam", receive.get("id").asText(), "ACCEPT", null, null).status()).isEqualTo(204);
        api.runJobs();
        JsonNode accepted = row("cv.nam", id);
        assertThat(accepted.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(jdbc.queryForObject("select document_version from incoming_register_entry where document_id = ? "
                + "and status = 'ACCEPTED'", Integer.class, UUID.fromString(doc))).isEqualTo(2);
    }
}
