package vn.truongso.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import vn.truongso.common.ApiException;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentService;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;
import vn.truongso.support.TestUsers;

/**
 * The outgoing register's numbers (Decree 30/2020): from 01 each calendar year in Vietnam, a leading zero below 10,
 * never repeated and never skipped — under concurrent issuing and when an issuing transaction rolls back. Each test
 * uses a year of its own, so the shared database's other entries do not matter.
 */
@IntegrationTest
class RegisterNumberingTest {

    @LocalServerPort
    int port;
    @Autowired
    OutgoingRegister register;
    @Autowired
    DocumentService documents;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    Api api;
    CurrentUser clerk;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        clerk = users.find("vt.hoa").orElseThrow();
    }

    private UUID report(String title) {
        return documents.store(new DocumentService.Upload(TestPdfs.lessonPlan(title), "bao-cao.pdf",
                "application/pdf"), title, DocumentKind.REPORT, clerk).id();
    }

    private OutgoingRegister.IssueRequest bc(UUID doc) {
        return new OutgoingRegister.IssueRequest("THCSHB", "BC", null, doc, null, null, "Trần Thị Mai",
                "Phòng VH-XH phường Hòa Bình", "vt.hoa");
    }

    /** Tests that expect a year to start at 01 own that year: a database kept from an earlier run starts clean. */
    private void forget(int year) {
        jdbc.update("delete from outgoing_register_entry where organisation_code = 'THCSHB' and register_year = ?", year);
        jdbc.update("delete from register_counter where organisation_code = 'THCSHB' and register_year = ?", year);
    }

    private static Instant inYear(int year) {
        return Instant.parse(year + "-06-15T03:00:00Z");
    }

    @Test
    void eightThreadsIssuingTwentyFiveEachGetOneToTwoHundredEachOnce() throws Exception {
        forget(2040);
        List<UUID> docs = IntStream.range(0, 200).mapToObj(i -> report("Báo cáo đồng thời " + i)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<String> symbols = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            List<UUID> mine = docs.subList(t * 25, t * 25 + 25);
            done.add(pool.submit(() -> {
                start.await();
                for (UUID doc : mine) {
                    OutgoingRegister.Issued issued = register.issue(bc(doc), inYear(2040));
                    assertThat(issued.formatted()).isEqualTo("Số: " + issued.symbol());
                    symbols.add(issued.symbol());
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        List<Integer> numbers = jdbc.queryForList("select entry_number from outgoing_register_entry"
                + " where organisation_code = 'THCSHB' and register_year = 2040 order by entry_number", Integer.class);
        assertThat(numbers).containsExactlyElementsOf(IntStream.rangeClosed(1, 200).boxed().toList());
        assertThat(symbols).hasSize(200).doesNotHaveDuplicates()
                .contains("01/BC-THCSHB", "05/BC-THCSHB", "09/BC-THCSHB", "10/BC-THCSHB", "200/BC-THCSHB");
        assertThat(jdbc.queryForObject("select last_number from register_counter where organisation_code = 'THCSHB'"
                + " and register_year = 2040 and register_kind = 'OUTGOING'", Integer.class)).isEqualTo(200);
    }

    /**
     * Two clerks of the same school (the demo clerk and a second one made for this test) issue 25 numbers each through
     * the HTTP API, all 50 requests released at the same moment: 50 answers 201, 50 different numbers in one run, and
     * this year's register of the school has every number from 01 to its last, none twice.
     */
    @Test
    void twoClerksIssuingAtTheSameMomentThroughTheApiGetNoDuplicatesAndNoGaps() throws Exception {
        // a second clerk of vt.hoa's school
        TestUsers people = new TestUsers(jdbc);
        String second = people.person("vt.nga", "Nguyễn Thị Nga").title("Văn thư").organisation("THCSHB")
                .roles("CLERK").passwordOf("vt.hoa").insert();
        try {
            List<UUID> docs = IntStream.range(0, 50).mapToObj(i -> report("Báo cáo hai văn thư " + i)).toList();
            ExecutorService pool = Executors.newFixedThreadPool(50);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                String clerkName = i % 2 == 0 ? "vt.hoa" : second;
                UUID doc = docs.get(i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.postJson(clerkName, "/api/registers/outgoing", Map.of("documentId", doc.toString(),
                            "typeCode", "BC", "signer", "Trần Thị Mai"));
                }));
            }
            start.countDown();
            List<Integer> issued = new ArrayList<>();
            int year = 0;
            for (Future<Api.Response> f : answers) {
                Api.Response r = f.get();
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                issued.add(r.json().get("number").asInt());
                year = r.json().get("year").asInt();
            }
            pool.shutdown();

            List<Integer> register = jdbc.queryForList("select entry_number from outgoing_register_entry"
                    + " where organisation_code = 'THCSHB' and register_year = ? order by entry_number",
                    Integer.class, year);
            int min = Collections.min(issued);
            int max = Collections.max(issued);
            long duplicates = issued.size() - issued.stream().distinct().count();
            long gaps = register.isEmpty() ? 0 : register.get(register.size() - 1) - register.stream().distinct().count();
            System.out.printf("Two clerks: %d numbers issued (%d..%d), duplicates %d, gaps in the year's register %d%n",
                    issued.size(), min, max, duplicates, gaps);
            assertThat(issued).doesNotHaveDuplicates();
            assertThat(max - min + 1).isEqualTo(50);
            assertThat(register).containsExactlyElementsOf(IntStream.rangeClosed(1, register.size()).boxed().toList());
            assertThat(jdbc.queryForList("select issued_by from outgoing_register_entry where organisation_code ="
                    + " 'THCSHB' and register_year = ? and entry_number between ? and ?", String.class, year, min, max))
                    .hasSize(50).containsOnly("vt.hoa", second);
        } finally {
            people.delete(second);
        }
    }

    @Test
    void aRolledBackIssueGivesItsNumberBack() {
        UUID first = report("Báo cáo rút lại");
        UUID second = report("Báo cáo sau");
        int before = register.issue(bc(report("Báo cáo trước")), inYear(2041)).number();

        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> {
            OutgoingRegister.Issued issued = register.issue(bc(first), inYear(2041));
            assertThat(issued.number()).isEqualTo(before + 1);
            throw new IllegalStateException("the step after issuing failed");
        })).hasMessageContaining("failed");
        // A refusal after the number was taken (the document already has one) gives it back as well.
        assertThat(register.issue(bc(second), inYear(2041)).number()).isEqualTo(before + 1);
        assertThatThrownBy(() -> register.issue(bc(second), inYear(2041)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("DOCUMENT_ALREADY_ISSUED"));

        OutgoingRegister.Issued again = register.issue(bc(first), inYear(2041));
        assertThat(again.number()).isEqualTo(before + 2);
        assertThat(jdbc.queryForList("select entry_number from outgoing_register_entry where organisation_code = "
                + "'THCSHB' and register_year = 2041 order by entry_number", Integer.class))
                .containsExactly(before, before + 1, before + 2);
    }

    @Test
    void aGeneratedDecisionCarriesTheNumberItIsRegisteredUnder() throws Exception {
        List<String> printed = new java.util.ArrayList<>();
        java.util.function.Function<OutgoingRegister.Issued, UUID> render = issued -> {
            printed.add(issued.formatted());
            String title = "Quyết định " + issued.formatted();
            return documents.store(new DocumentService.Upload(TestPdfs.lessonPlan(title), "qd.pdf",
                    "application/pdf"), title, DocumentKind.DECISION, clerk).id();
        };
        OutgoingRegister.Issued first = register.issueNew("THCSHB", "QĐ", "Quyết định công nhận trúng tuyển",
                "Phạm Thị Mai", "Gia đình học sinh; Lưu: VT", "system", render);
        assertThat(first.formatted()).isEqualTo("Số: " + RegisterText.number(first.number()) + "/QĐ-THCSHB")
                .isEqualTo(printed.get(0));
        UUID stored = jdbc.queryForObject("select document_id from outgoing_register_entry where organisation_code = "
                + "'THCSHB' and register_year = ? and entry_number = ?", UUID.class, first.year(), first.number());
        assertThat(documents.describe(stored).title()).isEqualTo("Quyết định " + first.formatted());

        // Rendering fails after the number was taken: the number is given back, nothing is registered.
        long entries = jdbc.queryForObject("select count(*) from outgoing_register_entry", Long.class);
        assertThatThrownBy(() -> register.issueNew("THCSHB", "QĐ", "Quyết định hỏng", "Phạm Thị Mai", null,
                "system", issued -> {
                    throw new IllegalStateException("rendering failed");
                })).hasMessageContaining("rendering failed");
        assertThat(jdbc.queryForObject("select count(*) from outgoing_register_entry", Long.class)).isEqualTo(entries);
        assertThat(register.issueNew("THCSHB", "QĐ", "Quyết định sau", "Phạm Thị Mai", null, "system", render)
                .number()).isEqualTo(first.number() + 1);
        // A document of another organisation cannot be registered as this school's.
        assertThatThrownBy(() -> register.issueNew("THCSAP", "QĐ", "Quyết định nhầm trường", "Bùi Văn Sơn", null,
                "system", render)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status().value()).isEqualTo(404));
    }

    @Test
    void numbersRestartAtOneOnTheFirstOfJanuaryInVietnam() {
        forget(2031);
        forget(2032);
        // 16:59:59 UTC on 31 December is 23:59:59 in Vietnam: still 2031. One second later it is 2032 there.
        Instant lastSecond = Instant.parse("2031-12-31T16:59:59Z");
        Instant newYear = Instant.parse("2031-12-31T17:00:00Z");
        OutgoingRegister.Issued a = register.issue(new OutgoingRegister.IssueRequest("THCSHB", "QĐ", null,
                report("Quyết định cuối năm"), null, null, "Trần Thị Mai", null, "vt.hoa"), lastSecond);
        OutgoingRegister.Issued b = register.issue(new OutgoingRegister.IssueRequest("THCSHB", "QĐ", null,
                report("Quyết định đầu năm"), null, "Quyết định công nhận học sinh lớp 6", "Trần Thị Mai", null,
                "vt.hoa"), newYear);
        assertThat(a.year()).isEqualTo(2031);
        assertThat(a.symbol()).isEqualTo("01/QĐ-THCSHB");
        assertThat(b.year()).isEqualTo(2032);
        assertThat(b.symbol()).isEqualTo("01/QĐ-THCSHB");
        assertThat(b.formatted()).isEqualTo("Số: 01/QĐ-THCSHB");
        assertThat(b.issuedAt().toString()).isEqualTo("2032-01-01T00:00+07:00");
        OutgoingRegister.Issued c = register.issue(new OutgoingRegister.IssueRequest("THCSHB", "TTr", null,
                report("Tờ trình đầu năm"), null, null, "Trần Thị Mai", null, "vt.hoa"), newYear.plusSeconds(60));
        assertThat(c.symbol()).isEqualTo("02/TTr-THCSHB");
    }

    @Test
    void anOfficialLetterHasNoTypeCodeButTheDraftingUnit() {
        UUID doc = report("V/v tổ chức hội giảng cấp trường");
        Api.Response r = api.postJson("vt.hoa", "/api/registers/outgoing", Map.of("documentId", doc.toString(),
                "unitCode", "CM", "signer", "Trần Thị Mai", "recipients", "Các tổ chuyên môn; Lưu: VT"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode issued = r.json();
        int n = issued.get("number").asInt();
        String expected = (n < 10 ? "0" + n : "" + n) + "/THCSHB-CM";
        assertThat(issued.get("symbol").asText()).isEqualTo(expected);
        assertThat(issued.get("formatted").asText()).isEqualTo("Số: " + expected);
        assertThat(issued.get("issuedAt").asText()).endsWith("+07:00");

        JsonNode listed = api.get("vt.hoa", "/api/registers/outgoing?q=" + expected).json();
        assertThat(listed.get("items")).anySatisfy(e -> {
            assertThat(e.get("symbol").asText()).isEqualTo(expected);
            assertThat(e.get("typeName").asText()).isEqualTo("Công văn");
            assertThat(e.get("title").asText()).isEqualTo("V/v tổ chức hội giảng cấp trường");
            assertThat(e.get("issuedBy").asText()).isEqualTo("vt.hoa");
        });

        // The principal issues a report; her name is the signer when none is given.
        Api.Response bc = api.postJson("ht.mai", "/api/registers/outgoing",
                Map.of("documentId", report("Báo cáo sơ kết học kỳ I").toString(), "typeCode", "BC"));
        assertThat(bc.status()).as(bc.toString()).isEqualTo(201);
        assertThat(bc.json().get("symbol").asText()).matches("\\d{2,}/BC-THCSHB");
    }

    @Test
    void anUnknownTypeCodeOrBothOrNeitherIsRefusedWithProblemJson() {
        UUID doc = report("Văn bản loại lạ");
        Api.Response unknown = api.postJson("vt.hoa", "/api/registers/outgoing",
                Map.of("documentId", doc.toString(), "typeCode", "XYZ", "signer", "Trần Thị Mai"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("code").asText()).isEqualTo("REGISTER_TYPE_CODE_UNKNOWN");
        assertThat(unknown.json().get("detail").asText()).contains("không hợp lệ: XYZ", "QĐ", "TTr");

        Api.Response both = api.postJson("vt.hoa", "/api/registers/outgoing", Map.of("documentId", doc.toString(),
                "typeCode", "BC", "unitCode", "CM", "signer", "Trần Thị Mai"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("code").asText()).isEqualTo("REGISTER_TYPE_OR_UNIT");

        Api.Response noSigner = api.postJson("vt.hoa", "/api/registers/outgoing",
                Map.of("documentId", doc.toString(), "typeCode", "BC"));
        assertThat(noSigner.json().get("code").asText()).isEqualTo("REGISTER_SIGNER_REQUIRED");

        // Lesson plans are not issued documents: they go to the teacher's professional records.
        String plan = api.uploadLessonPlan("gv.lan", "Bài 7: Không cấp số");
        Api.Response lesson = api.postJson("ht.mai", "/api/registers/outgoing",
                Map.of("documentId", plan, "typeCode", "KH"));
        assertThat(lesson.status()).isEqualTo(400);
        assertThat(lesson.json().get("code").asText()).isEqualTo("LESSON_PLAN_NOT_ISSUED");

        assertThat(api.get("vt.hoa", "/api/registers/type-codes").json())
                .anySatisfy(t -> assertThat(t.get("code").asText()).isEqualTo("QĐ"));
    }
}
