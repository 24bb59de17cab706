package vn.truongso.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.support.Api;
import vn.truongso.support.Api.Part;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;

/** GET /api/documents/{id}/verification as the demo users. */
@IntegrationTest
class VerificationApiTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void theOwnerGetsTheReportOfAnUnsignedDocument() {
        String id = api.uploadLessonPlan("gv.lan", "Bài 8: Bất phương trình");

        Api.Response r = api.get("gv.lan", "/api/documents/" + id + "/verification");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode report = r.json();
        assertThat(report.get("verdict").asText()).isEqualTo("NO_SIGNATURE");
        assertThat(report.get("summary").asText()).isEqualTo("Tài liệu không có chữ ký số.");
        assertThat(report.get("signatures")).isEmpty();
        assertThat(report.get("validatedAt").asText()).endsWith("+07:00");
    }

    @Test
    void theOwnerGetsTheReportOfASignedDocumentVersionByVersion() {
        TestCa ca = new TestCa();
        byte[] unsigned = TestPdfs.lessonPlan("Bài 9: Hệ phương trình");
        Api.Response created = api.postMultipart("gv.lan", "/api/documents",
                Part.file("khbd.pdf", "application/pdf", unsigned), Part.field("title", "Bài 9: Hệ phương trình"),
                Part.field("kind", "LESSON_PLAN"));
        String id = created.json().get("id").asText();
        byte[] signed = ca.sign(unsigned, SignatureLevel.PAdES_BASELINE_B, 500);
        assertThat(api.postMultipart("gv.lan", "/api/documents/" + id + "/versions",
                Part.file("khbd-da-ky.pdf", "application/pdf", signed)).status()).isEqualTo(201);

        JsonNode latest = api.get("gv.lan", "/api/documents/" + id + "/verification").json();
        // The throwaway root is not among the application's trust anchors: intact but not trusted.
        assertThat(latest.get("verdict").asText()).isEqualTo("INDETERMINATE");
        assertThat(latest.get("signatureCount").asInt()).isEqualTo(1);
        JsonNode sig = latest.get("signatures").get(0);
        assertThat(sig.get("signer").asText()).isEqualTo("Phạm Thị Mai");
        assertThat(sig.get("kind").asText()).isEqualTo("SIGNATURE");
        assertThat(sig.get("level").asText()).isEqualTo("PAdES-BASELINE-B");
        assertThat(sig.get("coverage").get("wholeDocument").asBoolean()).isTrue();
        assertThat(sig.get("coverage").get("changedAfterSigning").asBoolean()).isFalse();
        assertThat(sig.get("signingTime").asText()).endsWith("+07:00");
        assertThat(sig.get("signingTimeSource").asText()).isEqualTo("CLAIMED_BY_SIGNER");
        assertThat(sig.get("certificateChain").get(0).get("commonName").asText()).isEqualTo("Phạm Thị Mai");
        assertThat(sig.get("trusted").asBoolean()).isFalse();
        assertThat(sig.get("summary").asText()).contains("Phạm Thị Mai").contains("không bị thay đổi sau khi ký");

        JsonNode first = api.get("gv.lan", "/api/documents/" + id + "/verification?version=1").json();
        assertThat(first.get("verdict").asText()).isEqualTo("NO_SIGNATURE");

        // The principal of the same school may read it; another school's teacher may not even learn it exists.
        assertThat(api.get("ht.mai", "/api/documents/" + id + "/verification").status()).isEqualTo(200);
        Api.Response other = api.get("gv.tuan", "/api/documents/" + id + "/verification");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.contentType()).isEqualTo("application/problem+json");
        assertThat(other.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(api.get("gv.lan", "/api/documents/" + id + "/verification?version=7").status()).isEqualTo(404);
        assertThat(api.get(null, "/api/documents/" + id + "/verification").status()).isEqualTo(401);
        assertThat(api.get(null, "/v3/api-docs").json().get("paths").has("/api/documents/{id}/verification")).isTrue();
    }
}
