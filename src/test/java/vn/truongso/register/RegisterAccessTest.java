package vn.truongso.register;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;

/** Registers belong to one organisation: its clerk and principal (an office's officer) read them, nobody else. */
@IntegrationTest
class RegisterAccessTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private String upload(String user, String title) {
        Api.Response r = api.postMultipart(user, "/api/documents",
                Api.Part.file("vb.pdf", "application/pdf", TestPdfs.lessonPlan(title)),
                Api.Part.field("title", title), Api.Part.field("kind", "DECISION"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void onlyTheOrganisationsClerkPrincipalOrOfficerReadItsRegisters() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String doc = upload("vt.hoa", "Quyết định thành lập tổ " + tag);
        Api.Response issued = api.postJson("vt.hoa", "/api/registers/outgoing",
                Map.of("documentId", doc, "typeCode", "QĐ", "signer", "Trần Thị Mai"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String symbol = issued.json().get("symbol").asText();

        for (String user : new String[] {"vt.hoa", "ht.mai"}) {
            JsonNode page = api.get(user, "/api/registers/outgoing?q=" + tag).json();
            assertThat(page.get("organisationCode").asText()).isEqualTo("THCSHB");
            assertThat(page.get("items")).singleElement()
                    .satisfies(e -> assertThat(e.get("symbol").asText()).isEqualTo(symbol));
        }
        // Another school's clerk, the office's officer: their own register, which does not hold it.
        for (String user : new String[] {"vt.thu", "ht.son", "cv.nam"}) {
            Api.Response r = api.get(user, "/api/registers/outgoing?q=" + tag);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("organisationCode").asText()).isNotEqualTo("THCSHB");
            assertThat(r.json().get("items")).isEmpty();
        }
        Api.Response other = api.get("vt.thu", "/api/registers/outgoing?organisation=THCSHB");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(api.get("vt.thu", "/api/registers/incoming?organisation=THCSHB").status()).isEqualTo(403);

        // Teachers, heads, parents and admins keep no register.
        for (String user : new String[] {"gv.lan", "tt.hung", "ph.binh", "admin"}) {
            assertThat(api.get(user, "/api/registers/outgoing").status()).as(user).isEqualTo(403);
            assertThat(api.get(user, "/api/registers/incoming").status()).as(user).isEqualTo(403);
        }
        assertThat(api.get(null, "/api/registers/outgoing").status()).isEqualTo(401);
        assertThat(api.get("vt.hoa", "/api/registers/nonsense").status()).isEqualTo(404);
    }

    @Test
    void onlyTheOrganisationsClerkOrPrincipalIssuesItsDocuments() {
        String doc = upload("vt.hoa", "Quyết định phân công " + UUID.randomUUID());
        Map<String, Object> body = Map.of("documentId", doc, "typeCode", "QĐ", "signer", "Trần Thị Mai");
        assertThat(api.postJson("gv.lan", "/api/registers/outgoing", body).status()).isEqualTo(403);
        assertThat(api.postJson("ph.binh", "/api/registers/outgoing", body).status()).isEqualTo(403);
        assertThat(api.postJson("cv.nam", "/api/registers/outgoing", body).status()).isEqualTo(403);
        Api.Response foreign = api.postJson("vt.thu", "/api/registers/outgoing", body);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("code").asText()).isEqualTo("NOT_FOUND");

        assertThat(api.postJson("gv.lan", "/api/registers/incoming", Map.of("documentId", doc,
                "senderName", "UBND phường")).status()).isEqualTo(403);
        assertThat(api.postJson("ht.mai", "/api/registers/incoming", Map.of("documentId", doc,
                "senderName", "UBND phường")).status()).isEqualTo(403);
        assertThat(api.postJson("vt.thu", "/api/registers/incoming", Map.of("documentId", doc,
                "senderName", "UBND phường")).status()).isEqualTo(404);
        Api.Response unknownSender = api.postJson("vt.hoa", "/api/registers/incoming",
                Map.of("documentId", doc, "senderOrganisation", "KHONGCO"));
        assertThat(unknownSender.status()).isEqualTo(400);
        assertThat(unknownSender.json().get("code").asText()).isEqualTo("SENDER_UNKNOWN");
    }
}
