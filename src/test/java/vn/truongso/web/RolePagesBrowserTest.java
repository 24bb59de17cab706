package vn.truongso.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.truongso.common.VietnamTime;
import vn.truongso.remotesign.TestOtp;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestDelegations;
import vn.truongso.support.TestPdfs;
import vn.truongso.support.TestUsers;
import vn.truongso.verification.VerificationReport;

/**
 * The clerk's, officer's, parent's, dashboard and credential pages in headless Chromium, as the demo users: the clerk
 * finds a submitted lesson plan by words typed without diacritics and sees where it is, numbers an outgoing document
 * and receives incoming ones (accepted with a number, returned with the verifier's reason); the officer opens a
 * campaign and accepts a school's report from the table; the parent's application with a bad personal ID shows the
 * Vietnamese error beside the field and stores nothing; a signer enrols the authenticator app with the QR code; the
 * dashboard draws its chart and hands out the CSV and the signed report. Refusals are the API's. Every page is
 * screenshot at 375 px and 1280 px and checked by axe.
 */
@IntegrationTest
class RolePagesBrowserTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    vn.truongso.verification.PdfVerifier verifier;
    @Autowired
    PasswordEncoder encoder;

    @Test
    void thePrincipalGivesHerApprovalsToHerVicePrincipalForAWeekAndEndsItEarly() {
        LocalDate today = LocalDate.now(VietnamTime.ZONE);
        java.time.format.DateTimeFormatter typed = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
        try {
            browser.signIn("ht.mai");
            browser.click("a.nav-link[href='/delegations']");
            assertThat(browser.path()).isEqualTo("/delegations");
            // Ending before it begins: the service's refusal, and what she typed is still there.
            new org.openqa.selenium.support.ui.Select(browser.find("#delegate")).selectByValue("pht.an");
            new org.openqa.selenium.support.ui.Select(browser.find("#scope")).selectByValue("LESSON_PLANS");
            browser.type("#validFrom", today.plusDays(4).format(typed));
            browser.type("#validTo", today.format(typed));
            browser.click("#give");
            assertThat(browser.attribute("#problem", "data-code")).isEqualTo("DELEGATION_PERIOD_INVALID");
            assertThat(browser.attribute("#validFrom", "value")).isEqualTo(today.plusDays(4).format(typed));
            assertThat(browser.all(".delegation-item[data-status=ACTIVE]")).isEmpty();

            browser.type("#validFrom", today.format(typed));
            browser.type("#validTo", today.plusDays(4).format(typed));
            browser.type("#note", "Hiệu trưởng đi tập huấn tại Sở");
            browser.click("#give");
            assertThat(browser.text(".messages .alert-success")).isEqualTo("Đã giao Trịnh Văn An ký thay: phê duyệt kế hoạch bài dạy, từ "
                    + today.format(typed) + " đến " + today.plusDays(4).format(typed) + ".");
            assertThat(browser.all(".delegation-item[data-status=ACTIVE]")).hasSize(1);
            assertThat(browser.text(".delegation-item[data-status=ACTIVE]")).contains("Trịnh Văn An")
                    .contains("phê duyệt kế hoạch bài dạy").contains("Đang có hiệu lực")
                    .contains("Hiệu trưởng đi tập huấn tại Sở");
            browser.record("principal-delegations");

            // He sees what he was given, and was told; he cannot end it, nor give one.
            browser.signIn("pht.an");
            browser.open("/delegations");
            assertThat(browser.text(".delegation-item[data-status=ACTIVE]")).contains("phê duyệt kế hoạch bài dạy");
            assertThat(browser.all("#delegation-form")).isEmpty();
            assertThat(browser.all(".delegation-item .revoke")).isEmpty();
            browser.record("vice-principal-delegations");
            browser.open("/notifications");
            assertThat(browser.pageText()).contains("Thầy/Cô được giao ký thay Hiệu trưởng (phê duyệt kế hoạch bài dạy)");

            // She ends it early: revoked, and nothing of hers is his any more.
            browser.signIn("ht.mai");
            browser.open("/delegations");
            browser.click(".delegation-item[data-status=ACTIVE] .revoke");
            assertThat(browser.text(".messages")).as(browser.path()).isEqualTo("Đã thu hồi việc giao ký thay.");
            assertThat(browser.all(".delegation-item[data-status=ACTIVE]")).isEmpty();
            assertThat(api.get("pht.an", "/api/delegations").json()).allSatisfy(d ->
                    assertThat(d.get("status").asText()).isNotEqualTo("ACTIVE"));
        } finally {
            TestDelegations.endAll(jdbc);
        }
    }

    @Test
    void theClerkFindsALessonPlanWithoutDiacriticsAndSeesWhereItIs() {
        String unique = Long.toString(ThreadLocalRandom.current().nextLong(100_000, 999_999));
        JsonNode plan = api.submitLessonPlan("gv.lan", "Phương trình đường thẳng " + unique);
        String documentId = plan.get("documentId").asText();

        browser.signIn("vt.hoa");
        assertThat(browser.path()).isEqualTo("/documents");
        browser.type("#q", "phuong trinh duong thang " + unique);
        browser.click("#search-form button[type=submit]");
        assertThat(browser.all(".document-item")).extracting(e -> e.getAttribute("data-document"))
                .containsExactly(documentId);
        String where = browser.text(".document-item .where");
        assertThat(where).startsWith("Đang ở:").contains(plan.get("currentStep").get("name").asText());
        browser.record("clerk-search");

        browser.click(".document-item a");
        assertThat(browser.path()).isEqualTo("/documents/" + documentId);
        assertThat(browser.attribute("#doc-status", "data-status")).isEqualTo("HEAD_REVIEW");
        assertThat(browser.text("#where")).contains("Bước hiện tại:");
        // A lesson plan is not an issued document: no outgoing number is offered... but the service decides.
        browser.record("clerk-document");

        browser.click("#verification-link");
        assertThat(browser.attribute("#verdict", "data-verdict")).isIn("VALID", "VALID_WITH_WARNINGS");
        assertThat(browser.all(".signature-item")).isNotEmpty();
        assertThat(browser.text(".signature-item .summary")).isNotBlank();
        assertThat(browser.text(".signature-item")).contains("Nguyễn Thị Lan");
        browser.record("clerk-verification");

        browser.open("/documents/" + documentId + "/audit");
        assertThat(browser.all(".audit-entry")).isNotEmpty();
        assertThat(browser.text("#audit-table")).contains("Tải lên văn bản").contains("Nguyễn Thị Lan");
        browser.record("clerk-audit");
    }

    @Test
    void theClerkNumbersAnOutgoingDocumentAndReceivesIncomingOnes() throws IOException {
        String decision = api.upload("vt.hoa", "Quyết định thành lập tổ tư vấn " + UUID.randomUUID(), "DECISION");
        browser.signIn("vt.hoa");
        browser.open("/documents/" + decision);
        new org.openqa.selenium.support.ui.Select(browser.find("#typeCode")).selectByValue("QĐ");
        browser.type("#signer", "Phạm Thị Mai");
        browser.type("#recipients", "Như Điều 3; Lưu VT.");
        browser.click("#issue-form button[type=submit]");
        assertThat(browser.text(".alert-success")).matches("Đã cấp số văn bản đi: Số: \\d{2,}/QĐ-THCSHB\\.");
        String symbol = browser.text("#doc-symbol");
        browser.open("/registers/outgoing");
        assertThat(browser.text("#outgoing-table")).contains(symbol);
        assertThat(browser.text("#register-year")).isEqualTo(String.valueOf(LocalDate.now(VietnamTime.ZONE).getYear()));
        browser.record("clerk-outgoing-register");

        // An unsigned letter is returned with the verifier's reason, and takes no arrival number.
        browser.open("/registers/incoming");
        receive(pdf(TestPdfs.lessonPlan("Công văn không ký")), "Công văn không có chữ ký số", "Công ty ABC");
        assertThat(browser.attribute("#received", "data-outcome")).isEqualTo("RETURNED");
        assertThat(browser.text("#received-reason")).isNotBlank();
        assertThat(browser.all("#arrival-number")).isEmpty();
        browser.record("clerk-incoming-returned");

        // A signed one (a teacher's plan with her signature) is accepted with the year's next arrival number.
        JsonNode plan = api.submitLessonPlan("gv.tuan", "Kế hoạch đã ký gửi sang " + UUID.randomUUID());
        byte[] signed = api.get("gv.tuan", "/api/documents/" + plan.get("documentId").asText() + "/content").bytes();
        receive(pdf(signed), "Kế hoạch bài dạy trường An Phú", "Trường THCS An Phú");
        assertThat(browser.attribute("#received", "data-outcome")).isEqualTo("ACCEPTED");
        String number = browser.text("#arrival-number");
        assertThat(number).matches("\\d{2,}");
        assertThat(browser.all("#incoming-table tr[data-status=ACCEPTED]")).extracting(e -> e.getText())
                .anyMatch(t -> t.startsWith(number + " ") && t.contains("Kế hoạch bài dạy trường An Phú"));
        browser.record("clerk-incoming-accepted");
    }

    @Test
    void theOfficerOpensACampaignAndAcceptsAReportFromTheTable() {
        browser.signIn("cv.nam");
        assertThat(browser.path()).isEqualTo("/campaigns");
        String title = "Báo cáo sơ kết trình duyệt " + UUID.randomUUID().toString().substring(0, 6);
        browser.type("#title", title);
        browser.type("#deadline", LocalDate.now(VietnamTime.ZONE).plusDays(10)
                .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        browser.click("#school-THCSHB");
        browser.click("#school-THCSAP");
        browser.record("officer-campaigns");
        browser.click("#campaign-form button[type=submit]");
        assertThat(browser.path()).startsWith("/campaigns/");
        String id = browser.path().substring("/campaigns/".length());
        assertThat(browser.all(".school-row")).extracting(e -> e.getAttribute("data-school"))
                .containsExactly("THCSAP", "THCSHB");
        assertThat(browser.all(".school-row")).allMatch(e -> "NOT_STARTED".equals(e.getAttribute("data-status")));

        // Both schools prepare and sign their reports (their own pages are the inbox's); then the officer decides.
        for (String[] school : new String[][] {{"vt.hoa", "ht.mai"}, {"vt.thu", "ht.son"}}) {
            String doc = api.upload(school[0], "Báo cáo sơ kết " + title, "REPORT");
            String prepare = schoolTask(school[0], id, "Chuẩn bị báo cáo");
            assertThat(api.postJson(school[0], "/api/tasks/" + prepare + "/complete",
                    Map.of("decision", "SUBMIT", "inputs", Map.of("documentId", doc))).status()).isEqualTo(204);
            assertThat(api.completeAndSign(school[1], schoolTask(school[1], id, "Ký báo cáo"), "APPROVE", null, null)
                    .status()).isEqualTo(202);
        }

        browser.open("/campaigns/" + id);
        String hoaBinh = ".school-row[data-school=THCSHB]";
        String anPhu = ".school-row[data-school=THCSAP]";
        assertThat(browser.attribute(hoaBinh, "data-status")).isEqualTo("SUBMITTED");
        assertThat(browser.text(hoaBinh)).contains("Tải báo cáo").doesNotContain("Nộp muộn");
        browser.record("officer-campaign-table");
        browser.click(hoaBinh + " .decision-form button[value=ACCEPT]");
        api.runJobs();
        browser.open("/campaigns/" + id);
        assertThat(browser.attribute(hoaBinh, "data-status")).isEqualTo("ACCEPTED");
        assertThat(browser.text(hoaBinh)).containsPattern("Số đến \\d{2,}");
        // Returning needs a comment (the task's rule, its message at the top); with one, back to the school.
        browser.click(anPhu + " .decision-form button[value=RETURN]");
        assertThat(browser.attribute("#problem", "data-code")).isEqualTo("COMMENT_REQUIRED");
        browser.type(anPhu + " textarea", "Thiếu số liệu học sinh khuyết tật");
        browser.click(anPhu + " .decision-form button[value=RETURN]");
        api.runJobs();
        browser.open("/campaigns/" + id);
        assertThat(browser.attribute(anPhu, "data-status")).isEqualTo("RETURNED");
        assertThat(browser.text(anPhu)).contains("Lý do trả lại: Thiếu số liệu học sinh khuyết tật");
        browser.record("officer-campaign-decided");

        // The school's clerk sees her school's row only; a teacher is refused the campaign.
        browser.signIn("vt.hoa");
        browser.open("/campaigns/" + id);
        assertThat(browser.all(".school-row")).extracting(e -> e.getAttribute("data-school")).containsExactly("THCSHB");
        assertThat(browser.all(".decision-form")).isEmpty();
        browser.signIn("gv.lan");
        browser.open("/campaigns/" + id);
        assertThat(browser.text("h1")).isEqualTo("Bạn không có quyền xem trang này");
    }

    @Test
    void theParentsApplicationWithABadPersonalIdShowsTheErrorAndStoresNothing() throws IOException {
        browser.signIn("ph.binh");
        assertThat(browser.path()).isEqualTo("/applications");
        browser.record("parent-applications");
        int applicationsBefore = api.get("ph.binh", "/api/enrolments").json().size();
        long papersBefore = papersOf("ph.binh");

        browser.click("#new-application");
        int year = LocalDate.now(VietnamTime.ZONE).getMonthValue() >= 8 ? LocalDate.now(VietnamTime.ZONE).getYear() + 1
                : LocalDate.now(VietnamTime.ZONE).getYear();
        int born = year - 11;
        // The 4th digit 3 is a girl born in the 2000s: not the boy declared.
        fillApplication("Đặng Minh Khôi", "15/03/" + born, "MALE",
                "001" + "3" + String.format("%02d", born % 100) + "123456");
        submitApplication();
        assertThat(browser.path()).isEqualTo("/applications");
        assertThat(browser.attribute("#problem", "data-code")).isEqualTo("PERSONAL_ID_INVALID");
        assertThat(browser.attribute("#personalId", "class")).contains("is-invalid");
        assertThat(browser.text("#personalId-error")).startsWith("Chữ số thứ 4 của số định danh cá nhân (3)");
        assertThat(browser.attribute("#childName", "value")).isEqualTo("Đặng Minh Khôi");
        assertThat(browser.attribute("#birthDate", "value")).isEqualTo("15/03/" + born);
        browser.record("parent-application-bad-id");
        // Nothing stored: no application, none of the two papers uploaded with the form.
        assertThat(api.get("ph.binh", "/api/enrolments").json().size()).isEqualTo(applicationsBefore);
        assertThat(papersOf("ph.binh")).isEqualTo(papersBefore);

        // Corrected: the application is made, its status and history shown.
        String good = "001" + "2" + String.format("%02d", born % 100)
                + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        fillApplication("Đặng Minh Khôi", "15/03/" + born, "MALE", good);
        submitApplication();
        assertThat(browser.path()).startsWith("/applications/");
        String id = browser.path().substring("/applications/".length());
        assertThat(browser.attribute("#application-status", "data-status")).isNotBlank();
        assertThat(browser.text("#application-history")).isNotBlank();
        assertThat(browser.pageText()).contains("Giấy khai sinh").contains("Giấy xác nhận thông tin cư trú");
        browser.record("parent-application");

        // The clerk asks for a new birth certificate (her task over the API); the parent sends it from the page.
        String check = null;
        for (JsonNode t : api.get("vt.hoa", "/api/tasks?size=200").json().get("items")) {
            if (id.equals(t.get("businessKey").asText())) {
                check = t.get("id").asText();
            }
        }
        assertThat(check).as("the clerk's check").isNotNull();
        assertThat(api.postJson("vt.hoa", "/api/tasks/" + check + "/complete", Map.of("decision", "REQUEST_MORE",
                "comment", "Giấy khai sinh bị mờ, xin gửi bản rõ hơn", "inputs", Map.of("deadline",
                        LocalDate.now(VietnamTime.ZONE).plusDays(5).toString(), "missingPapers",
                        java.util.List.of("BIRTH_CERTIFICATE")))).status()).isEqualTo(204);
        browser.signIn("ph.binh");
        browser.open("/applications/" + id);
        assertThat(browser.attribute("#application-status", "data-status")).isEqualTo("PAPERS_REQUESTED");
        assertThat(browser.text("#more-title ~ .comment")).isEqualTo("Giấy khai sinh bị mờ, xin gửi bản rõ hơn");
        assertThat(browser.all("#residence")).isEmpty(); // only what was asked for
        browser.record("parent-papers-requested");
        browser.find("#birthCertificate").sendKeys(pdf(TestPdfs.lessonPlan("Giấy khai sinh rõ")).toString());
        browser.click("#papers-form button[type=submit]");
        assertThat(browser.attribute("#application-status", "data-status")).isEqualTo("CHECKING");
        assertThat(browser.text(".alert-success")).startsWith("Đã bổ sung giấy tờ");
        assertThat(browser.all("#papers-title ~ ul li")).hasSize(3);

        // Another family's application is not shown to others: a teacher, the other school's clerk.
        browser.signIn("gv.lan");
        browser.open("/applications/" + id);
        assertThat(browser.text("#error-message")).isEqualTo("Không tìm thấy hồ sơ tuyển sinh.");
        browser.signIn("vt.thu");
        browser.open("/applications/" + id);
        assertThat(browser.text("#error-message")).isEqualTo("Không tìm thấy hồ sơ tuyển sinh.");
        assertThat(browser.fetch("/applications/" + id + "/decision").statusCode()).isEqualTo(404);
    }

    @Test
    void aSignerEnrolsTheAuthenticatorWithTheQrCode() {
        // A teacher of her own (the demo signers' codes are used by other tests), with a credential and no app yet.
        String username = new TestUsers(jdbc, encoder).person("gv.qr" + UUID.randomUUID().toString().substring(0, 6),
                "Lý Thị Quét").title("Giáo viên").organisation("THCSAP").roles("TEACHER").password("demo").insert();
        assertThat(api.postJson("admin", "/api/admin/credentials", Map.of("username", username)).status())
                .isEqualTo(201);

        browser.signIn(username);
        browser.open("/credential");
        assertThat(browser.attribute(".credential-item", "data-status")).isEqualTo("ACTIVE");
        assertThat(browser.text(".totp-state")).isEqualTo("Chưa đăng ký");
        browser.record("signer-credential");
        browser.click("#enrol");
        browser.waitFor("#qr");
        assertThat(qrDrawn()).isTrue();
        String secret = browser.text("#secret");
        assertThat(secret).matches("[A-Z2-7]{16,}");
        browser.record("signer-credential-qr");

        // Changing the app needs the current code: refused without it, accepted with the code of the new secret.
        browser.open("/credential");
        assertThat(browser.text(".totp-state")).startsWith("Đã đăng ký lúc");
        browser.click("#enrol");
        assertThat(browser.attribute("#problem", "data-code")).isEqualTo("TOTP_CURRENT_CODE_REQUIRED");
        browser.type("#otp", TestOtp.nextCode(secret));
        browser.click("#enrol");
        assertThat(browser.text("#secret")).isNotEqualTo(secret);
        // The QR code is the signer's own: a parent (no credential) gets none.
        browser.signIn("ph.binh");
        assertThat(browser.fetch("/credential/totp/qr.png").statusCode()).isEqualTo(409);
    }

    @Test
    void theDashboardDrawsTheFiguresAgainstTheTargetsWithCsvAndSignedReport() {
        api.submitLessonPlan("gv.lan", "Số liệu bảng điều khiển " + UUID.randomUUID());
        browser.signIn("ht.mai");
        browser.open("/paperless");
        assertThat(browser.text("#scope-name")).isEqualTo("Trường THCS Hòa Bình");
        browser.waitFor("#paperless-chart[data-drawn=true]");
        assertThat(browser.text("#overall-table")).contains("Tỷ lệ giảm giấy").contains("Chỉ tiêu");
        assertThat(browser.text("#process-table")).contains("Duyệt kế hoạch bài dạy");
        assertThat(browser.text("#rows-table")).contains("Nguyễn Thị Lan");
        browser.record("principal-paperless");
        HttpResponse<byte[]> csv = browser.fetch(java.net.URI.create(browser.attribute("#csv-link", "href"))
                .getRawPath() + "?" + java.net.URI.create(browser.attribute("#csv-link", "href")).getRawQuery());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith("\uFEFFLoại dòng,Mã,Tên")
                .contains("Tổng hợp,ALL").contains("Nguyễn Thị Lan");

        // The signed PDF report: made, signed with the principal's code, then one click from the dashboard.
        browser.click("#report-form button[type=submit]");
        assertThat(browser.path()).startsWith("/signing/");
        browser.type("#otp", TestOtp.nextCode(TestOtp.DEMO_SECRET));
        browser.click("#confirm");
        assertThat(browser.attribute("#tx-status", "data-status")).isEqualTo("SIGNED");
        api.runJobs();
        browser.open("/paperless");
        String href = browser.attribute(".report-link", "href");
        HttpResponse<byte[]> pdf = browser.fetch(java.net.URI.create(href).getPath());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

        // The officer sees the office's schools; a teacher is refused, as by the API.
        browser.signIn("cv.nam");
        browser.open("/paperless");
        assertThat(browser.text("#rows-table")).contains("Trường THCS Hòa Bình").contains("Trường THCS An Phú");
        browser.record("officer-paperless");
        browser.signIn("gv.lan");
        browser.open("/paperless");
        assertThat(browser.text("h1")).isEqualTo("Bạn không có quyền xem trang này");
    }

    @Test
    void theClerksPagesRefuseWhatTheApiRefuses() {
        // A teacher on the clerk's register page: refused by the register's rule.
        browser.signIn("gv.lan");
        browser.open("/registers/outgoing");
        assertThat(browser.text("h1")).isEqualTo("Bạn không có quyền xem trang này");
        browser.record("teacher-refused-register");
        // Another school's document: not found for the clerk of THCSAP, nor its verification or audit trail.
        String title = "Công văn nội bộ " + UUID.randomUUID();
        String doc = api.upload("vt.hoa", title, "LETTER");
        browser.signIn("vt.thu");
        for (String path : new String[] {"/documents/" + doc, "/documents/" + doc + "/verification",
                "/documents/" + doc + "/audit"}) {
            browser.open(path);
            assertThat(browser.text("h1")).as(path).isEqualTo("Không tìm thấy trang");
        }
        browser.record("clerk-refused-document");
        // ... nor can she number it by a crafted post with her own session and token: nothing is issued.
        browser.open("/documents");
        browser.postFormWithMyToken("/documents/" + doc + "/number", "typeCode", "QĐ");
        assertThat(browser.text("h1")).isEqualTo("Không tìm thấy trang");
        JsonNode found = api.get("vt.hoa", "/api/documents?q=" + java.net.URLEncoder.encode(title,
                StandardCharsets.UTF_8)).json().get("items");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("registerSymbol").isNull()).isTrue();
    }

    @Test
    void theParentDownloadsTheSignedAdmissionDecisionFromHerApplication() {
        // A round of its own (a year no other test takes), the application, the clerk's check and the principal's
        // signed list go through the API; the parent's part is the page.
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(VietnamTime.ZONE);
        int year = vn.truongso.support.EnrolmentYears.free("THCSHB");
        Api.Response created = api.postJson("admin", "/api/enrolment-rounds", new java.util.LinkedHashMap<>(Map.of(
                "schoolCode", "THCSHB", "enrolmentYear", year, "grade", 6, "seats", 5,
                "opensAt", now.minusHours(1).toString(), "closesAt", now.plusDays(10).toString(),
                "schoolLat", 21.0245, "schoolLon", 105.8412, "catchmentWards", java.util.List.of("Hòa Bình"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String round = created.json().get("id").asText();
        int born = year - 11; // eleven that year, born in the 2000s: the ID's 4th digit 2 is a boy
        String personalId = "0012" + String.format("%02d", born % 100)
                + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        Map<String, Object> application = new java.util.LinkedHashMap<>();
        application.put("child", Map.of("fullName", "Đặng Minh Quân", "birthDate", born + "-05-20",
                "personalId", personalId, "gender", "MALE"));
        application.put("parent", Map.of("fullName", "Đặng Văn Bình", "phone", "0912 345 678"));
        application.put("address", Map.of("text", "12 Tô Hiệu", "ward", "Hòa Bình", "lat", 21.0270, "lon", 105.8412));
        application.put("schoolCode", "THCSHB");
        application.put("grade", 6);
        application.put("enrolmentYear", year);
        application.put("priorityGroups", java.util.List.of());
        application.put("papers", java.util.List.of(
                Map.of("documentId", api.upload("ph.binh", "Giấy khai sinh Quân", "APPLICATION_PAPER"),
                        "kind", "BIRTH_CERTIFICATE"),
                Map.of("documentId", api.upload("ph.binh", "Xác nhận cư trú Quân", "APPLICATION_PAPER"),
                        "kind", "RESIDENCE_CONFIRMATION")));
        Api.Response applied = api.postJson("ph.binh", "/api/enrolments", application);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        String id = applied.json().get("id").asText();
        assertThat(api.complete("vt.hoa", taskOf("vt.hoa", id), "ACCEPT", null, null).status()).isEqualTo(204);
        assertThat(api.postJson("ht.mai", "/api/enrolment-rounds/" + round + "/close", null).status()).isEqualTo(200);
        Api.Response signed = api.complete("ht.mai", taskOf("ht.mai", round), "APPROVE", null, null);
        assertThat(signed.status()).as(signed.toString()).isEqualTo(202);
        api.confirm("ht.mai", signed.json().get("transactionId").asText());

        browser.signIn("ph.binh");
        browser.open("/applications");
        browser.click("a[href$='/applications/" + id + "']");
        assertThat(browser.attribute("#application-status", "data-status")).isEqualTo("ADMITTED");
        assertThat(browser.text("#decision-link"))
                .matches("Tải quyết định trúng tuyển đã ký \\(Số: \\d+/QĐ-THCSHB\\)");
        browser.record("parent-admitted");
        HttpResponse<byte[]> pdf = browser.fetch(java.net.URI.create(browser.find("#decision-link")
                .getAttribute("href")).getPath());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        VerificationReport report = verifier.verify(pdf.body());
        assertThat(report.verdict()).as(report.summary()).isEqualTo(VerificationReport.Verdict.VALID);
        assertThat(report.signatures().stream().filter(x -> x.kind() == VerificationReport.Kind.SIGNATURE))
                .hasSize(1).allMatch(x -> x.status() == VerificationReport.Status.VALID);
        // Only the family's: the other school's clerk gets nothing.
        browser.signIn("vt.thu");
        assertThat(browser.fetch("/applications/" + id + "/decision").statusCode()).isEqualTo(404);
    }

    /** The open task of a process with this business key in {@code user}'s inbox. */
    private String taskOf(String user, String businessKey) {
        for (JsonNode t : api.get(user, "/api/tasks?size=200").json().get("items")) {
            if (businessKey.equals(t.get("businessKey").asText())) {
                return t.get("id").asText();
            }
        }
        throw new AssertionError("no task of " + businessKey + " for " + user);
    }

    @Test
    void onAPhoneTheMenuFoldsAndNoPageScrollsSideways() {
        try {
            for (String user : new String[] {"ht.mai", "vt.hoa", "cv.nam"}) {
                browser.signIn(user);
                browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(375, 800));
                java.util.List<String> pages = browser.all("#main-menu a.nav-link").stream()
                        .map(a -> java.net.URI.create(a.getDomProperty("href")).getPath()).toList();
                assertThat(pages).isNotEmpty();
                for (String page : pages) {
                    browser.open(page);
                    assertThat(browser.find("#main-menu").isDisplayed()).as(user + " " + page).isFalse();
                    Number overflow = (Number) browser.driver().executeScript(
                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
                                    + " + Math.max(0, ...Array.from(document.querySelectorAll('.table-responsive'),"
                                    + " t => t.scrollWidth - t.clientWidth))");
                    assertThat(overflow.intValue()).as(user + " " + page + ": pixels to scroll sideways").isZero();
                }
                browser.click(".menu-toggle");
                assertThat(browser.find("#main-menu").isDisplayed()).isTrue();
                assertThat(browser.attribute(".menu-toggle", "aria-expanded")).isEqualTo("true");
                assertThat(browser.find("#main-menu a.nav-link").isDisplayed()).isTrue();
                browser.record("phone-menu-open-" + user);
                browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
            }
        } finally {
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    void aMistypedAddressShowsTheVietnamesePageWithTheMenuNotJson() {
        browser.signIn("vt.hoa");
        for (String path : new String[] {"/inbox/a/b", "/documents/x/y/z", "/khong-co-trang-nay"}) {
            browser.open(path);
            assertThat(browser.text("h1")).as(path).isEqualTo("Không tìm thấy trang");
            assertThat(browser.pageText()).as(path).contains("Đăng xuất").doesNotContain("\"status\"");
        }
        browser.record("page-not-found");
        // Scripts keep the API's answers: problem+json, and no session sign-in outside the pages.
        Api.Response script = api.get("vt.hoa", "/api/khong-co");
        assertThat(script.status()).isEqualTo(404);
        assertThat(script.contentType()).startsWith("application/problem+json");
        assertThat(api.get(null, "/khong-co-trang-nay").status()).isEqualTo(401);
    }

    // ---- steps ---------------------------------------------------------------------------------------------------

    private void receive(Path file, String title, String sender) {
        browser.open("/registers/incoming");
        browser.find("#file").sendKeys(file.toString());
        browser.type("#title", title);
        browser.type("#senderName", sender);
        browser.click("#receive-form button[type=submit]");
        browser.waitFor("#received");
    }

    private void fillApplication(String child, String birthDate, String gender, String personalId) throws IOException {
        browser.open("/applications/new");
        browser.type("#childName", child);
        browser.type("#birthDate", birthDate);
        new org.openqa.selenium.support.ui.Select(browser.find("#gender")).selectByValue(gender);
        browser.type("#personalId", personalId);
        browser.type("#parentName", "Đặng Văn Bình");
        browser.type("#phone", "0912345678");
        browser.type("#address", "Số 5, ngõ 12, đường Hòa Bình");
        browser.type("#ward", "Phường Hòa Bình");
        browser.type("#lat", "21,0250");
        browser.type("#lon", "105,8420");
        new org.openqa.selenium.support.ui.Select(browser.find("#schoolCode")).selectByValue("THCSHB");
        new org.openqa.selenium.support.ui.Select(browser.find("#grade")).selectByValue("6");
        browser.find("#birthCertificate").sendKeys(pdf(TestPdfs.lessonPlan("Giấy khai sinh")).toString());
        browser.find("#residence").sendKeys(pdf(TestPdfs.lessonPlan("Xác nhận cư trú")).toString());
    }

    /** The form's own button, pressed from the keyboard (the long form's end can sit under the window's edge). */
    private void submitApplication() {
        browser.pressEnter("#submit-application");
    }

    private long papersOf(String username) {
        Long n = jdbc.queryForObject("select count(*) from document where owner_username = ?", Long.class, username);
        return n == null ? 0 : n;
    }

    /** The school's open task of this campaign called {@code name}, from {@code user}'s inbox. */
    private String schoolTask(String user, String campaignId, String name) {
        for (JsonNode t : api.get(user, "/api/tasks?process=schoolReport&size=200").json().get("items")) {
            if (campaignId.equals(t.get("businessKey").asText()) && name.equals(t.get("name").asText())) {
                return t.get("id").asText();
            }
        }
        throw new AssertionError("no task " + name + " for " + user);
    }

    private boolean qrDrawn() {
        return (Boolean) browser.driver().executeAsyncScript(
                "var img = document.querySelector('#qr'), done = arguments[arguments.length - 1];"
                        + "if (img.complete) { done(img.naturalWidth > 0); }"
                        + "else { img.onload = function () { done(img.naturalWidth > 0); };"
                        + " img.onerror = function () { done(false); }; }");
    }

    private static Path pdf(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("van-ban", ".pdf");
        Files.write(file, bytes);
        file.toFile().deleteOnExit();
        return file;
    }
}
