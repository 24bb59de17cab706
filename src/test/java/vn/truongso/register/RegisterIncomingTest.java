package vn.truongso.register;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;

/**
 * The incoming register: a signed, intact PDF is accepted with an arrival number and the sender is told the same
 * day; an unsigned or tampered one is returned with the verifier's reason and takes no number.
 */
@IntegrationTest
class RegisterIncomingTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    IncomingRegister incoming;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    /** A lesson plan signed by its author (PAdES B-LTA with the sample school PKI): its latest version's bytes. */
    private byte[] signedPdf(String title) {
        JsonNode plan = api.submitLessonPlan("gv.lan", title);
        String doc = plan.get("documentId").asText();
        Api.Response content = api.get("gv.lan", "/api/documents/" + doc + "/content");
        assertThat(content.status()).isEqualTo(200);
        return content.bytes();
    }

    private String upload(String user, String title, byte[] pdf) {
        Api.Response r = api.postMultipart(user, "/api/documents", Api.Part.file("den.pdf", "application/pdf", pdf),
                Api.Part.field("title", title), Api.Part.field("kind", "REPORT"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void aSignedValidReportIsAcceptedWithAnArrivalNumber() {
        String title = "Báo cáo tháng " + UUID.randomUUID().toString().substring(0, 8);
        String doc = upload("cv.nam", title, signedPdf(title));

        // Uploaded by the office itself (it arrived by e-mail): the sender goes by name.
        Api.Response r = api.postJson("cv.nam", "/api/registers/incoming",
                Map.of("documentId", doc, "senderName", "Trường THCS Hòa Bình"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode got = r.json();
        assertThat(got.get("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(got.get("verdict").asText()).isIn("VALID", "VALID_WITH_WARNINGS");
        int number = got.get("arrivalNumber").asInt();
        assertThat(number).isPositive();
        assertThat(got.get("arrivalNumberText").asText()).isEqualTo(number < 10 ? "0" + number : "" + number);
        assertThat(got.get("receivedAt").asText()).endsWith("+07:00");
        assertThat(got.get("acknowledgement").asText()).contains("đã nhận văn bản", title, "số đến");

        // The same version is registered once only.
        Api.Response twice = api.postJson("cv.nam", "/api/registers/incoming",
                Map.of("documentId", doc, "senderName", "Trường THCS Hòa Bình"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("code").asText()).isEqualTo("DOCUMENT_ALREADY_RECEIVED");

        // The office's register lists it.
        JsonNode list = api.get("cv.nam", "/api/registers/incoming?q=" + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8)).json();
        assertThat(list.get("organisationCode").asText()).isEqualTo("VHXH-HB");
        assertThat(list.get("items")).singleElement().satisfies(e -> {
            assertThat(e.get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(e.get("arrivalNumber").asInt()).isEqualTo(number);
            assertThat(e.get("senderName").asText()).isEqualTo("Trường THCS Hòa Bình");
            assertThat(e.get("receivedBy").asText()).isEqualTo("cv.nam");
        });
    }

    @Test
    void theServiceApiReceivesADocumentOfAnotherOrganisationForAProcessAndTheSenderIsTold() {
        String title = "Báo cáo qua quy trình " + UUID.randomUUID().toString().substring(0, 8);
        JsonNode plan = api.submitLessonPlan("gv.lan", title);
        String content = "/api/documents/" + plan.get("documentId").asText() + "/content";
        assertThat(api.get("cv.nam", content).status()).as("the office before it received it").isEqualTo(404);
        IncomingRegister.Received r = incoming.receive("VHXH-HB", UUID.fromString(plan.get("documentId").asText()),
                null, "THCSHB", null, title, "cv.nam");
        assertThat(r.outcome()).isEqualTo(IncomingRegister.Outcome.ACCEPTED);
        assertThat(r.arrivalNumber()).isPositive();
        // The sending school's clerk and principal got the acknowledgement.
        for (String user : new String[] {"vt.hoa", "ht.mai"}) {
            assertThat(api.get(user, "/api/notifications").json().get("items"))
                    .anySatisfy(n -> assertThat(n.get("message").asText()).contains(title, "số đến"));
        }
        // What the office received, its officers may open and find; another school still may not.
        assertThat(api.get("cv.nam", content).status()).isEqualTo(200);
        assertThat(api.get("cv.nam", "/api/documents?q=" + java.net.URLEncoder.encode(title,
                java.nio.charset.StandardCharsets.UTF_8)).json().get("items")).hasSize(1);
        assertThat(api.get("vt.thu", content).status()).isEqualTo(404);
        // The first (unsigned) version of the same document would be returned.
        IncomingRegister.Received unsigned = incoming.receive("VHXH-HB",
                UUID.fromString(plan.get("documentId").asText()), 1, "THCSHB", null, title, "cv.nam");
        assertThat(unsigned.outcome()).isEqualTo(IncomingRegister.Outcome.RETURNED);
        assertThat(unsigned.verdict().name()).isEqualTo("NO_SIGNATURE");
        assertThat(api.get("vt.hoa", "/api/notifications").json().get("items"))
                .anySatisfy(n -> assertThat(n.get("message").asText()).contains(title, "Lý do:"));
    }

    @Test
    void anUnsignedOrTamperedDocumentIsReturnedWithTheReasonAndTakesNoNumber() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String unsigned = upload("vt.hoa", "Đơn xin học chưa ký " + tag, TestPdfs.lessonPlan("Đơn " + tag));
        byte[] signed = signedPdf("Đơn bị sửa " + tag);
        byte[] tampered = signed.clone();
        tampered[10] ^= 0x01; // the binary comment on line 2: inside the signed range, the file still parses
        String changed = upload("vt.hoa", "Đơn bị sửa " + tag, tampered);

        Api.Response a = api.postJson("vt.hoa", "/api/registers/incoming",
                Map.of("documentId", unsigned, "senderName", "Phụ huynh Lê Văn Bình"));
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        assertThat(a.json().get("outcome").asText()).isEqualTo("RETURNED");
        assertThat(a.json().get("verdict").asText()).isEqualTo("NO_SIGNATURE");
        assertThat(a.json().get("arrivalNumber").isNull()).isTrue();
        assertThat(a.json().get("reason").asText()).isNotBlank();
        assertThat(a.json().get("acknowledgement").asText()).contains("trả lại", "Lý do:");

        Api.Response b = api.postJson("vt.hoa", "/api/registers/incoming",
                Map.of("documentId", changed, "senderName", "Trường THCS An Phú"));
        assertThat(b.status()).as(b.toString()).isEqualTo(200);
        assertThat(b.json().get("outcome").asText()).isEqualTo("RETURNED");
        assertThat(b.json().get("verdict").asText()).isEqualTo("INVALID");
        assertThat(b.json().get("reason").asText()).isNotBlank();

        JsonNode list = api.get("vt.hoa", "/api/registers/incoming?q=" + tag).json();
        assertThat(list.get("items")).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("status").asText()).isEqualTo("RETURNED");
            assertThat(e.get("statusText").asText()).isEqualTo("Đã trả lại");
            assertThat(e.get("arrivalNumber").isNull()).isTrue();
        });
    }

    @Test
    void aClerkCannotNameAnotherOrganisationAsTheSenderOfItsOwnDocument() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // The clerk's own upload: naming another school as its sender would notify that school's staff.
        String own = upload("vt.hoa", "Thông báo giả mạo " + tag, TestPdfs.lessonPlan("Giả " + tag));
        long before = api.get("vt.thu", "/api/notifications?size=200").json().get("total").asLong();

        Api.Response r = api.postJson("vt.hoa", "/api/registers/incoming",
                Map.of("documentId", own, "senderOrganisation", "THCSAP"));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("SENDER_NOT_ORIGIN");
        assertThat(api.get("vt.thu", "/api/notifications?size=200").json().get("total").asLong()).isEqualTo(before);
        assertThat(api.get("vt.hoa", "/api/registers/incoming?q=" + tag).json().get("items")).isEmpty();
    }
}
