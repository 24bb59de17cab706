package vn.truongso.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.common.VietnamTime;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestUsers;

/** Online enrolment over HTTP as the demo users: a parent, the clerk, the principal. */
@IntegrationTest
class EnrolmentApiTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, engine.getManagementService());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    Map<String, Object> roundBody(String school, int year, int seats, OffsetDateTime opens, OffsetDateTime closes) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("schoolCode", school);
        b.put("enrolmentYear", year);
        b.put("grade", 6);
        b.put("seats", seats);
        b.put("opensAt", opens.toString());
        b.put("closesAt", closes.toString());
        b.put("schoolLat", EnrolmentFixtures.SCHOOL_LAT);
        b.put("schoolLon", EnrolmentFixtures.SCHOOL_LON);
        b.put("catchmentWards", List.of("Hòa Bình", "Tân Lập"));
        return b;
    }

    JsonNode openRound(String by, String school, int year, int seats) {
        OffsetDateTime now = VietnamTime.of(clock.instant());
        Api.Response r = api.postJson(by, "/api/enrolment-rounds", roundBody(school, year, seats, now.minusHours(1),
                now.plusDays(20)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    String paper(String user, String title) {
        return api.upload(user, title, "APPLICATION_PAPER");
    }

    Map<String, Object> application(String owner, String school, int year, String childName, String personalId,
                                    double km) {
        Map<String, Object> child = new LinkedHashMap<>();
        child.put("fullName", childName);
        child.put("birthDate", LocalDate.of(year - 11, 3, 14).toString());
        child.put("personalId", personalId);
        child.put("gender", "MALE");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("child", child);
        body.put("parent", new LinkedHashMap<>(Map.of("fullName", "Đặng Văn Bình", "phone", "0912 345 678",
                "email", "binh@example.com")));
        body.put("address", new LinkedHashMap<>(Map.of("text", "12 Tô Hiệu", "ward", "Hòa Bình",
                "lat", EnrolmentFixtures.SCHOOL_LAT + km / 111.2, "lon", EnrolmentFixtures.SCHOOL_LON)));
        body.put("schoolCode", school);
        body.put("grade", 6);
        body.put("enrolmentYear", year);
        body.put("priorityGroups", List.of());
        List<Map<String, Object>> papers = new ArrayList<>();
        papers.add(Map.of("documentId", paper(owner, "Giấy khai sinh " + childName), "kind", "BIRTH_CERTIFICATE"));
        papers.add(Map.of("documentId", paper(owner, "Xác nhận cư trú " + childName), "kind", "RESIDENCE_CONFIRMATION"));
        body.put("papers", papers);
        return body;
    }

    static String id(int year) {
        return EnrolmentFixtures.personalId(year - 11, Gender.MALE);
    }

    JsonNode apply(String user, Map<String, Object> body) {
        Api.Response r = api.postJson(user, "/api/enrolments", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    /** The open task of this application (business key) or round in {@code user}'s inbox. */
    JsonNode task(String user, String businessKey) {
        for (JsonNode t : api.get(user, "/api/tasks?size=200").json().get("items")) {
            if (businessKey.equals(t.get("businessKey").asText())) {
                return t;
            }
        }
        return null;
    }

    Api.Response complete(String user, String taskId, String decision, String comment, Map<String, Object> inputs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        body.put("comment", comment);
        body.put("inputs", inputs);
        return api.postJson(user, "/api/tasks/" + taskId + "/complete", body);
    }

    /** PUT as {@code user} (the shared test client has no PUT). */
    Api.Response put(String user, String path, Object body) {
        try {
            java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                    (user + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .header("Content-Type", "application/json")
                            .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(body)))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return new Api.Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long rows(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    long applicationProcesses() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(EnrolmentService.PROCESS_KEY).count();
    }

    String anotherParent() {
        return new TestUsers(jdbc).person("ph.khac." + UUID.randomUUID().toString().substring(0, 6), "Lý Thị Khác")
                .title("Phụ huynh").roles("PARENT").passwordOf("ph.binh").insert();
    }

    // ---- the whole way, as the demo users ---------------------------------------------------------------------

    @Test
    void parentAppliesClerkChecksPrincipalApprovesTheListWithOneCode() throws Exception {
        int year = EnrolmentFixtures.nextYear("THCSHB");
        JsonNode round = openRound("ht.mai", "THCSHB", year, 2);
        String roundId = round.get("id").asText();
        assertThat(round.get("open").asBoolean()).isTrue();
        assertThat(api.get("ph.binh", "/api/enrolment-rounds").json().findValuesAsText("id")).contains(roundId);

        // ph.binh applies for three children of the family's street (two seats).
        JsonNode near = apply("ph.binh", application("ph.binh", "THCSHB", year, "Đặng Minh Khôi", id(year), 0.4));
        JsonNode middle = apply("ph.binh", application("ph.binh", "THCSHB", year, "Đặng Minh Long", id(year), 1.2));
        JsonNode far = apply("ph.binh", application("ph.binh", "THCSHB", year, "Đặng Minh Nam", id(year), 3.5));
        assertThat(near.get("status").asText()).isEqualTo("CHECKING");
        assertThat(near.get("channel").asText()).isEqualTo("ONLINE");
        assertThat(near.get("eligibility").get("eligible").asBoolean()).isTrue();
        assertThat(near.get("eligibility").get("reason").asText()).isNotBlank();
        assertThat(near.get("eligibility").get("priorityPoints").asInt()).isPositive();
        assertThat(near.get("appliedAt").asText()).endsWith("+07:00");
        assertThat(near.get("steps").get(0).get("actor").asText()).isEqualTo("ph.binh");
        // The clerk reads the family's papers (read grant to the school).
        String birthCertificate = near.get("papers").get(0).get("documentId").asText();
        assertThat(api.get("vt.hoa", "/api/documents/" + birthCertificate).status()).isEqualTo(200);

        // vt.hoa asks for a clearer birth certificate for the first one.
        String nearId = near.get("id").asText();
        JsonNode t = task("vt.hoa", nearId);
        assertThat(t.get("name").asText()).isEqualTo("Kiểm tra hồ sơ tuyển sinh");
        String deadline = LocalDate.now(clock.withZone(VietnamTime.ZONE)).plusDays(7).toString();
        Api.Response noInputs = complete("vt.hoa", t.get("id").asText(), "REQUEST_MORE", "Giấy khai sinh bị mờ", Map.of());
        assertThat(noInputs.status()).isEqualTo(400);
        assertThat(noInputs.json().get("detail").asText()).contains("hạn bổ sung");
        Api.Response more = complete("vt.hoa", t.get("id").asText(), "REQUEST_MORE", "Giấy khai sinh bị mờ",
                Map.of("deadline", deadline, "missingPapers", List.of("BIRTH_CERTIFICATE")));
        assertThat(more.status()).as(more.toString()).isEqualTo(204);
        JsonNode asked = api.get("ph.binh", "/api/enrolments/" + nearId).json();
        assertThat(asked.get("status").asText()).isEqualTo("PAPERS_REQUESTED");
        assertThat(asked.get("requestedPapers").get("kinds").get(0).asText()).isEqualTo("BIRTH_CERTIFICATE");
        assertThat(asked.get("requestedPapers").get("deadline").asText()).isEqualTo(deadline);
        assertThat(asked.get("requestedPapers").get("comment").asText()).isEqualTo("Giấy khai sinh bị mờ");
        assertThat(api.get("ph.binh", "/api/notifications").text()).contains("cần bổ sung");

        Api.Response added = api.postJson("ph.binh", "/api/enrolments/" + nearId + "/papers", Map.of("papers",
                List.of(Map.of("documentId", paper("ph.binh", "Giấy khai sinh bản rõ"), "kind", "BIRTH_CERTIFICATE"))));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json().get("status").asText()).isEqualTo("CHECKING");
        assertThat(added.json().get("papers")).hasSize(3);

        for (JsonNode app : List.of(near, middle, far)) {
            JsonNode task = task("vt.hoa", app.get("id").asText());
            assertThat(complete("vt.hoa", task.get("id").asText(), "ACCEPT", null, null).status()).isEqualTo(204);
        }
        assertThat(api.get("ph.binh", "/api/enrolments/" + nearId).json().get("status").asText()).isEqualTo("ACCEPTED");

        // The principal closes the window early: one task with the ranked list.
        Api.Response closed = api.postJson("ht.mai", "/api/enrolment-rounds/" + roundId + "/close", null);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().get("status").asText()).isEqualTo("CLOSED");
        List<JsonNode> roundTasks = new ArrayList<>();
        api.get("ht.mai", "/api/tasks?size=200").json().get("items").forEach(x -> {
            if (roundId.equals(x.get("businessKey").asText())) {
                roundTasks.add(x);
            }
        });
        assertThat(roundTasks).hasSize(1);
        assertThat(roundTasks.get(0).get("name").asText()).isEqualTo("Duyệt danh sách trúng tuyển");
        assertThat(roundTasks.get(0).get("title").asText()).contains("2/2 chỉ tiêu");
        JsonNode ranking = api.get("ht.mai", "/api/enrolment-rounds/" + roundId + "/ranking").json();
        assertThat(ranking.get("rows").findValuesAsText("childName"))
                .containsExactly("Đặng Minh Khôi", "Đặng Minh Long", "Đặng Minh Nam");
        assertThat(ranking.get("rows").get(2).get("withinSeats").asBoolean()).isFalse();
        // Applying after the window closed is refused.
        Api.Response late = api.postJson("ph.binh", "/api/enrolments",
                application("ph.binh", "THCSHB", year, "Đặng Minh Muộn", id(year), 0.2));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("detail").asText()).contains("hết hạn nộp hồ sơ");

        // APPROVE: two decisions, one sign transaction, one code.
        // The principal's comment is on the whole list: no family reads it (it may name other children).
        String listComment = "Đã rà soát: em Đặng Minh Nam ở ngoài chỉ tiêu";
        Api.Response approved = complete("ht.mai", roundTasks.get(0).get("id").asText(), "APPROVE", listComment,
                null);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(202);
        assertThat(approved.json().get("documents").asInt()).isEqualTo(2);
        assertThat(approved.json().get("displayText").asText()).contains("2");
        api.confirm("ht.mai", approved.json().get("transactionId").asText());

        for (JsonNode app : List.of(near, middle)) {
            JsonNode seen = api.get("ph.binh", "/api/enrolments/" + app.get("id").asText()).json();
            assertThat(seen.get("status").asText()).isEqualTo("ADMITTED");
            JsonNode decision = seen.get("decision");
            assertThat(decision.get("signed").asBoolean()).isTrue();
            assertThat(decision.get("number").asText()).matches("Số: \\d+/QĐ-THCSHB");
            assertThat(decision.get("link").asText()).isEqualTo("/api/enrolments/" + app.get("id").asText() + "/decision");
            assertThat(seen.get("steps").findValuesAsText("name")).contains("Kiểm tra hồ sơ tuyển sinh",
                    "Duyệt danh sách trúng tuyển", "Hiệu trưởng ký quyết định trúng tuyển");
            String doc = decision.get("documentId").asText();
            JsonNode verification = api.get("ht.mai", "/api/documents/" + doc + "/verification").json();
            assertThat(verification.get("verdict").asText()).as(verification.toString()).isEqualTo("VALID");
            long signatures = 0;
            for (JsonNode sig : verification.get("signatures")) {
                if ("SIGNATURE".equals(sig.get("kind").asText())) {
                    signatures++;
                }
            }
            assertThat(signatures).isEqualTo(1);
            Api.Response pdf = api.get("ph.binh", decision.get("link").asText());
            assertThat(pdf.status()).isEqualTo(200);
            assertThat(pdf.contentType()).startsWith("application/pdf");
            assertThat(new String(pdf.bytes(), 0, 5)).isEqualTo("%PDF-");
            try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(pdf.bytes())) {
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(d);
                assertThat(text).contains(seen.get("child").get("fullName").asText())
                        .contains(decision.get("number").asText().replace("Số: ", "")).contains("HIỆU TRƯỞNG")
                        .contains("Phạm Thị Mai");
            }
            // The parent's read grant: the document itself, too.
            assertThat(api.get("ph.binh", "/api/documents/" + doc).status()).isEqualTo(200);
        }
        for (JsonNode app : List.of(near, middle, far)) {
            Api.Response seen = api.get("ph.binh", "/api/enrolments/" + app.get("id").asText());
            assertThat(seen.text()).doesNotContain(listComment);
        }
        JsonNode notAdmitted = api.get("ph.binh", "/api/enrolments/" + far.get("id").asText()).json();
        assertThat(notAdmitted.get("status").asText()).isEqualTo("NOT_ADMITTED");
        assertThat(notAdmitted.get("decision").isNull()).isTrue();
        assertThat(api.get("ph.binh", "/api/enrolments/" + far.get("id").asText() + "/decision").status()).isEqualTo(404);
        assertThat(api.get("ph.binh", "/api/notifications").text()).contains("không trúng tuyển");
        assertThat(api.get("ph.binh", "/api/enrolment-rounds/" + roundId).json().get("status").asText())
                .isEqualTo("DECIDED");
    }

    @Test
    void theDemoRoundsAreOpenForGradeSix() {
        JsonNode rounds = api.get("ph.binh", "/api/enrolment-rounds").json();
        for (String school : List.of("THCSHB", "THCSAP")) {
            JsonNode demo = null;
            for (JsonNode r : rounds) {
                if (school.equals(r.get("schoolCode").asText()) && r.get("seats").asInt() >= 90
                        && r.get("catchmentWards").size() > 0 && r.get("open").asBoolean()
                        && r.get("processInstanceId").asText().length() > 0
                        && OffsetDateTime.parse(r.get("closesAt").asText()).isAfter(VietnamTime.of(clock.instant()).plusDays(25))) {
                    demo = r;
                }
            }
            assertThat(demo).as(school + " in " + rounds).isNotNull();
            assertThat(demo.get("grade").asInt()).isEqualTo(6);
            assertThat(demo.get("opensAt").asText()).endsWith("+07:00");
            assertThat(demo.get("schoolName").asText()).startsWith("Trường THCS");
        }
    }

    @Test
    void clerkEntersAPaperApplication() {
        int year = EnrolmentFixtures.nextYear("THCSHB");
        openRound("admin", "THCSHB", year, 5);
        JsonNode app = apply("vt.hoa", application("vt.hoa", "THCSHB", year, "Trần Văn Giấy", id(year), 0.8));
        assertThat(app.get("channel").asText()).isEqualTo("PAPER");
        assertThat(app.get("enteredBy").asText()).isEqualTo("vt.hoa");
        assertThat(app.get("steps").get(0).get("channel").asText()).isEqualTo("PAPER");
        // Another school's clerk cannot enter one for this school.
        Api.Response other = api.postJson("vt.thu", "/api/enrolments",
                application("vt.thu", "THCSHB", year, "Trần Văn Khác", id(year), 0.8));
        assertThat(other.status()).isEqualTo(403);
        assertThat(api.get("ht.mai", "/api/enrolments").json().findValuesAsText("id")).contains(app.get("id").asText());
    }

    // ---- who sees what ----------------------------------------------------------------------------------------

    @Test
    void accessRules() {
        int year = EnrolmentFixtures.nextYear("THCSHB");
        openRound("ht.mai", "THCSHB", year, 5);
        JsonNode app = apply("ph.binh", application("ph.binh", "THCSHB", year, "Đặng Thị Riêng", id(year), 0.8));
        String path = "/api/enrolments/" + app.get("id").asText();
        String other = anotherParent();

        assertThat(api.get("ph.binh", path).status()).isEqualTo(200);
        assertThat(api.get("vt.hoa", path).status()).isEqualTo(200);
        assertThat(api.get("ht.mai", path).status()).isEqualTo(200);
        Api.Response otherParent = api.get(other, path);
        assertThat(otherParent.status()).isEqualTo(404);
        assertThat(otherParent.json().get("detail").asText()).contains("Không tìm thấy hồ sơ tuyển sinh");
        assertThat(api.get("vt.thu", path).status()).isEqualTo(404);
        assertThat(api.get("ht.son", path).status()).isEqualTo(404);
        assertThat(api.get("gv.lan", path).status()).isEqualTo(404);
        assertThat(api.get(other, path + "/decision").status()).isEqualTo(404);

        assertThat(api.get("ph.binh", "/api/enrolments").json().findValuesAsText("id")).contains(app.get("id").asText());
        assertThat(api.get(other, "/api/enrolments").json()).isEmpty();
        assertThat(api.get("vt.thu", "/api/enrolments").json().findValuesAsText("id"))
                .doesNotContain(app.get("id").asText());
        assertThat(api.get("gv.lan", "/api/enrolments").status()).isEqualTo(403);
        Api.Response teacher = api.postJson("gv.lan", "/api/enrolments",
                application("ph.binh", "THCSHB", year, "Đặng Thị Riêng", id(year), 0.8));
        assertThat(teacher.status()).isEqualTo(403);
        // Another parent cannot add papers to it either.
        assertThat(api.postJson(other, path + "/papers", Map.of("papers", List.of())).status()).isEqualTo(404);

        // Rounds: any signed-in user reads them; only an admin or the school's principal manages them.
        assertThat(api.get(other, "/api/enrolment-rounds").status()).isEqualTo(200);
        OffsetDateTime now = VietnamTime.of(clock.instant());
        int y2 = EnrolmentFixtures.nextYear("THCSAP");
        assertThat(api.postJson("gv.lan", "/api/enrolment-rounds", roundBody("THCSHB", y2, 5, now, now.plusDays(3)))
                .status()).isEqualTo(403);
        assertThat(api.postJson("ht.mai", "/api/enrolment-rounds", roundBody("THCSAP", y2, 5, now, now.plusDays(3)))
                .status()).isEqualTo(403);
        assertThat(api.postJson("ph.binh", "/api/enrolment-rounds/" + app.get("roundId").asText() + "/close", null)
                .status()).isEqualTo(403);
        assertThat(api.get("ph.binh", "/api/enrolment-rounds/" + app.get("roundId").asText() + "/ranking").status())
                .isEqualTo(404);
    }

    @Test
    void roundsAreValidatedAndAdjustable() {
        OffsetDateTime now = VietnamTime.of(clock.instant());
        int year = EnrolmentFixtures.nextYear("THCSAP");
        Map<String, Object> bad = roundBody("THCSAP", year, 0, now, now.plusDays(3));
        Api.Response r = api.postJson("ht.son", "/api/enrolment-rounds", bad);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).contains("Chỉ tiêu");
        assertThat(api.postJson("ht.son", "/api/enrolment-rounds", roundBody("THCSAP", year, 10, now, now.minusDays(1)))
                .json().get("code").asText()).isEqualTo("WINDOW_INVALID");
        Map<String, Object> grade1 = roundBody("THCSAP", year, 10, now, now.plusDays(3));
        grade1.put("grade", 1);
        assertThat(api.postJson("ht.son", "/api/enrolment-rounds", grade1).json().get("code").asText())
                .isEqualTo("GRADE_NOT_OF_SCHOOL");
        JsonNode round = openRound("ht.son", "THCSAP", year, 10);
        assertThat(api.postJson("ht.son", "/api/enrolment-rounds", roundBody("THCSAP", year, 10, now, now.plusDays(3)))
                .status()).isEqualTo(409);
        // The principal gives five more seats and two more days; the window's timer follows.
        OffsetDateTime later = now.plusDays(22).withNano(0);
        Api.Response put = put("ht.son", "/api/enrolment-rounds/" + round.get("id").asText(),
                Map.of("seats", 15, "closesAt", later.toString()));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("seats").asInt()).isEqualTo(15);
        assertThat(OffsetDateTime.parse(put.json().get("closesAt").asText()).toInstant()).isEqualTo(later.toInstant());
        assertThat(engine.getManagementService().createJobQuery()
                .processInstanceId(round.get("processInstanceId").asText()).timers().singleResult().getDuedate()
                .toInstant()).isEqualTo(later.toInstant());
        assertThat(put("ht.mai", "/api/enrolment-rounds/" + round.get("id").asText(),
                Map.of("seats", 1)).status()).isEqualTo(403);
    }

    // ---- bad input changes nothing ----------------------------------------------------------------------------

    @Test
    void everyBadInputIsRefusedInVietnameseAndChangesNothing() {
        int year = EnrolmentFixtures.nextYear("THCSAP", "THCSHB");
        openRound("ht.son", "THCSAP", year, 10);
        openRound("ht.mai", "THCSHB", year, 10);
        OffsetDateTime now = VietnamTime.of(clock.instant());
        int futureYear = EnrolmentFixtures.nextYear("THCSAP");
        api.postJson("admin", "/api/enrolment-rounds", roundBody("THCSAP", futureYear, 10, now.plusDays(5),
                now.plusDays(20)));
        int closedYear = EnrolmentFixtures.nextYear("THCSAP");
        JsonNode closing = openRound("admin", "THCSAP", closedYear, 10);
        assertThat(api.postJson("admin", "/api/enrolment-rounds/" + closing.get("id").asText() + "/close", null)
                .status()).isEqualTo(200);

        String other = anotherParent();
        String othersPaper = paper(other, "Giấy khai sinh của người khác");
        String notAPaper = api.upload("ph.binh", "Ảnh chụp", "OTHER");

        List<Object[]> cases = new ArrayList<>();
        Map<String, Object> b;
        b = application("ph.binh", "THCSAP", year, "Lê Sai Số", "00121612345", 0.5);
        cases.add(new Object[]{b, 400, "PERSONAL_ID_INVALID", "12 chữ số"});
        b = application("ph.binh", "THCSAP", year, "Lê Sai Giới", EnrolmentFixtures.personalId(year - 11, Gender.FEMALE), 0.5);
        cases.add(new Object[]{b, 400, "PERSONAL_ID_INVALID", "giới tính"});
        b = application("ph.binh", "THCSAP", year, "Lê Sai Năm", "001208123456", 0.5);
        cases.add(new Object[]{b, 400, "PERSONAL_ID_INVALID", "năm sinh"});
        b = application("ph.binh", "THCSAP", year, "Lê Thiếu Giấy", id(year), 0.5);
        ((List<?>) b.get("papers")).remove(1);
        cases.add(new Object[]{b, 400, "PAPERS_MISSING", "Giấy xác nhận thông tin cư trú"});
        b = application("ph.binh", "THCSAP", year, "Lê Giấy Người Khác", id(year), 0.5);
        ((List<Object>) b.get("papers")).set(0, Map.of("documentId", othersPaper, "kind", "BIRTH_CERTIFICATE"));
        cases.add(new Object[]{b, 400, "PAPER_NOT_APPLICANTS", "do chính bạn tải lên"});
        b = application("ph.binh", "THCSAP", year, "Lê Giấy Sai Loại", id(year), 0.5);
        ((List<Object>) b.get("papers")).set(0, Map.of("documentId", notAPaper, "kind", "BIRTH_CERTIFICATE"));
        cases.add(new Object[]{b, 400, "PAPER_KIND_MISMATCH", "APPLICATION_PAPER"});
        b = application("ph.binh", "THCSAP", futureYear, "Lê Sớm Quá", id(futureYear), 0.5);
        cases.add(new Object[]{b, 409, "ENROLMENT_NOT_OPEN", "Chưa đến thời gian nhận hồ sơ"});
        b = application("ph.binh", "THCSAP", closedYear, "Lê Muộn Quá", id(closedYear), 0.5);
        cases.add(new Object[]{b, 409, "ENROLMENT_CLOSED", "Đã hết hạn nộp hồ sơ"});
        b = application("ph.binh", "KHONGCO", year, "Lê Trường Lạ", id(year), 0.5);
        cases.add(new Object[]{b, 400, "SCHOOL_UNKNOWN", "Không có trường nào"});
        b = application("ph.binh", "VHXH-HB", year, "Lê Không Phải Trường", id(year), 0.5);
        cases.add(new Object[]{b, 400, "NOT_A_SCHOOL", "không phải là trường học"});
        b = application("ph.binh", "THCSAP", year, "Lê Lớp Một", id(year), 0.5);
        b.put("grade", 1);
        b.remove("enrolmentYear");
        cases.add(new Object[]{b, 400, "NO_ROUND_FOR_GRADE", "không tuyển sinh lớp 1"});
        b = application("ph.binh", "THCSAP", year, "Lê Tọa Độ", id(year), 0.5);
        ((Map<String, Object>) b.get("address")).put("lat", 200.0);
        cases.add(new Object[]{b, 400, "LOCATION_INVALID", "vĩ độ"});
        b = application("ph.binh", "THCSAP", year, "Lê Điện Thoại", id(year), 0.5);
        ((Map<String, Object>) b.get("parent")).put("phone", "12345");
        cases.add(new Object[]{b, 400, "PHONE_INVALID", "Số điện thoại không hợp lệ"});
        b = application("ph.binh", "THCSAP", year, "Lê Thư Điện Tử", id(year), 0.5);
        ((Map<String, Object>) b.get("parent")).put("email", "binh-at-example");
        cases.add(new Object[]{b, 400, "EMAIL_INVALID", "thư điện tử"});

        long apps = rows("enrolment_application");
        long papers = rows("enrolment_paper");
        long processes = applicationProcesses();
        long notifications = rows("notification");
        for (Object[] c : cases) {
            Api.Response r = api.postJson("ph.binh", "/api/enrolments", c[0]);
            assertThat(r.status()).as(c[2] + ": " + r).isEqualTo(c[1]);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("code").asText()).as(r.toString()).isEqualTo(c[2]);
            assertThat(r.json().get("detail").asText()).as(r.toString()).contains((String) c[3]);
        }
        assertThat(rows("enrolment_application")).isEqualTo(apps);
        assertThat(rows("enrolment_paper")).isEqualTo(papers);
        assertThat(applicationProcesses()).isEqualTo(processes);
        assertThat(rows("notification")).isEqualTo(notifications);

        // The same child twice in a year, at any school: the second is refused and nothing changes.
        String child = id(year);
        apply("ph.binh", application("ph.binh", "THCSAP", year, "Lê Một Lần", child, 0.5));
        apps = rows("enrolment_application");
        processes = applicationProcesses();
        Api.Response again = api.postJson("ph.binh", "/api/enrolments",
                application("ph.binh", "THCSHB", year, "Lê Một Lần", child, 0.5));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("DUPLICATE_APPLICATION");
        assertThat(again.json().get("detail").asText()).contains("đã có hồ sơ tuyển sinh năm " + year);
        assertThat(rows("enrolment_application")).isEqualTo(apps);
        assertThat(applicationProcesses()).isEqualTo(processes);

        // Once withdrawn, the child may apply elsewhere.
        JsonNode first = api.get("ph.binh", "/api/enrolments").json();
        String firstId = null;
        for (JsonNode x : first) {
            if ("Lê Một Lần".equals(x.get("childName").asText())) {
                firstId = x.get("id").asText();
            }
        }
        assertThat(api.postJson(other, "/api/enrolments/" + firstId + "/withdraw", null).status()).isEqualTo(404);
        Api.Response withdrawn = api.postJson("ph.binh", "/api/enrolments/" + firstId + "/withdraw", null);
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(task("vt.thu", firstId)).isNull();
        assertThat(api.postJson("ph.binh", "/api/enrolments/" + firstId + "/withdraw", null).status()).isEqualTo(409);
        apply("ph.binh", application("ph.binh", "THCSHB", year, "Lê Một Lần", child, 0.5));
    }

    @Test
    void twoIdenticalApplicationsAtOnceMakeExactlyOne() throws Exception {
        int year = EnrolmentFixtures.nextYear("THCSAP");
        openRound("ht.son", "THCSAP", year, 10);
        Map<String, Object> body = application("ph.binh", "THCSAP", year, "Lê Song Sinh", id(year), 0.7);
        long apps = rows("enrolment_application");
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Api.Response>> sent = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sent.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return api.postJson("ph.binh", "/api/enrolments", body);
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Api.Response> f : sent) {
            statuses.add(f.get().status());
        }
        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        assertThat(rows("enrolment_application")).isEqualTo(apps + 1);
    }

    /**
     * Test rounds have few years to go around (EnrolmentFixtures.nextYear): these tests apply to THCSAP's demo round
     * (open, 90 seats and more), which other tests only look at.
     */
    private int sharedRound() {
        for (JsonNode r : api.get("ph.binh", "/api/enrolment-rounds").json()) {
            if ("THCSAP".equals(r.get("schoolCode").asText()) && r.get("seats").asInt() >= 90
                    && r.get("open").asBoolean()) {
                return r.get("enrolmentYear").asInt();
            }
        }
        throw new AssertionError("no open demo round at THCSAP");
    }

    @Test
    void anotherFamilyIsNotToldThatTheChildHasAnApplication() {
        int year = sharedRound();
        String child = id(year);
        apply("ph.binh", application("ph.binh", "THCSAP", year, "Lê Có Hồ Sơ", child, 0.6));
        String stranger = anotherParent();
        long apps = rows("enrolment_application");

        Api.Response r = api.postJson(stranger, "/api/enrolments",
                application(stranger, "THCSAP", year, "Lê Có Hồ Sơ", child, 0.6));

        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("APPLICATION_NOT_ACCEPTED");
        assertThat(r.json().get("detail").asText()).doesNotContain("đã có hồ sơ").doesNotContain("trùng")
                .contains("liên hệ");
        assertThat(rows("enrolment_application")).isEqualTo(apps);
    }

    @Test
    void theApplicationListIsPaged() {
        int year = sharedRound();
        apply("ph.binh", application("ph.binh", "THCSAP", year, "Lê Trang Một", id(year), 0.6));
        apply("ph.binh", application("ph.binh", "THCSAP", year, "Lê Trang Hai", id(year), 0.7));

        Api.Response first = api.get("ph.binh", "/api/enrolments?size=1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json()).hasSize(1);
        assertThat(first.json().get(0).get("childName").asText()).isEqualTo("Lê Trang Hai");
        assertThat(api.get("ph.binh", "/api/enrolments?size=1&page=1").json().get(0).get("childName").asText())
                .isEqualTo("Lê Trang Một");
        assertThat(api.get("ph.binh", "/api/enrolments?page=" + Integer.MAX_VALUE + "&size=200").json()).isEmpty();
        Api.Response tooBig = api.get("ph.binh", "/api/enrolments?size=100000");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.contentType()).startsWith("application/problem+json");
    }
}
