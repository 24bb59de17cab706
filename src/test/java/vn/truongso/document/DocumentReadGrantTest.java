package vn.truongso.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/** A document sent to another organisation, or to one person, becomes readable by them and nobody else. */
@IntegrationTest
class DocumentReadGrantTest {

    @LocalServerPort
    int port;
    @Autowired
    DocumentService documents;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void papersAParentSendsASchoolAreReadByItsClerkAndPrincipalOnly() {
        String title = "Giấy khai sinh " + UUID.randomUUID().toString().substring(0, 8);
        String id = api.upload("ph.binh", title, "APPLICATION_PAPER");
        String content = "/api/documents/" + id + "/content";
        assertThat(api.get("vt.hoa", content).status()).isEqualTo(404);

        documents.grantRead(UUID.fromString(id), "THCSHB", null);
        documents.grantRead(UUID.fromString(id), "THCSHB", null);

        assertThat(api.get("vt.hoa", content).status()).isEqualTo(200);
        assertThat(api.get("ht.mai", content).status()).isEqualTo(200);
        assertThat(api.get("vt.hoa", "/api/documents?q=" + title.substring(title.length() - 8)).json().get("items"))
                .hasSize(1);
        // A teacher of that school reads only her own and her group's; another school nothing.
        assertThat(api.get("gv.lan", content).status()).isEqualTo(404);
        assertThat(api.get("vt.thu", content).status()).isEqualTo(404);
        assertThat(api.get("ph.binh", content).status()).as("the owner").isEqualTo(200);
    }

    @Test
    void aDecisionGrantedToOneParentIsReadByThatParent() {
        String title = "Quyết định " + UUID.randomUUID().toString().substring(0, 8);
        String id = api.upload("vt.hoa", title, "DECISION");
        String content = "/api/documents/" + id + "/content";
        assertThat(api.get("ph.binh", content).status()).isEqualTo(404);
        assertThat(api.get("ph.binh", "/api/documents?q=" + title.substring(title.length() - 8)).json().get("items"))
                .isEmpty();

        documents.grantRead(UUID.fromString(id), null, "ph.binh");

        assertThat(api.get("ph.binh", content).status()).isEqualTo(200);
        assertThat(api.get("ph.binh", "/api/documents/" + id).json().get("title").asText()).isEqualTo(title);
        assertThat(api.get("ph.binh", "/api/documents?q=" + title.substring(title.length() - 8)).json().get("items"))
                .hasSize(1);
        assertThat(api.get("vt.thu", content).status()).isEqualTo(404);
    }
}
