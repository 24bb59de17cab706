package vn.truongso.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.truongso.common.VietnamTime;
import vn.truongso.remotesign.TestOtp;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestDelegations;
import vn.truongso.support.TestUsers;

/**
 * Ký thay in the whole lesson-plan story: the principal gives her approvals to the vice-principal pht.an; he finds
 * them in his inbox, approves two plans in one batch with one code, and the signed plans say "KT. HIỆU TRƯỞNG" over
 * "PHÓ HIỆU TRƯỞNG" and his name — in the visible signature, in the signature's reason and in the plan's history.
 * A delegation for other approvals opens none of these; nobody approves their own plan, delegate or not.
 */
@IntegrationTest
class DelegatedApprovalTest {

    static final String KT = "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG (ký thay)";

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    Clock clock;
    Api api;
    TestUsers people;
    LocalDate today;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
        people = new TestUsers(jdbc, encoder);
        today = LocalDate.now(clock.withZone(VietnamTime.ZONE));
    }

    /** Accounts this test adds to THCSHB: disabled afterwards, so the school's people are the demo ones again. */
    final List<String> added = new ArrayList<>();

    @AfterEach
    void revokeAll() {
        TestDelegations.endAll(jdbc);
        added.forEach(people::disable);
    }

    String delegate(String to, String scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delegate", to);
        body.put("validFrom", today.toString());
        body.put("validTo", today.plusDays(7).toString());
        body.put("scope", scope);
        body.put("note", "Hiệu trưởng đi công tác");
        Api.Response r = api.postJson("ht.mai", "/api/delegations", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** A plan of gv.lan's that the head approved on paper: waiting for the principal's approval. */
    String atPrincipal(String title) {
        String id = api.submitLessonPlan("gv.lan", title).get("id").asText();
        assertThat(api.complete("tt.hung", api.taskOf("tt.hung", id), "APPROVE", null, "PAPER").status())
                .isEqualTo(204);
        return id;
    }

    /** Every task id in the inbox, page by page; the total counts exactly what is listed. */
    List<String> inbox(String user) {
        List<String> listed = new ArrayList<>();
        long total = -1;
        for (int p = 0; total < 0 || listed.size() < total; p++) {
            JsonNode page = api.get(user, "/api/tasks?size=50&page=" + p).json();
            total = page.get("total").asLong();
            if (page.get("items").isEmpty()) {
                break;
            }
            page.get("items").forEach(t -> listed.add(t.get("id").asText()));
        }
        assertThat(listed).doesNotHaveDuplicates().hasSize((int) total);
        return listed;
    }

    @Test
    void theVicePrincipalApprovesThePrincipalsLessonPlansInOneBatchAndSignsKyThay() throws Exception {
        String first = atPrincipal("Ký thay: Bài 4 – Phương trình bậc nhất");
        String second = atPrincipal("Ký thay: Bài 5 – Bất phương trình");
        String task1 = api.taskOf("ht.mai", first);
        String task2 = api.taskOf("ht.mai", second);

        // No delegation: not his.
        assertThat(inbox("pht.an")).doesNotContain(task1, task2);
        assertThat(api.complete("pht.an", task1, "APPROVE", null, null).status()).isEqualTo(404);

        // A delegation for reports only opens no lesson plan.
        String reportsOnly = delegate("pht.an", "REPORTS");
        assertThat(inbox("pht.an")).doesNotContain(task1, task2);
        assertThat(api.complete("pht.an", task1, "APPROVE", null, null).status()).isEqualTo(404);
        assertThat(api.send("DELETE", "ht.mai", "/api/delegations/" + reportsOnly, null, Map.of()).status())
                .isEqualTo(204);

        // For lesson plans: both are in his inbox (and still in hers), with what he needs to decide.
        delegate("pht.an", "LESSON_PLANS");
        assertThat(inbox("pht.an")).contains(task1, task2);
        assertThat(api.taskOf("ht.mai", first)).isEqualTo(task1);
        assertThat(api.get("pht.an", "/api/lesson-plans/" + first).json().get("status").asText())
                .isEqualTo("PRINCIPAL_APPROVAL");

        // One batch, one code.
        Api.Response batch = api.postJson("pht.an", "/api/tasks/approve-batch", Map.of("taskIds", List.of(task1, task2)));
        assertThat(batch.status()).as(batch.text()).isEqualTo(202);
        assertThat(batch.json().get("approved").asInt()).isEqualTo(2);
        assertThat(batch.json().get("signTransaction").get("displayText").asText())
                .isEqualTo("Ký duyệt 2 kế hoạch bài dạy");
        api.confirm("pht.an", batch.json().get("signTransaction").get("transactionId").asText());

        for (String id : List.of(first, second)) {
            JsonNode done = api.get("gv.lan", "/api/lesson-plans/" + id).json();
            assertThat(done.get("status").asText()).isEqualTo("APPROVED");
            assertThat(done.get("signatureNote").asText()).startsWith("Đã ký số bởi Trịnh Văn An").contains(KT);
            // The history: who approved and signed, and that it was for the principal (ký thay).
            List<String> steps = new ArrayList<>();
            done.get("history").forEach(h -> steps.add(h.get("step").asText() + ":" + h.get("actor").asText() + ":"
                    + (h.get("authority").isNull() ? "-" : h.get("authority").asText())));
            assertThat(steps).containsSubsequence("headReview:tt.hung:-", "principalApproval:pht.an:" + KT,
                    "principalSign:pht.an:" + KT);

            // The signed PDF: his signature, valid, in the principal's name as Decree 30 writes it.
            String documentId = done.get("documentId").asText();
            byte[] pdf = api.get("gv.lan", "/api/documents/" + documentId + "/content").bytes();
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                List<PDSignature> signatures = doc.getSignatureDictionaries().stream()
                        .filter(s -> "ETSI.CAdES.detached".equals(s.getSubFilter())).toList();
                PDSignature his = signatures.get(signatures.size() - 1);
                assertThat(his.getName()).isEqualTo("Trịnh Văn An");
                assertThat(his.getReason()).isEqualTo("Hiệu trưởng phê duyệt – " + KT);
                String shown = appearanceText(widgetOf(doc, his));
                assertThat(shown).startsWith("KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\nKý bởi: Trịnh Văn An\n")
                        .contains("Đơn vị: Trường THCS Hòa Bình");
            }
            JsonNode verification = api.get("gv.lan", "/api/documents/" + documentId + "/verification").json();
            assertThat(verification.get("verdict").asText()).as(verification.get("summary").asText())
                    .isEqualTo("VALID");
            List<String> signers = new ArrayList<>();
            verification.get("signatures").forEach(s -> {
                if ("SIGNATURE".equals(s.get("kind").asText())) {
                    signers.add(s.get("signer").asText());
                }
            });
            assertThat(signers).containsExactly("Nguyễn Thị Lan", "Trịnh Văn An");
        }
        // Gone from both inboxes.
        assertThat(inbox("ht.mai")).doesNotContain(task1, task2);
        assertThat(inbox("pht.an")).doesNotContain(task1, task2);
    }

    /** A vice-principal who also teaches: the principal's approval of his own plan stays closed to him. */
    @Test
    void aDelegateStillNeverApprovesHisOwnPlan() {
        String me = people.person("pht.day" + UUID.randomUUID().toString().substring(0, 6), "Lương Văn Dạy")
                .title("Phó hiệu trưởng").organisation("THCSHB").subject("THCSHB-KHTN", "Toán")
                .roles("VICE_PRINCIPAL", "TEACHER").password("demo").insert();
        added.add(me);
        assertThat(api.postJson("admin", "/api/admin/credentials", Map.of("username", me)).status()).isEqualTo(201);
        String secret = api.postJson(me, "/api/credentials/me/totp", Map.of()).json().get("secret").asText();

        JsonNode submitted = api.submitLessonPlanUnconfirmed(me, "Ký thay: kế hoạch của chính phó hiệu trưởng");
        String id = submitted.get("id").asText();
        Api.Response confirmed = api.postJson(me, "/api/sign-transactions/"
                + submitted.get("signTransaction").get("transactionId").asText() + "/confirm",
                Map.of("otp", TestOtp.nextCode(secret)));
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
        api.runJobs();
        assertThat(api.complete("tt.hung", api.taskOf("tt.hung", id), "APPROVE", null, "PAPER").status())
                .isEqualTo(204);
        String task = api.taskOf("ht.mai", id);
        assertThat(task).isNotNull();

        delegate(me, "ALL");
        assertThat(inbox(me)).doesNotContain(task);
        Api.Response own = api.complete(me, task, "APPROVE", null, null);
        assertThat(own.status()).as(own.text()).isEqualTo(403);
        assertThat(own.json().get("code").asText()).isEqualTo("SELF_APPROVAL_FORBIDDEN");
        Api.Response inBatch = api.postJson(me, "/api/tasks/approve-batch", Map.of("taskIds", List.of(task)));
        assertThat(inBatch.json().get("code").asText()).isEqualTo("SELF_APPROVAL_FORBIDDEN");
        // The principal herself still can.
        assertThat(api.taskOf("ht.mai", id)).isEqualTo(task);
        assertThat(api.get("ht.mai", "/api/lesson-plans/" + id).json().get("status").asText())
                .isEqualTo("PRINCIPAL_APPROVAL");
    }

    static PDAnnotationWidget widgetOf(PDDocument doc, PDSignature signature) {
        for (PDField f : doc.getDocumentCatalog().getAcroForm().getFieldTree()) {
            if (f instanceof PDSignatureField s && s.getSignature() != null
                    && s.getSignature().getCOSObject().equals(signature.getCOSObject())) {
                return s.getWidgets().get(0);
            }
        }
        throw new AssertionError("no field for the signature of " + signature.getName());
    }

    /** The appearance's text as a reader extracts it: drawn alone on a page, then stripped. */
    static String appearanceText(PDAnnotationWidget widget) throws Exception {
        PDFormXObject form = new PDFormXObject(widget.getAppearance().getNormalAppearance().getAppearanceStream()
                .getCOSObject());
        try (PDDocument tmp = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(widget.getRectangle().getWidth(),
                    widget.getRectangle().getHeight()));
            tmp.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(tmp, page)) {
                cs.drawForm(form);
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(tmp).replace("\r\n", "\n");
        }
    }
}
