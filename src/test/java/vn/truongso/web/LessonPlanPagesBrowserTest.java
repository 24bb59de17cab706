package vn.truongso.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.truongso.remotesign.TestOtp;
import vn.truongso.school.LoginThrottle;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;
import vn.truongso.verification.PdfVerifier;
import vn.truongso.verification.VerificationReport;

/**
 * The lesson-plan story through the pages in headless Chromium, as the demo users: the teacher uploads, submits and
 * confirms her code; the head approves and signs; the principal approves several plans at once with one code; the
 * teacher downloads the approved PDF, which carries three valid signatures. Also: return and revise, the login page,
 * and that the pages refuse what the API refuses. Every page is screenshot at 375 px and 1280 px and checked by axe.
 */
@IntegrationTest
class LessonPlanPagesBrowserTest extends BrowserTest {

    @Autowired
    PdfVerifier verifier;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;

    @Test
    void fromUploadToThreeSignaturesWithABatchOfTheprincipal() throws Exception {
        // The teacher lands on her lesson plans and submits two, confirming her signature with her code each time.
        browser.signIn("gv.lan");
        assertThat(browser.path()).isEqualTo("/lesson-plans");
        browser.record("teacher-lesson-plans");
        String first = submitThroughThePage("Trình duyệt: Bài 5 – Phương trình bậc nhất", true);
        String second = submitThroughThePage("Trình duyệt: Bài 6 – Bất phương trình", false);

        browser.open("/lesson-plans/" + first);
        assertThat(browser.attribute("#plan-status", "data-status")).isEqualTo("HEAD_REVIEW");
        assertThat(browser.pageText()).contains("Lịch sử xử lý").contains("Nguyễn Thị Lan");
        browser.record("teacher-lesson-plan");

        // The head sees both in the inbox, oldest first, opens the first: preview, history; approves and signs.
        browser.signIn("tt.hung");
        assertThat(browser.path()).isEqualTo("/inbox");
        List<String> order = browser.all(".task-item").stream().map(e -> e.getAttribute("data-plan")).toList();
        assertThat(order).contains(first, second);
        assertThat(order.indexOf(first)).isLessThan(order.indexOf(second));
        browser.record("head-inbox");
        for (String plan : List.of(first, second)) {
            browser.click(".task-item[data-plan='" + plan + "'] a");
            assertThat(browser.path()).startsWith("/inbox/");
            assertThat(previewRendered()).isTrue();
            if (plan.equals(first)) {
                browser.record("head-task");
            }
            browser.click("#decision-APPROVE");
            confirmWithCode("head-signing");
            browser.open("/inbox");
        }

        // The principal narrows her inbox to one teacher, then to another: the filter finds hers and only hers.
        browser.signIn("ht.mai");
        assertThat(browser.path()).isEqualTo("/inbox");
        filterInbox("submitter", "tt.hung");
        assertThat(browser.all(".task-item").stream().map(e -> e.getAttribute("data-plan")).toList())
                .doesNotContain(first, second);
        filterInbox("submitter", "gv.lan");
        assertThat(browser.path()).isEqualTo("/inbox");
        assertThat(browser.all(".task-item").stream().map(e -> e.getAttribute("data-plan")).toList())
                .contains(first, second);
        assertThat(browser.pageText()).doesNotContain("Lê Văn Hùng ·");
        browser.record("principal-inbox");

        // She ticks both and approves them together, then one code signs both.
        browser.click(".task-item[data-plan='" + first + "'] input[type=checkbox]");
        browser.click(".task-item[data-plan='" + second + "'] input[type=checkbox]");
        browser.click("#approve-selected");
        assertThat(browser.path()).startsWith("/signing/");
        assertThat(browser.pageText()).contains("Ký duyệt 2").contains("Đang chờ xác nhận ký");
        assertThat(browser.text(".countdown")).matches("\\d+ phút \\d{2} giây");
        // the page asks every 5 s whether the code came from another device: the time left stays counted down
        assertThat(browser.textAfterNextSwap(".countdown")).matches("\\d+ phút \\d{2} giây");
        browser.record("principal-batch-signing");
        browser.type("#otp", TestOtp.nextCode(TestOtp.DEMO_SECRET));
        browser.click("#confirm");
        assertThat(browser.attribute("#tx-status", "data-status")).isEqualTo("SIGNED");
        assertThat(browser.pageText()).contains("Đã ký số 2 văn bản");
        browser.record("principal-signed");
        api.runJobs(); // the job executor's part: the signature values go into the PDFs

        // The teacher downloads the approved plan: three valid signatures (author, head, principal).
        browser.signIn("gv.lan");
        for (String plan : List.of(first, second)) {
            browser.open("/lesson-plans/" + plan);
            assertThat(browser.attribute("#plan-status", "data-status")).isEqualTo("APPROVED");
            String href = browser.attribute("#download", "href");
            HttpResponse<byte[]> pdf = browser.fetch(java.net.URI.create(href).getPath());
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
            VerificationReport report = verifier.verify(pdf.body());
            assertThat(report.verdict()).as(report.summary()).isEqualTo(VerificationReport.Verdict.VALID);
            List<VerificationReport.SignatureReport> signatures = report.signatures().stream()
                    .filter(s -> s.kind() == VerificationReport.Kind.SIGNATURE).toList();
            assertThat(signatures).hasSize(3).allMatch(s -> s.status() == VerificationReport.Status.VALID);
        }
        browser.record("teacher-approved-plan");
    }

    @Test
    void aReturnedPlanIsRevisedAndResubmitted() throws Exception {
        browser.signIn("gv.lan");
        String plan = submitThroughThePage("Trình duyệt: Bài 7 – Hệ phương trình", false);

        browser.signIn("tt.hung");
        browser.click(".task-item[data-plan='" + plan + "'] a");
        String taskPath = browser.path();
        // Returning needs a comment: the service's Vietnamese message at the top, the task still there.
        browser.click("#decision-RETURN");
        assertThat(browser.path()).isEqualTo(taskPath);
        assertThat(browser.attribute("#problem", "data-code")).isEqualTo("COMMENT_REQUIRED");
        assertThat(browser.text("#problem")).startsWith("Vui lòng ghi ý kiến");
        browser.record("head-task-comment-required");
        browser.type("#comment", "Bổ sung phần luyện tập cuối bài");
        browser.click("#decision-RETURN");
        assertThat(browser.path()).isEqualTo("/inbox");

        browser.signIn("gv.lan");
        browser.open("/lesson-plans/" + plan);
        assertThat(browser.attribute("#plan-status", "data-status")).isEqualTo("RETURNED");
        assertThat(browser.text("#return-comment")).isEqualTo("Bổ sung phần luyện tập cuối bài");
        browser.record("teacher-returned-plan");
        // Resubmitting without a new version: refused by the process, with its message.
        browser.click("#revise-title ~ form button[type=submit]");
        assertThat(browser.attribute("#problem", "data-code")).isEqualTo("REVISION_MISSING");
        browser.find("#revision-file").sendKeys(pdf("Bản sửa: luyện tập").toString());
        // By keyboard: Enter in the note sends the form.
        browser.type("#revision-comment", "Đã thêm luyện tập");
        browser.pressEnter("#revision-comment");
        assertThat(browser.path()).startsWith("/signing/");
        // A wrong code: refused with the service's message, the transaction still waiting.
        browser.type("#otp", wrongCode());
        browser.click("#confirm");
        assertThat(browser.attribute("#problem", "data-code")).isEqualTo("OTP_INVALID");
        assertThat(browser.text("#problem")).isEqualTo("Mã OTP không đúng.");
        assertThat(browser.attribute("#tx-status", "data-status")).isEqualTo("PENDING");
        browser.record("teacher-signing-wrong-code");
        // Confirmed on another device (the API): the waiting page follows by itself (htmx), no reload.
        String transaction = browser.path().substring("/signing/".length());
        api.confirm("gv.lan", transaction);
        browser.waitForAttribute("#tx-status", "data-status", "SIGNED");
        assertThat(browser.pageText()).contains("Đã ký.");

        browser.open("/lesson-plans/" + plan);
        assertThat(browser.attribute("#plan-status", "data-status")).isEqualTo("HEAD_REVIEW");
        assertThat(browser.pageText()).contains("Phiên bản 2").contains("Nộp lại");
        JsonNode viaApi = api.get("gv.lan", "/api/lesson-plans/" + plan).json();
        assertThat(viaApi.get("status").asText()).isEqualTo("HEAD_REVIEW");
        assertThat(viaApi.get("versions").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void thePagesRefuseWhatTheApiRefuses() {
        // A plan waiting for the principal, and its task id.
        JsonNode plan = api.submitLessonPlan("gv.lan", "Trình duyệt: chờ hiệu trưởng");
        String planId = plan.get("id").asText();
        String headTask = api.taskOf("tt.hung", planId);
        assertThat(api.completeAndSign("tt.hung", headTask, "APPROVE", null, null).status()).isEqualTo(202);
        String principalTask = api.taskOf("ht.mai", planId);
        assertThat(principalTask).isNotNull();

        // A teacher opening the principal's task: refused (as GET /api/tasks does not list it for her).
        browser.signIn("gv.lan");
        browser.open("/inbox/" + principalTask);
        assertThat(browser.text("h1")).isEqualTo("Không tìm thấy trang");
        assertThat(browser.text("#error-message")).isEqualTo("Không tìm thấy công việc.");
        browser.record("refused-task");
        // ... and completing it by a forged form post with her own session and token: refused, nothing changes.
        browser.postFormWithMyToken("/inbox/" + principalTask + "/complete", "decision", "APPROVE");
        assertThat(browser.path()).isEqualTo("/inbox");
        assertThat(browser.attribute("#problem", "data-code")).isEqualTo("NOT_FOUND");
        assertThat(api.taskOf("ht.mai", planId)).isEqualTo(principalTask);

        // A teacher of another school: neither the plan nor its PDF.
        browser.signIn("gv.tuan");
        browser.open("/lesson-plans/" + planId);
        assertThat(browser.text("#error-message")).isEqualTo("Không tìm thấy kế hoạch bài dạy.");
        assertThat(browser.fetch("/files/" + plan.get("documentId").asText() + "/pdf").statusCode()).isEqualTo(404);
        assertThat(browser.fetch("/files/" + plan.get("documentId").asText() + "/pages/1.png").statusCode())
                .isEqualTo(404);

        // A parent has no lesson plans: the service's refusal as the Vietnamese 403 page.
        browser.signIn("ph.binh");
        assertThat(browser.path()).isEqualTo("/applications");
        browser.record("parent-home");
        browser.open("/lesson-plans");
        assertThat(browser.text("h1")).isEqualTo("Bạn không có quyền xem trang này");
        browser.record("forbidden");

        // A page that does not exist: the Vietnamese 404 page, no white-label page.
        browser.open("/lesson-plans/khong-phai-ma");
        assertThat(browser.text("h1")).isEqualTo("Không tìm thấy trang");
    }

    @Test
    void twoPeopleOnOneTaskTheSecondIsToldNotShownAnErrorPage() {
        JsonNode plan = api.submitLessonPlan("gv.lan", "Trình duyệt: hai người cùng duyệt");
        String planId = plan.get("id").asText();
        browser.signIn("tt.hung");
        browser.click(".task-item[data-plan='" + planId + "'] a");
        // Meanwhile the task is done elsewhere (the head's phone, through the API).
        String task = api.taskOf("tt.hung", planId);
        assertThat(api.complete("tt.hung", task, "APPROVE", null, "PAPER").status()).isEqualTo(204);
        browser.click("#decision-APPROVE");
        assertThat(browser.path()).isEqualTo("/inbox");
        assertThat(browser.attribute("#problem", "data-code")).isEqualTo("TASK_ALREADY_COMPLETED");
        assertThat(browser.text("#problem")).isEqualTo("Việc này đã được xử lý xong.");
        browser.record("head-inbox-task-gone");
    }

    @Test
    void signingInAndOutInVietnameseWithLockOut() {
        browser.driver().manage().deleteAllCookies();
        browser.open("/inbox");
        assertThat(browser.path()).isEqualTo("/login");
        assertThat(browser.text("h1")).isEqualTo("Đăng nhập");
        browser.record("login");
        try {
            browser.signIn("gv.khongco", "sai-mat-khau");
            assertThat(browser.text("#login-error")).startsWith("Tên đăng nhập hoặc mật khẩu không đúng.");
            browser.record("login-wrong-password");
            for (int i = 0; i < 5; i++) {
                browser.signIn("gv.khongco", "sai-mat-khau");
            }
            assertThat(browser.text("#login-error")).startsWith("Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần");
        } finally {
            throttle.forgetAll(); // the other tests sign in from this address too
        }

        // The administrator: a home with the Camunda apps, which take the same sign-in.
        browser.signIn("admin");
        assertThat(browser.path()).isEqualTo("/home");
        assertThat(browser.pageText()).contains("Các ứng dụng Camunda");
        browser.record("admin-home");
        browser.open("/camunda/app/cockpit/default/");
        assertThat(browser.path()).startsWith("/camunda/app/cockpit");
        browser.open("/home");
        browser.click("form[action$='/logout'] button");
        assertThat(browser.path()).isEqualTo("/login");
        assertThat(browser.pageText()).contains("Bạn đã đăng xuất.");
        browser.open("/home");
        assertThat(browser.path()).isEqualTo("/login");
    }

    @Test
    void aSignatureLeftUnconfirmedExpiresAndTheTeacherSignsAgain() throws IOException {
        browser.signIn("gv.lan");
        String title = "Trình duyệt: Bài 9 – Ký quá hạn " + UUID.randomUUID();
        browser.open("/lesson-plans");
        browser.find("#file").sendKeys(pdf(title).toString());
        browser.type("#lessonTitle", title);
        browser.type("#subject", "Toán");
        browser.type("#grade", "8");
        browser.type("#week", "15");
        browser.click("#submit-form button[type=submit]");
        assertThat(browser.path()).startsWith("/signing/");
        String signing = browser.path();
        browser.open("/lesson-plans");
        String plan = browser.all(".plan-item").stream().filter(e -> e.getText().contains(title)).findFirst()
                .orElseThrow().getAttribute("data-plan");

        // Nobody enters the code: the transaction's timer fires (as it would after its minutes).
        expireSignatureOf(api.get("gv.lan", "/api/lesson-plans/" + plan).json().get("processInstanceId").asText());
        browser.open(signing);
        assertThat(browser.attribute("#tx-status", "data-status")).isEqualTo("EXPIRED");
        assertThat(browser.pageText()).contains("Giao dịch ký đã hết hạn");
        assertThat(browser.all("#confirm")).isEmpty();
        browser.record("signing-expired");

        // Her plan says so and offers "Ký lại": a new transaction, her code, and the plan goes to the head.
        browser.open("/lesson-plans/" + plan);
        assertThat(browser.pageText()).contains("Chữ ký của bạn chưa được xác nhận");
        browser.record("teacher-resign");
        browser.click("form[action$='/resign'] button");
        assertThat(browser.path()).startsWith("/signing/").isNotEqualTo(signing);
        confirmWithCode(null);
        browser.open("/lesson-plans/" + plan);
        assertThat(browser.attribute("#plan-status", "data-status")).isEqualTo("HEAD_REVIEW");
        assertThat(browser.pageText()).doesNotContain("Chữ ký của bạn chưa được xác nhận");
    }

    // ---- steps ---------------------------------------------------------------------------------------------------

    /** Chooses one value of one of the inbox's filters and sends the filter form. */
    private void filterInbox(String select, String value) {
        new org.openqa.selenium.support.ui.Select(browser.find("#" + select)).selectByValue(value);
        browser.click("form[aria-label='Lọc công việc'] button[type=submit]");
    }

    /** Fires the timer of the plan's open remote-signature sub-process: its transaction expires unused. */
    private void expireSignatureOf(String processInstanceId) {
        String sub = runtime.createProcessInstanceQuery().superProcessInstanceId(processInstanceId).singleResult()
                .getId();
        management.executeJob(management.createJobQuery().processInstanceId(sub).timers().singleResult().getId());
    }

    /** Fills in and sends the submission form as the signed-in teacher, confirms her code; answers the plan's id. */
    private String submitThroughThePage(String title, boolean screenshot) throws IOException {
        browser.open("/lesson-plans");
        browser.find("#file").sendKeys(pdf(title).toString());
        browser.type("#lessonTitle", title);
        browser.type("#subject", "Toán");
        browser.type("#grade", "8");
        browser.type("#week", "14");
        browser.click("#submit-form button[type=submit]");
        assertThat(browser.path()).startsWith("/signing/");
        assertThat(browser.attribute("#tx-status", "data-status")).isEqualTo("PENDING");
        confirmWithCode(screenshot ? "teacher-signing" : null);
        browser.open("/lesson-plans");
        return browser.all(".plan-item").stream()
                .filter(e -> e.getText().contains(title)).findFirst().orElseThrow().getAttribute("data-plan");
    }

    /** On the signing page: the code from the demo authenticator, then the signatures put in as the job would. */
    private void confirmWithCode(String screenshot) {
        assertThat(browser.path()).startsWith("/signing/");
        assertThat(browser.pageText()).contains("Đang chờ xác nhận ký");
        if (screenshot != null) {
            browser.record(screenshot);
        }
        browser.type("#otp", TestOtp.nextCode(TestOtp.DEMO_SECRET));
        browser.click("#confirm");
        assertThat(browser.attribute("#tx-status", "data-status")).isEqualTo("SIGNED");
        api.runJobs();
    }

    /** A 6-digit code the demo authenticator gives for none of the steps the server accepts now. */
    private static String wrongCode() {
        java.util.Set<String> valid = new java.util.HashSet<>();
        for (int step = -3; step <= 3; step++) {
            valid.add(TestOtp.code(TestOtp.DEMO_SECRET, step));
        }
        for (int n = 0; ; n++) {
            String candidate = String.format("%06d", (123456 + n * 7919) % 1_000_000);
            if (!valid.contains(candidate)) {
                return candidate;
            }
        }
    }

    private boolean previewRendered() {
        browser.waitFor("img.page");
        return (Boolean) browser.driver().executeAsyncScript(
                "var img = document.querySelector('img.page'), done = arguments[arguments.length - 1];"
                        + "if (img.complete) { done(img.naturalWidth > 0); }"
                        + "else { img.onload = function () { done(img.naturalWidth > 0); };"
                        + " img.onerror = function () { done(false); }; }");
    }

    private static Path pdf(String title) throws IOException {
        Path file = Files.createTempFile("khbd", ".pdf");
        Files.write(file, TestPdfs.lessonPlan(title));
        file.toFile().deleteOnExit();
        return file;
    }
}
