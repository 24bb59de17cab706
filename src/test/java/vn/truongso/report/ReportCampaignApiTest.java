package vn.truongso.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import vn.truongso.common.VietnamTime;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;
import vn.truongso.support.TestUsers;

/**
 * Report campaigns over HTTP as the demo users: the office's officer asks both demo schools, each school's clerk
 * prepares, its principal signs with the one-time code, the report is numbered and sent, and the officer receives it
 * (incoming register, signatures verified) or returns it; reminders, the deadline, counts and who may see what.
 */
@IntegrationTest
@RecordApplicationEvents
class ReportCampaignApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEvents events;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    static String inDays(int days) {
        return LocalDate.now(VietnamTime.ZONE).plusDays(days).toString();
    }

    JsonNode open(String title, List<String> schools) {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("title", title);
        req.put("period", "SEMI_ANNUAL");
        req.put("deadline", inDays(10));
        if (schools != null) {
            req.put("schoolCodes", schools);
        }
        Api.Response r = api.postJson("cv.nam", "/api/report-campaigns", req);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    JsonNode campaign(String user, String id) {
        Api.Response r = api.get(user, "/api/report-campaigns/" + id);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    static JsonNode row(JsonNode campaign, String school) {
        for (JsonNode r : campaign.get("rows")) {
            if (school.equals(r.get("schoolCode").asText())) {
                return r;
            }
        }
        throw new AssertionError("no row for " + school + " in " + campaign);
    }

    /** The open task of this campaign named {@code name} in {@code user}'s inbox. */
    String task(String user, String campaignId, String name) {
        for (JsonNode t : api.get(user, "/api/tasks?process=schoolReport&size=200").json().get("items")) {
            if (campaignId.equals(t.get("businessKey").asText()) && name.equals(t.get("name").asText())) {
                return t.get("id").asText();
            }
        }
        return null;
    }

    Api.Response completeWith(String user, String taskId, String decision, Map<String, Object> inputs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        body.put("inputs", inputs);
        return api.postJson(user, "/api/tasks/" + taskId + "/complete", body);
    }

    String uploadReport(String clerk, String title) {
        return api.upload(clerk, title, "REPORT");
    }

    /** The clerk uploads and hands over the report; answers its document id. */
    String prepare(String clerk, String campaignId) {
        String doc = uploadReport(clerk, "Báo cáo sơ kết " + clerk);
        String task = task(clerk, campaignId, "Chuẩn bị báo cáo");
        assertThat(task).as("clerk's task").isNotNull();
        Api.Response r = completeWith(clerk, task, "SUBMIT", Map.of("documentId", doc));
        assertThat(r.status()).as(r.text()).isEqualTo(204);
        return doc;
    }

    /** The principal approves and confirms with the code; the report is then numbered and sent. */
    void sign(String principal, String campaignId) {
        String task = task(principal, campaignId, "Ký báo cáo");
        assertThat(task).as("principal's task").isNotNull();
        Api.Response r = api.completeAndSign(principal, task, "APPROVE", null, null);
        assertThat(r.status()).as(r.text()).isEqualTo(202);
    }

    /** The officer's "Tiếp nhận báo cáo" of this school as the inbox lists it. */
    JsonNode officersTask(String campaignId, String school) {
        String receive = row(campaign("cv.nam", campaignId), school).get("receiveTaskId").asText();
        for (JsonNode t : api.get("cv.nam", "/api/tasks?size=200").json().get("items")) {
            if (t.get("id").asText().equals(receive)) {
                return t;
            }
        }
        throw new AssertionError("the officer's task " + receive + " is not in the inbox");
    }

    Api.Response officer(String campaignId, String school, String decision, String comment) {
        String task = row(campaign("cv.nam", campaignId), school).get("receiveTaskId").asText();
        Api.Response r = api.complete("cv.nam", task, decision, comment, null);
        api.runJobs();
        return r;
    }

    @Test
    void theOfficeReceivesASignedReportWithItsNumbers() throws Exception {
        JsonNode opened = open("Báo cáo sơ kết học kỳ I", null);
        String id = opened.get("id").asText();
        assertThat(opened.get("rows")).extracting(r -> r.get("schoolCode").asText()).containsExactly("THCSAP", "THCSHB");
        assertThat(opened.get("rows")).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("NOT_STARTED"));
        assertThat(opened.get("deadlineAt").asText()).isEqualTo(inDays(11) + "T00:00:00+07:00");
        assertThat(opened.get("counts").get("missing").asInt()).isEqualTo(2);

        String doc = prepare("vt.hoa", id);
        assertThat(row(campaign("vt.hoa", id), "THCSHB").get("status").asText()).isEqualTo("AWAITING_SIGNATURE");
        sign("ht.mai", id);

        JsonNode sent = row(campaign("cv.nam", id), "THCSHB");
        assertThat(sent.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(sent.get("outgoingNumber").asText()).matches("\\d{2,}/BC-THCSHB");
        assertThat(sent.get("late").asBoolean()).isFalse();
        assertThat(sent.get("electronic").asBoolean()).isTrue();
        assertThat(sent.get("submittedAt").asText()).endsWith("+07:00");
        assertThat(sent.get("signedDocumentId").asText()).isEqualTo(doc);
        assertThat(events.stream(SchoolReportSubmitted.class)
                .filter(e -> e.campaignId().toString().equals(id))).singleElement()
                .satisfies(e -> {
                    assertThat(e.schoolCode()).isEqualTo("THCSHB");
                    assertThat(e.electronic()).isTrue();
                    assertThat(e.late()).isFalse();
                });

        // Before deciding, the officer sees in the inbox whose report it is and opens it.
        JsonNode inboxTask = officersTask(id, "THCSHB");
        assertThat(inboxTask.get("title").asText()).isEqualTo("Báo cáo sơ kết học kỳ I – Trường THCS Hòa Bình");
        assertThat(inboxTask.get("requester").asText()).isEqualTo("Trường THCS Hòa Bình");
        assertThat(inboxTask.get("documentId").asText()).isEqualTo(doc);
        assertThat(api.get("cv.nam", "/api/documents/" + doc + "/content").status()).isEqualTo(200);

        assertThat(officer(id, "THCSHB", "ACCEPT", null).status()).isEqualTo(204);
        JsonNode c = campaign("cv.nam", id);
        JsonNode accepted = row(c, "THCSHB");
        assertThat(accepted.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.get("arrivalNumber").asText()).matches("\\d{2,}");
        assertThat(c.get("counts").get("byStatus").get("ACCEPTED").asInt()).isEqualTo(1);
        assertThat(c.get("counts").get("byStatus").get("NOT_STARTED").asInt()).isEqualTo(1);
        assertThat(c.get("counts").get("missing").asInt()).isEqualTo(1);
        assertThat(c.get("counts").get("late").asInt()).isZero();

        // The officer opens the signed report the office received.
        Api.Response pdf = api.get("cv.nam", "/api/documents/" + doc + "/content");
        assertThat(pdf.status()).as(pdf.text()).isEqualTo(200);
        try (PDDocument d = Loader.loadPDF(pdf.bytes())) {
            assertThat(d.getSignatureDictionaries()).isNotEmpty();
        }
        // In the office's incoming register with that arrival number, verified.
        JsonNode incoming = api.get("cv.nam", "/api/registers/incoming?q=" + accepted.get("arrivalNumber").asText()).json();
        assertThat(incoming.toString()).contains(doc);
        // The school's clerk sees the acceptance too.
        assertThat(row(campaign("vt.hoa", id), "THCSHB").get("status").asText()).isEqualTo("ACCEPTED");
        // The school's own process is over.
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("schoolReport").processInstanceBusinessKey(id)
                .list()).extracting(p -> p.getTenantId()).containsExactly("THCSAP");
    }

    @Test
    void aReturnedReportIsRevisedSignedAgainAndAccepted() {
        String id = open("Báo cáo trả lại", List.of("THCSHB")).get("id").asText();
        String doc = prepare("vt.hoa", id);
        sign("ht.mai", id);
        String number = row(campaign("cv.nam", id), "THCSHB").get("outgoingNumber").asText();

        // A return needs a comment.
        assertThat(officer(id, "THCSHB", "RETURN", null).status()).isEqualTo(400);
        assertThat(officer(id, "THCSHB", "RETURN", "Thiếu số liệu học sinh khuyết tật").status()).isEqualTo(204);
        JsonNode returned = row(campaign("vt.hoa", id), "THCSHB");
        assertThat(returned.get("status").asText()).isEqualTo("RETURNED");
        assertThat(returned.get("returnComment").asText()).isEqualTo("Thiếu số liệu học sinh khuyết tật");

        // Handing it over again without a new version is refused; another document is refused.
        String task = task("vt.hoa", id, "Chuẩn bị báo cáo");
        assertThat(task).isNotNull();
        Api.Response same = completeWith("vt.hoa", task, "SUBMIT", Map.of());
        assertThat(same.status()).as(same.text()).isEqualTo(409);
        assertThat(same.json().get("code").asText()).isEqualTo("REVISION_MISSING");
        String other = uploadReport("vt.hoa", "Văn bản khác");
        assertThat(completeWith("vt.hoa", task, "SUBMIT", Map.of("documentId", other)).status()).isEqualTo(400);

        Api.Response v = api.postMultipart("vt.hoa", "/api/documents/" + doc + "/versions",
                Api.Part.file("bc-sua.pdf", "application/pdf", TestPdfs.lessonPlan("Báo cáo đã bổ sung")),
                Api.Part.field("note", "Bổ sung số liệu"));
        assertThat(v.status()).as(v.text()).isIn(200, 201);
        assertThat(completeWith("vt.hoa", task, "SUBMIT", Map.of("documentId", doc)).status()).isEqualTo(204);
        sign("ht.mai", id);

        JsonNode resent = row(campaign("cv.nam", id), "THCSHB");
        assertThat(resent.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(resent.get("submissions").asInt()).isEqualTo(2);
        assertThat(resent.get("outgoingNumber").asText()).isEqualTo(number);
        // The resent report's task, too, says whose it is and opens the revision.
        JsonNode inboxTask = officersTask(id, "THCSHB");
        assertThat(inboxTask.get("title").asText()).isEqualTo("Báo cáo trả lại – Trường THCS Hòa Bình");
        assertThat(inboxTask.get("requester").asText()).isEqualTo("Trường THCS Hòa Bình");
        assertThat(inboxTask.get("documentId").asText()).isEqualTo(doc);
        assertThat(api.get("cv.nam", "/api/documents/" + doc + "/content").status()).isEqualTo(200);

        assertThat(officer(id, "THCSHB", "ACCEPT", null).status()).isEqualTo(204);
        JsonNode c = campaign("cv.nam", id);
        assertThat(row(c, "THCSHB").get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(c.get("closedAt").isNull()).isFalse();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
    }

    Job timer(String campaignId, String activity) {
        String pid = runtime.createProcessInstanceQuery().processDefinitionKey("reportCampaign")
                .processInstanceBusinessKey(campaignId).singleResult().getId();
        return management.createJobQuery().processInstanceId(pid).activityId(activity).timers().singleResult();
    }

    long notifications(String user, String kind, String campaignId) {
        long n = 0;
        for (JsonNode item : api.get(user, "/api/notifications?size=200").json().get("items")) {
            if (kind.equals(item.get("kind").asText()) && item.get("link").asText().endsWith(campaignId)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void remindersBeforeTheDeadlineAndLateAfterIt() {
        String id = open("Báo cáo có hạn", null).get("id").asText();
        Job reminder = timer(id, "reminderDue");
        assertThat(reminder.getDuedate().toInstant())
                .isEqualTo(LocalDate.now(VietnamTime.ZONE).plusDays(11 - 3).atStartOfDay(VietnamTime.ZONE).toInstant());
        prepare("vt.hoa", id);
        sign("ht.mai", id);

        management.executeJob(reminder.getId());
        assertThat(notifications("vt.thu", "REPORT_REMINDER", id)).isEqualTo(1);
        assertThat(notifications("ht.son", "REPORT_REMINDER", id)).isEqualTo(1);
        assertThat(notifications("vt.hoa", "REPORT_REMINDER", id)).isZero();

        management.executeJob(timer(id, "deadlinePassed").getId());
        JsonNode c = campaign("cv.nam", id);
        assertThat(c.get("deadlinePassed").asBoolean()).isTrue();
        assertThat(row(c, "THCSAP").get("late").asBoolean()).isTrue();
        assertThat(row(c, "THCSAP").get("missed").asBoolean()).isTrue();
        assertThat(row(c, "THCSHB").get("late").asBoolean()).isFalse();
        assertThat(c.get("counts").get("late").asInt()).isEqualTo(1);
        assertThat(notifications("vt.thu", "REPORT_LATE", id)).isEqualTo(1);
        assertThat(events.stream(SchoolReportMissed.class).filter(e -> e.campaignId().toString().equals(id)))
                .singleElement().satisfies(e -> assertThat(e.schoolCode()).isEqualTo("THCSAP"));

        // A late report is still taken, and flagged.
        prepare("vt.thu", id);
        sign("ht.son", id);
        JsonNode lateRow = row(campaign("ht.son", id), "THCSAP");
        assertThat(lateRow.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(lateRow.get("late").asBoolean()).isTrue();
        assertThat(events.stream(SchoolReportSubmitted.class)
                .filter(e -> e.campaignId().toString().equals(id) && e.schoolCode().equals("THCSAP")))
                .singleElement().satisfies(e -> assertThat(e.late()).isTrue());
        assertThat(officer(id, "THCSAP", "ACCEPT", null).status()).isEqualTo(204);
        assertThat(row(campaign("cv.nam", id), "THCSAP").get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void thePrincipalSignsManyReportsWithOneCode() {
        String a = open("Báo cáo lô A", List.of("THCSHB")).get("id").asText();
        String b = open("Báo cáo lô B", List.of("THCSHB")).get("id").asText();
        prepare("vt.hoa", a);
        prepare("vt.hoa", b);
        Api.Response r = api.postJson("ht.mai", "/api/tasks/approve-batch",
                Map.of("taskIds", List.of(task("ht.mai", a, "Ký báo cáo"), task("ht.mai", b, "Ký báo cáo"))));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        api.confirm("ht.mai", r.json().get("signTransaction").get("transactionId").asText());
        assertThat(row(campaign("cv.nam", a), "THCSHB").get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(row(campaign("cv.nam", b), "THCSHB").get("status").asText()).isEqualTo("SUBMITTED");
    }

    @Test
    void eachSeesOnlyWhatIsTheirs() {
        String both = open("Báo cáo hai trường", null).get("id").asText();
        String onlyHb = open("Báo cáo riêng Hòa Bình", List.of("THCSHB")).get("id").asText();

        // The school's staff: their own row only; a campaign without their school does not exist for them.
        assertThat(campaign("vt.thu", both).get("rows")).extracting(r -> r.get("schoolCode").asText())
                .containsExactly("THCSAP");
        assertThat(campaign("ht.son", both).get("counts").get("total").asInt()).isEqualTo(1);
        assertThat(api.get("vt.thu", "/api/report-campaigns/" + onlyHb).status()).isEqualTo(404);
        assertThat(api.get("vt.thu", "/api/report-campaigns").json()).extracting(c -> c.get("id").asText())
                .contains(both).doesNotContain(onlyHb);
        assertThat(api.get("cv.nam", "/api/report-campaigns").json()).extracting(c -> c.get("id").asText())
                .contains(both, onlyHb);
        // Teachers, heads and parents have no business here.
        for (String user : new String[] {"gv.lan", "tt.hung", "ph.binh"}) {
            assertThat(api.get(user, "/api/report-campaigns/" + both).status()).as(user).isEqualTo(403);
            assertThat(api.get(user, "/api/report-campaigns").status()).as(user).isEqualTo(403);
        }
        assertThat(api.get(null, "/api/report-campaigns").status()).isEqualTo(401);
        // An officer of another office: not found.
        String office = "VHXH-T" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String officer = "cv.t" + UUID.randomUUID().toString().substring(0, 6);
        jdbc.update("insert into organisation (code, name, kind, parent_code) values (?, ?, 'COMMUNE_OFFICE', 'SGD-DEMO')",
                office, "Phòng thử nghiệm");
        new TestUsers(jdbc).person(officer, "Cán bộ thử").title("Chuyên viên").organisation(office).roles("OFFICER")
                .passwordOf("cv.nam").insert();
        assertThat(api.get(officer, "/api/report-campaigns/" + both).status()).isEqualTo(404);
        assertThat(api.get(officer, "/api/report-campaigns").json()).isEmpty();
        // ...nor ask the demo office's schools.
        Api.Response foreign = api.postJson(officer, "/api/report-campaigns",
                Map.of("title", "X", "period", "AD_HOC", "deadline", inDays(3), "schoolCodes", List.of("THCSHB")));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("code").asText()).isEqualTo("SCHOOL_NOT_UNDER_OFFICE");
        // The clerk of another school cannot act on this school's task.
        String hbTask = task("vt.hoa", both, "Chuẩn bị báo cáo");
        assertThat(completeWith("vt.thu", hbTask, "SUBMIT", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void theSchoolsAskedMayOpenTheOfficesTemplate() {
        String template = api.upload("cv.nam", "Mẫu báo cáo sơ kết", "OTHER");
        assertThat(api.get("vt.hoa", "/api/documents/" + template + "/content").status()).isEqualTo(404);
        Api.Response r = api.postJson("cv.nam", "/api/report-campaigns", Map.of("title", "Báo cáo theo mẫu",
                "period", "AD_HOC", "deadline", inDays(2), "schoolCodes", List.of("THCSHB"),
                "templateDocumentId", template));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("templateDocumentId").asText()).isEqualTo(template);
        assertThat(api.get("vt.hoa", "/api/documents/" + template + "/content").status()).isEqualTo(200);
        assertThat(api.get("ht.mai", "/api/documents/" + template + "/content").status()).isEqualTo(200);
        assertThat(api.get("vt.thu", "/api/documents/" + template + "/content").status()).isEqualTo(404);
    }

    @Test
    void badInputChangesNothing() {
        long campaigns = jdbc.queryForObject("select count(*) from report_campaign", Long.class);
        long processes = runtime.createProcessInstanceQuery().processDefinitionKey("reportCampaign").count();
        String someonesDoc = uploadReport("vt.hoa", "Không phải của phòng");
        Object[][] cases = {
                {"cv.nam", Map.of("period", "ANNUAL", "deadline", inDays(5)), 400, "TITLE_REQUIRED"},
                {"cv.nam", Map.of("title", " ", "period", "ANNUAL", "deadline", inDays(5)), 400, "TITLE_REQUIRED"},
                {"cv.nam", Map.of("title", "A", "period", "WEEKLY", "deadline", inDays(5)), 400, "PERIOD_INVALID"},
                {"cv.nam", Map.of("title", "A", "period", "ANNUAL", "deadline", inDays(-1)), 400, "DEADLINE_PASSED"},
                {"cv.nam", Map.of("title", "A", "period", "ANNUAL", "deadline", "06/12/2026"), 400, "DEADLINE_INVALID"},
                {"cv.nam", Map.of("title", "A", "period", "ANNUAL"), 400, "DEADLINE_REQUIRED"},
                {"cv.nam", Map.of("title", "A", "period", "ANNUAL", "deadline", inDays(5),
                        "schoolCodes", List.of("THCSHB", "KHONGCO")), 404, "SCHOOL_NOT_FOUND"},
                {"cv.nam", Map.of("title", "A", "period", "ANNUAL", "deadline", inDays(5),
                        "schoolCodes", List.of("SGD-DEMO")), 400, "SCHOOL_NOT_UNDER_OFFICE"},
                {"cv.nam", Map.of("title", "A", "period", "ANNUAL", "deadline", inDays(5),
                        "templateDocumentId", someonesDoc), 404, "NOT_FOUND"},
                {"vt.hoa", Map.of("title", "A", "period", "ANNUAL", "deadline", inDays(5)), 403, null},
                {"ht.mai", Map.of("title", "A", "period", "ANNUAL", "deadline", inDays(5)), 403, null},
                {"ph.binh", Map.of("title", "A", "period", "ANNUAL", "deadline", inDays(5)), 403, null},
        };
        for (Object[] c : cases) {
            Api.Response r = api.postJson((String) c[0], "/api/report-campaigns", c[1]);
            assertThat(r.status()).as(c[1] + " → " + r.text()).isEqualTo(c[2]);
            assertThat(r.contentType()).startsWith("application/problem+json");
            if (c[3] != null && !"NOT_FOUND".equals(c[3])) {
                assertThat(r.json().get("code").asText()).isEqualTo(c[3]);
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from report_campaign", Long.class)).isEqualTo(campaigns);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("reportCampaign").count()).isEqualTo(processes);

        // The clerk's task refuses what is not the school's report PDF, and stays open.
        String id = open("Báo cáo kiểm tra đầu vào", List.of("THCSHB")).get("id").asText();
        String task = task("vt.hoa", id, "Chuẩn bị báo cáo");
        String lessonPlan = api.uploadLessonPlan("gv.lan", "Không phải báo cáo");
        String otherSchools = uploadReport("vt.thu", "Báo cáo của trường khác");
        String notAReport = api.upload("vt.hoa", "Công văn", "LETTER");
        assertThat(completeWith("vt.hoa", task, "SUBMIT", Map.of()).json().get("code").asText())
                .isEqualTo("REPORT_DOCUMENT_REQUIRED");
        assertThat(completeWith("vt.hoa", task, "SUBMIT", Map.of("documentId", "abc")).status()).isEqualTo(400);
        // A teacher's lesson plan the clerk may read is still not a report.
        assertThat(completeWith("vt.hoa", task, "SUBMIT", Map.of("documentId", lessonPlan)).json().get("code").asText())
                .isEqualTo("DOCUMENT_KIND_MISMATCH");
        assertThat(completeWith("vt.hoa", task, "SUBMIT", Map.of("documentId", otherSchools)).status()).isEqualTo(404);
        assertThat(completeWith("vt.hoa", task, "SUBMIT", Map.of("documentId", notAReport)).json().get("code").asText())
                .isEqualTo("DOCUMENT_KIND_MISMATCH");
        assertThat(completeWith("vt.hoa", task, "SUBMIT", Map.of("documentId", someonesDoc, "pages", 3)).status())
                .isEqualTo(400);
        assertThat(task("vt.hoa", id, "Chuẩn bị báo cáo")).isEqualTo(task);
        assertThat(row(campaign("vt.hoa", id), "THCSHB").get("documentId").isNull()).isTrue();
    }
}
