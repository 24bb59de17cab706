package vn.truongso.register;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

/** "Where is that document?": found by title, register number or person, with the step it waits in. */
@IntegrationTest
class DocumentSearchTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    private JsonNode find(String user, String query) {
        Api.Response r = api.get(user, "/api/documents?" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items");
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aLessonPlanIsFoundByTitleAndShowsItsStepHolderAndSince() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        JsonNode plan = api.submitLessonPlan("gv.lan", "Bài 9 tìm kiếm " + tag);
        String doc = plan.get("documentId").asText();

        for (String user : new String[] {"gv.lan", "tt.hung", "ht.mai", "vt.hoa"}) {
            JsonNode items = find(user, q(tag));
            assertThat(items).as(user).singleElement().satisfies(d -> {
                assertThat(d.get("id").asText()).isEqualTo(doc);
                assertThat(d.get("kind").asText()).isEqualTo("LESSON_PLAN");
                assertThat(d.get("version").asInt()).isEqualTo(2);
                assertThat(d.get("ownerName").asText()).isEqualTo("Nguyễn Thị Lan");
                assertThat(d.get("status").asText()).isEqualTo("HEAD_REVIEW");
                assertThat(d.get("statusText").asText()).isEqualTo("Chờ tổ trưởng chuyên môn duyệt");
                assertThat(d.get("process").asText()).isEqualTo("lessonPlanApproval");
                assertThat(d.get("registerSymbol").isNull()).isTrue();
                JsonNode step = d.get("currentStep");
                assertThat(step.get("stepName").asText()).isNotBlank();
                assertThat(step.get("since").asText()).endsWith("+07:00");
                assertThat(step.get("candidateGroups").toString()).contains(".HEAD");
            });
        }
        // Nobody of another school or office, no parent, finds it.
        for (String user : new String[] {"gv.tuan", "vt.thu", "ht.son", "cv.nam", "ph.binh"}) {
            assertThat(find(user, q(tag))).as(user).isEmpty();
        }
        // Filters: kind, status, process.
        assertThat(find("ht.mai", q(tag) + "&kind=LESSON_PLAN")).hasSize(1);
        assertThat(find("ht.mai", q(tag) + "&kind=REPORT")).isEmpty();
        assertThat(find("ht.mai", q(tag) + "&status=HEAD_REVIEW")).hasSize(1);
        assertThat(find("ht.mai", q(tag) + "&status=APPROVED")).isEmpty();
        assertThat(find("ht.mai", q(tag) + "&process=lessonPlanApproval")).hasSize(1);
        assertThat(find("ht.mai", q(tag) + "&process=reportSubmission")).isEmpty();

        // After the head's approval it waits for the principal: the search says so.
        String task = api.taskOf("tt.hung", plan.get("id").asText());
        api.completeAndSign("tt.hung", task, "APPROVE", null, "PAPER");
        assertThat(find("vt.hoa", q(tag))).singleElement().satisfies(d -> {
            assertThat(d.get("status").asText()).isEqualTo("PRINCIPAL_APPROVAL");
            assertThat(d.get("currentStep").get("candidateGroups").toString()).contains("THCSHB.PRINCIPAL");
        });
        // The existing endpoints keep working.
        assertThat(api.get("vt.hoa", "/api/documents/" + doc).status()).isEqualTo(200);
    }

    @Test
    void anIssuedDocumentIsFoundByItsNumberAndAPersonByName() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Api.Response up = api.postMultipart("vt.hoa", "/api/documents",
                Api.Part.file("bc.pdf", "application/pdf", TestPdfs.lessonPlan("Báo cáo " + tag)),
                Api.Part.field("title", "Báo cáo chuyển đổi số " + tag), Api.Part.field("kind", "REPORT"));
        String doc = up.json().get("id").asText();
        JsonNode issued = api.postJson("ht.mai", "/api/registers/outgoing",
                Map.of("documentId", doc, "typeCode", "BC")).json();
        String symbol = issued.get("symbol").asText();

        JsonNode bySymbol = find("ht.mai", q(symbol));
        assertThat(bySymbol).anySatisfy(d -> {
            assertThat(d.get("id").asText()).isEqualTo(doc);
            assertThat(d.get("registerSymbol").asText()).isEqualTo(symbol);
            assertThat(d.get("status").asText()).isEqualTo("ISSUED");
            assertThat(d.get("statusText").asText()).contains(symbol);
        });
        // Typed without diacritics, in any case: the title and the register line are found all the same.
        assertThat(find("vt.hoa", q("bao cao CHUYEN DOI so " + tag))).singleElement()
                .satisfies(d -> assertThat(d.get("id").asText()).isEqualTo(doc));
        assertThat(api.get("vt.hoa", "/api/registers/outgoing?q=" + java.net.URLEncoder.encode("chuyen doi so " + tag,
                java.nio.charset.StandardCharsets.UTF_8)).json().get("items"))
                .singleElement().satisfies(e -> assertThat(e.get("symbol").asText()).isEqualTo(symbol));
        // Another school has its own numbers: the same symbol text finds nothing of THCSHB there.
        assertThat(find("vt.thu", q(symbol))).noneSatisfy(d -> assertThat(d.get("id").asText()).isEqualTo(doc));

        // By person: the owner's name, with or without Vietnamese diacritics.
        assertThat(find("ht.mai", q("Hoa") + "&kind=REPORT&size=100"))
                .anySatisfy(d -> assertThat(d.get("id").asText()).isEqualTo(doc));
        String lan = api.uploadLessonPlan("gv.lan", "Bài 10 người " + tag);
        assertThat(find("tt.hung", q("nguyen thi lan") + "&size=100"))
                .anySatisfy(d -> assertThat(d.get("id").asText()).isEqualTo(lan));
        assertThat(find("gv.tuan", q("Nguyễn Thị Lan") + "&size=100"))
                .noneSatisfy(d -> assertThat(d.get("id").asText()).isEqualTo(lan));

        Api.Response bad = api.get("ht.mai", "/api/documents?kind=NOPE");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("code").asText()).isEqualTo("KIND_UNKNOWN");
    }

    @Test
    void aHugePageNumberIsAnEmptyPageNotAnError() {
        Api.Response r = api.get("gv.lan", "/api/documents?q=b&size=100&page=" + Integer.MAX_VALUE);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("items")).isEmpty();
        Api.Response unfiltered = api.get("gv.lan", "/api/documents?size=100&page=" + (Integer.MAX_VALUE / 50));
        assertThat(unfiltered.status()).as(unfiltered.toString()).isEqualTo(200);
        assertThat(unfiltered.json().get("items")).isEmpty();
    }
}
