package vn.truongso.paperless;

import vn.truongso.common.Channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import vn.truongso.common.VietnamTime;
import vn.truongso.steps.StepFixtures;
import vn.truongso.steps.StepKind;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * The figures against values computed by hand for a seeded mix of digital and paper steps, in a month of a past year
 * that no other test touches (records written as the tracking writes them); who may see which figures; the CSV.
 */
@IntegrationTest
class PaperlessFiguresTest {

    /** A March in the past, picked per run, so a database reused between runs does not add up. */
    static final int YEAR = 2001 + ThreadLocalRandom.current().nextInt(20);
    static final String FROM = YEAR + "-03-01";
    static final String TO = YEAR + "-03-31";
    static final String WINDOW = "from=" + FROM + "&to=" + TO;
    static boolean seeded;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        synchronized (PaperlessFiguresTest.class) {
            if (!seeded) {
                seed();
                seeded = true;
            }
        }
    }

    // ---- the seeded mix ------------------------------------------------------------------------------------------
    //
    // Every plan: submitted (copies 1) → authorSign → headReview (copies 1) → headSign → principalApproval (copies 1)
    // → principalSign; D = digital, P = paper, "-" = still open.
    //
    // THCSHB  A1 gv.lan  2 pages  D D D D D D   approved after 10 h   avoided 2+2+2 = 6
    //         A2 gv.lan  3 pages  D D D D D D   approved after 20 h   avoided 9
    //         A3 tt.hung 1 page   D D D D D D   approved after 30 h   avoided 3
    //         A4 gv.lan  4 pages  D D P P D D   approved after 40 h   avoided 4+4 = 8, printed 4 (head's copy)
    //         A5 gv.lan  2 pages  D D -         in review             avoided 2
    // THCSAP  B1 gv.tuan 2 pages  D P P P P P   approved after 50 h   avoided 2, printed 2+2 = 4
    //
    // THCSHB: 5 instances, 4 approved, 3 fully digital → 0.75; steps 24 of 26 digital → 0.9231; documents with a
    //         signature 5, all electronic 4 → 0.8; pages avoided 28, printed 4 → 28/32 = 0.875;
    //         hours [10, 20, 30, 40] → median 25, p90 30 + 0.7 × 10 = 37.
    // THCSAP: 1 instance, 0 fully digital → 0; steps 1 of 6 → 0.1667; signed electronically 0 of 1; pages 2 of 6 →
    //         0.3333; hours [50].
    // Office VHXH-HB (both): 6 instances, 3 of 5 approved fully digital → 0.6; steps 25/32 → 0.7813; documents 4/6 →
    //         0.6667; pages 30/38 → 0.7895; hours [10..50] → median 30, p90 40 + 0.6 × 10 = 46.

    private void seed() {
        plan("THCSHB", "gv.lan", 2, "DDDDDD", 10);
        plan("THCSHB", "gv.lan", 3, "DDDDDD", 20);
        plan("THCSHB", "tt.hung", 1, "DDDDDD", 30);
        plan("THCSHB", "gv.lan", 4, "DDPPDD", 40);
        plan("THCSHB", "gv.lan", 2, "DD", null);
        plan("THCSAP", "gv.tuan", 2, "DPPPPP", 50);
    }

    private static final String[][] STEPS = {
            {"SUBMISSION", "submitted", "Giáo viên nộp kế hoạch bài dạy", "1"},
            {"SIGNATURE", "authorSign", "Giáo viên ký (tác giả)", null},
            {"TASK", "headReview", "Tổ trưởng duyệt kế hoạch bài dạy", "1"},
            {"SIGNATURE", "headSign", "Tổ trưởng ký duyệt", null},
            {"TASK", "principalApproval", "Hiệu trưởng phê duyệt kế hoạch bài dạy", "1"},
            {"SIGNATURE", "principalSign", "Hiệu trưởng ký phê duyệt", null}};

    private void plan(String school, String teacher, int pages, String channels, Integer hours) {
        String pid = "seed-" + UUID.randomUUID();
        UUID doc = UUID.randomUUID();
        Instant start = LocalDateTime.of(YEAR, 3, 10, 8, 0).atZone(VietnamTime.ZONE).toInstant();
        StepFixtures.process(context, pid, "lessonPlanApproval", "Duyệt kế hoạch bài dạy", school, doc, teacher,
                start, hours == null ? null : start.plus(Duration.ofHours(hours)));
        Instant at = start;
        for (int i = 0; i < STEPS.length; i++) {
            String[] s = STEPS[i];
            boolean done = i < channels.length();
            Channel c = !done ? null : channels.charAt(i) == 'D' ? Channel.DIGITAL : Channel.PAPER;
            String actor = !done ? null : i < 2 ? teacher : i < 4 ? "tt.hung" : "ht.mai";
            StepFixtures.step(context, StepKind.valueOf(s[0]), "lessonPlanApproval", pid, school, s[1], s[2], doc,
                    s[3] == null ? null : Integer.valueOf(s[3]), at, actor, c, pages);
            if (!done) {
                break; // the open step, then nothing more
            }
            at = at.plusSeconds(120);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private JsonNode summary(String user, String query) {
        Api.Response r = api.get(user, "/api/paperless/summary?" + WINDOW + query);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    static JsonNode figure(JsonNode group, String key) {
        for (JsonNode f : group.get("figures")) {
            if (f.get("key").asText().equals(key)) {
                return f;
            }
        }
        throw new AssertionError("no figure " + key + " in " + group);
    }

    private static double value(JsonNode group, String key) {
        return figure(group, key).get("value").asDouble();
    }

    static JsonNode row(JsonNode summary, String code) {
        for (JsonNode r : summary.get("rows")) {
            if (r.get("code").asText().equals(code)) {
                return r;
            }
        }
        throw new AssertionError("no row " + code + " in " + summary.get("rows"));
    }

    // ---- tests ---------------------------------------------------------------------------------------------------

    @Test
    void aSchoolsFiguresMatchTheHandComputedValues() {
        JsonNode s = summary("ht.mai", "");
        assertThat(s.get("scope").get("code").asText()).isEqualTo("THCSHB");
        JsonNode all = s.get("overall");
        assertThat(value(all, "instances")).isEqualTo(5);
        assertThat(value(all, "fullyDigitalShare")).isEqualTo(0.75);
        assertThat(figure(all, "fullyDigitalShare").get("numerator").asLong()).isEqualTo(3);
        assertThat(figure(all, "fullyDigitalShare").get("denominator").asLong()).isEqualTo(4);
        assertThat(value(all, "digitalShare")).isEqualTo(0.9231);
        assertThat(figure(all, "digitalShare").get("numerator").asLong()).isEqualTo(24);
        assertThat(figure(all, "digitalShare").get("denominator").asLong()).isEqualTo(26);
        assertThat(value(all, "electronicSignatureShare")).isEqualTo(0.8);
        assertThat(value(all, "paperReduction")).isEqualTo(0.875);
        assertThat(value(all, "pagesAvoided")).isEqualTo(28);
        assertThat(value(all, "hoursToApprovalMedian")).isEqualTo(25.0);
        assertThat(value(all, "hoursToApprovalP90")).isEqualTo(37.0);

        // Targets for a period ending before 2025: the 2025 ones.
        JsonNode online = figure(all, "fullyDigitalShare");
        assertThat(online.get("target").asDouble()).isEqualTo(0.6);
        assertThat(online.get("targetYear").asInt()).isEqualTo(2025);
        assertThat(online.get("onTrack").asBoolean()).isTrue();
        assertThat(figure(all, "paperReduction").get("target").asDouble()).isEqualTo(0.5);
        assertThat(figure(all, "paperReduction").get("onTrack").asBoolean()).isTrue();
        // No data source yet: no number, said so, the target still shown.
        for (String key : new String[] {"reportsElectronicOnTime", "applicationsOnline"}) {
            JsonNode f = figure(all, key);
            assertThat(f.get("value").isNull()).as(key).isTrue();
            assertThat(f.get("onTrack").isNull()).as(key).isTrue();
            assertThat(f.get("note").asText()).as(key).isEqualTo("chưa có dữ liệu");
        }
        assertThat(figure(all, "reportsElectronicOnTime").get("target").asDouble()).isEqualTo(1.0);
        assertThat(figure(all, "applicationsOnline").get("target").asDouble()).isEqualTo(0.8);

        // Per process: only lesson plans in this window.
        assertThat(s.get("processes")).hasSize(1);
        assertThat(s.get("processes").get(0).get("code").asText()).isEqualTo("lessonPlanApproval");
        assertThat(s.get("processes").get(0).get("name").asText()).isEqualTo("Duyệt kế hoạch bài dạy");
        assertThat(value(s.get("processes").get(0), "digitalShare")).isEqualTo(0.9231);

        // The principal sees the school's teachers: gv.lan A1, A2, A4 approved (2 fully digital), A5 open; tt.hung A3.
        assertThat(s.get("rowKind").asText()).isEqualTo("TEACHER");
        JsonNode lan = row(s, "gv.lan");
        assertThat(lan.get("name").asText()).isEqualTo("Nguyễn Thị Lan");
        assertThat(value(lan, "instances")).isEqualTo(4);
        assertThat(value(lan, "fullyDigitalShare")).isEqualTo(0.6667);
        assertThat(value(lan, "pagesAvoided")).isEqualTo(25);
        assertThat(value(row(s, "tt.hung"), "fullyDigitalShare")).isEqualTo(1.0);
    }

    @Test
    void anOfficerSeesOneRowPerSchoolSortable() {
        JsonNode s = summary("cv.nam", "&sort=digitalShare,desc");
        assertThat(s.get("scope").get("code").asText()).isEqualTo("VHXH-HB");
        assertThat(s.get("rowKind").asText()).isEqualTo("SCHOOL");
        assertThat(s.get("rows")).extracting(r -> r.get("code").asText()).containsExactly("THCSHB", "THCSAP");
        JsonNode ap = row(s, "THCSAP");
        assertThat(ap.get("name").asText()).isEqualTo("Trường THCS An Phú");
        assertThat(value(ap, "instances")).isEqualTo(1);
        assertThat(value(ap, "fullyDigitalShare")).isEqualTo(0.0);
        assertThat(figure(ap, "fullyDigitalShare").get("onTrack").asBoolean()).isFalse();
        assertThat(value(ap, "digitalShare")).isEqualTo(0.1667);
        assertThat(value(ap, "electronicSignatureShare")).isEqualTo(0.0);
        assertThat(value(ap, "paperReduction")).isEqualTo(0.3333);
        assertThat(figure(ap, "paperReduction").get("onTrack").asBoolean()).isFalse();
        assertThat(value(ap, "hoursToApprovalMedian")).isEqualTo(50.0);

        JsonNode all = s.get("overall");
        assertThat(value(all, "instances")).isEqualTo(6);
        assertThat(value(all, "fullyDigitalShare")).isEqualTo(0.6);
        assertThat(figure(all, "fullyDigitalShare").get("onTrack").asBoolean()).isTrue();
        assertThat(value(all, "digitalShare")).isEqualTo(0.7813);
        assertThat(value(all, "electronicSignatureShare")).isEqualTo(0.6667);
        assertThat(value(all, "paperReduction")).isEqualTo(0.7895);
        assertThat(value(all, "pagesAvoided")).isEqualTo(30);
        assertThat(value(all, "hoursToApprovalMedian")).isEqualTo(30.0);
        assertThat(value(all, "hoursToApprovalP90")).isEqualTo(46.0);

        assertThat(summary("cv.nam", "&sort=digitalShare,asc").get("rows")).extracting(r -> r.get("code").asText())
                .containsExactly("THCSAP", "THCSHB");
        assertThat(summary("cv.nam", "&school=THCSAP").get("scope").get("code").asText()).isEqualTo("THCSAP");
        assertThat(api.get("cv.nam", "/api/paperless/summary?" + WINDOW + "&sort=colour").status()).isEqualTo(400);
        // The administrator sees every school.
        JsonNode admin = summary("admin", "");
        assertThat(admin.get("rows")).extracting(r -> r.get("code").asText()).contains("THCSAP", "THCSHB");
        assertThat(value(row(admin, "THCSHB"), "digitalShare")).isEqualTo(0.9231);
    }

    @Test
    void eachRoleSeesOnlyItsOwnOrganisation() {
        // The principal of An Phú sees An Phú (and its teacher), never Hòa Bình.
        JsonNode son = summary("ht.son", "");
        assertThat(son.get("scope").get("code").asText()).isEqualTo("THCSAP");
        assertThat(value(son.get("overall"), "instances")).isEqualTo(1);
        assertThat(son.get("rows")).extracting(r -> r.get("code").asText()).containsExactly("gv.tuan");
        assertThat(api.get("ht.son", "/api/paperless/summary?" + WINDOW + "&school=THCSHB").status()).isEqualTo(403);
        assertThat(api.get("ht.son", "/api/paperless/summary?" + WINDOW + "&office=VHXH-HB").status()).isEqualTo(403);
        // The clerk sees the school's figures, without per-teacher rows.
        JsonNode hoa = summary("vt.hoa", "");
        assertThat(value(hoa.get("overall"), "instances")).isEqualTo(5);
        assertThat(hoa.get("rows")).isEmpty();
        // Teachers, heads, parents: refused.
        for (String user : new String[] {"gv.lan", "tt.hung", "gv.tuan", "ph.binh"}) {
            Api.Response r = api.get(user, "/api/paperless/summary?" + WINDOW);
            assertThat(r.status()).as(user).isEqualTo(403);
            assertThat(api.get(user, "/api/paperless/summary.csv?" + WINDOW).status()).as(user).isEqualTo(403);
        }
        assertThat(api.get(null, "/api/paperless/summary?" + WINDOW).status()).isEqualTo(401);
        // An officer only for schools under the office.
        assertThat(api.get("cv.nam", "/api/paperless/summary?" + WINDOW + "&office=SGD-DEMO").status()).isEqualTo(403);
    }

    @Test
    void theCsvParsesWithVietnameseHeadersAndTheSameNumbers() {
        Api.Response r = api.get("cv.nam", "/api/paperless/summary.csv?" + WINDOW + "&sort=code,asc");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        byte[] b = r.bytes();
        assertThat(new byte[] {b[0], b[1], b[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = parseCsv(new String(b, 3, b.length - 3, StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        assertThat(header).startsWith("Loại dòng", "Mã", "Tên", "Từ ngày", "Đến ngày");
        assertThat(header).contains("Tỷ lệ bước xử lý thực hiện trên môi trường số (%)", "Số trang giấy tránh được",
                "Tỷ lệ hồ sơ hoàn thành xử lý hoàn toàn trên môi trường số – chỉ tiêu 2025 (%)");
        int digital = header.indexOf("Tỷ lệ bước xử lý thực hiện trên môi trường số (%)");
        int pages = header.indexOf("Số trang giấy tránh được");
        int reports = header.indexOf("Tỷ lệ báo cáo định kỳ gửi điện tử, đúng hạn (%)");
        int onTrack = header.indexOf("Tỷ lệ hồ sơ hoàn thành xử lý hoàn toàn trên môi trường số – đạt chỉ tiêu");
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(header.size()));
        assertThat(rows).extracting(row -> row.get(0) + "|" + row.get(1))
                .containsExactly("Loại dòng|Mã", "Tổng hợp|ALL", "Quy trình|lessonPlanApproval", "Trường|THCSAP",
                        "Trường|THCSHB");
        assertThat(rows.get(1).get(digital)).isEqualTo("78.1");
        assertThat(rows.get(1).get(pages)).isEqualTo("30");
        assertThat(rows.get(1).get(reports)).isEqualTo("chưa có dữ liệu");
        assertThat(rows.get(3).get(2)).isEqualTo("Trường THCS An Phú");
        assertThat(rows.get(3).get(onTrack)).isEqualTo("Chưa đạt");
        assertThat(rows.get(4).get(digital)).isEqualTo("92.3");
        assertThat(rows.get(4).get(onTrack)).isEqualTo("Đạt");
    }

    @Test
    void percentilesInterpolateBetweenRanksAndTargetsFollowTheYear() {
        assertThat(PaperlessFigures.percentile(List.of(10.0, 20.0, 30.0, 40.0), 0.5)).isEqualTo(25.0);
        assertThat(PaperlessFigures.percentile(List.of(10.0, 20.0, 30.0, 40.0), 0.9)).isCloseTo(37.0, within(1e-9));
        assertThat(PaperlessFigures.percentile(List.of(7.0), 0.9)).isEqualTo(7.0);
        assertThat(PaperlessFigures.percentile(List.of(), 0.5)).isNull();
        PaperlessTargets t = new PaperlessTargets();
        t.getTargets().put("paper-reduction", java.util.Map.of(2025, 0.5, 2030, 0.8));
        assertThat(t.applying("paper-reduction", 2024)).isEqualTo(new PaperlessTargets.Target(2025, 0.5));
        assertThat(t.applying("paper-reduction", 2025)).isEqualTo(new PaperlessTargets.Target(2025, 0.5));
        assertThat(t.applying("paper-reduction", 2026)).isEqualTo(new PaperlessTargets.Target(2030, 0.8));
        assertThat(t.applying("paper-reduction", 2031)).isEqualTo(new PaperlessTargets.Target(2030, 0.8));
        assertThat(t.applying("records-online", 2026)).isNull();
        assertThat(LocalDate.parse(TO).getYear()).isLessThan(2025);
    }

    /** RFC 4180: commas, quoted fields with doubled quotes, CRLF line ends. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r') {
                // the \n follows
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
