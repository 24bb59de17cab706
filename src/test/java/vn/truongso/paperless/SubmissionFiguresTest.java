package vn.truongso.paperless;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.truongso.paperless.PaperlessFiguresTest.figure;
import static vn.truongso.paperless.PaperlessFiguresTest.row;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import vn.truongso.common.VietnamTime;
import vn.truongso.enrolment.EnrolmentApplied;
import vn.truongso.report.SchoolReportMissed;
import vn.truongso.report.SchoolReportSubmitted;
import vn.truongso.steps.StepFixtures;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * Reports sent electronically and on time, and applications made online: counted from what the report and enrolment
 * processes announce, against values computed by hand, in a month of a past year no other test uses.
 */
@IntegrationTest
class SubmissionFiguresTest {

    static final int YEAR = 1971 + ThreadLocalRandom.current().nextInt(20);
    static final String WINDOW = "from=" + YEAR + "-05-01&to=" + YEAR + "-05-31";
    static boolean seeded;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        synchronized (SubmissionFiguresTest.class) {
            if (!seeded) {
                seed();
                seeded = true;
            }
        }
    }

    // THCSHB reports: R1 electronic, on time ✓; R2 electronic, late ✗; R3 deadline passed, then sent electronically ✗;
    //                 R4 on time but on paper ✗; R5 on time, returned, resent late ✓ (it was on time) → 2 of 5 = 0.4
    // THCSAP report:  R6 deadline passed, never sent ✗                                              → 0 of 1
    // Office:         2 of 6 = 0.3333 (target 100%).
    // Applications:   THCSHB online, online, paper → 2 of 3 = 0.6667; THCSAP online → 1 of 1; office 3 of 4 = 0.75
    //                 (target 80% by 2025: not on track). A lesson plan in the same month counts in neither.
    private void seed() {
        UUID campaign = UUID.randomUUID();
        String r1 = report("THCSHB");
        String r2 = report("THCSHB");
        String r3 = report("THCSHB");
        String r4 = report("THCSHB");
        String r5 = report("THCSHB");
        String r6 = report("THCSAP");
        String e1 = record("THCSHB", "enrolmentRequest");
        String e2 = record("THCSHB", "enrolmentRequest");
        String e3 = record("THCSHB", "enrolmentRequest");
        String e4 = record("THCSAP", "enrolmentRequest");
        record("THCSHB", "lessonPlanApproval");
        Instant now = Instant.now();
        transactions.executeWithoutResult(s -> {
            events.publishEvent(new SchoolReportSubmitted("THCSHB", campaign, r1, true, false, now));
            events.publishEvent(new SchoolReportSubmitted("THCSHB", campaign, r2, true, true, now));
            events.publishEvent(new SchoolReportMissed("THCSHB", campaign, r3, now));
            events.publishEvent(new SchoolReportSubmitted("THCSHB", campaign, r3, true, true, now));
            events.publishEvent(new SchoolReportSubmitted("THCSHB", campaign, r4, false, false, now));
            events.publishEvent(new SchoolReportSubmitted("THCSHB", campaign, r5, true, false, now));
            events.publishEvent(new SchoolReportSubmitted("THCSHB", campaign, r5, true, true, now));
            events.publishEvent(new SchoolReportMissed("THCSAP", campaign, r6, now));
            events.publishEvent(new EnrolmentApplied("THCSHB", UUID.randomUUID(), e1, true, now));
            events.publishEvent(new EnrolmentApplied("THCSHB", UUID.randomUUID(), e2, true, now));
            events.publishEvent(new EnrolmentApplied("THCSHB", UUID.randomUUID(), e3, false, now));
            events.publishEvent(new EnrolmentApplied("THCSAP", UUID.randomUUID(), e4, true, now));
            // An event about a process we never recorded changes nothing and breaks nothing.
            events.publishEvent(new EnrolmentApplied("THCSAP", UUID.randomUUID(), "no-such-instance", true, now));
        });
    }

    private String report(String school) {
        return record(school, "schoolReport");
    }

    private String record(String school, String key) {
        String pid = "seed-" + UUID.randomUUID();
        Instant start = LocalDateTime.of(YEAR, 5, 12, 9, 0).atZone(VietnamTime.ZONE).toInstant();
        StepFixtures.process(context, pid, key, null, school, null, "seed", start, null);
        return pid;
    }

    private JsonNode summary(String user) {
        Api.Response r = api.get(user, "/api/paperless/summary?" + WINDOW);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theOfficeSeesReportsOnTimeAndOnlineApplicationsPerSchool() {
        JsonNode office = summary("cv.nam");
        JsonNode reports = figure(office.get("overall"), "reportsElectronicOnTime");
        assertThat(reports.get("numerator").asLong()).isEqualTo(2);
        assertThat(reports.get("denominator").asLong()).isEqualTo(6);
        assertThat(reports.get("value").asDouble()).isEqualTo(0.3333);
        assertThat(reports.get("target").asDouble()).isEqualTo(1.0);
        assertThat(reports.get("onTrack").asBoolean()).isFalse();
        JsonNode online = figure(office.get("overall"), "applicationsOnline");
        assertThat(online.get("value").asDouble()).isEqualTo(0.75);
        assertThat(online.get("target").asDouble()).isEqualTo(0.8);
        assertThat(online.get("onTrack").asBoolean()).isFalse();

        assertThat(figure(row(office, "THCSHB"), "reportsElectronicOnTime").get("value").asDouble()).isEqualTo(0.4);
        assertThat(figure(row(office, "THCSAP"), "reportsElectronicOnTime").get("value").asDouble()).isEqualTo(0.0);
        assertThat(figure(row(office, "THCSHB"), "applicationsOnline").get("value").asDouble()).isEqualTo(0.6667);
        assertThat(figure(row(office, "THCSAP"), "applicationsOnline").get("value").asDouble()).isEqualTo(1.0);
        // The office's rows can be ranked by either figure.
        JsonNode sorted = api.get("cv.nam", "/api/paperless/summary?" + WINDOW + "&sort=reportsElectronicOnTime,asc")
                .json();
        assertThat(sorted.get("rows").get(0).get("code").asText()).isEqualTo("THCSAP");
    }

    @Test
    void aSchoolSeesItsOwnAndAProcessWithoutSuchFactsSaysNoData() {
        JsonNode school = summary("ht.mai");
        assertThat(figure(school.get("overall"), "reportsElectronicOnTime").get("value").asDouble()).isEqualTo(0.4);
        assertThat(figure(school.get("overall"), "applicationsOnline").get("value").asDouble()).isEqualTo(0.6667);
        for (JsonNode process : school.get("processes")) {
            if (process.get("code").asText().equals("lessonPlanApproval")) {
                JsonNode f = figure(process, "applicationsOnline");
                assertThat(f.get("value").isNull()).isTrue();
                assertThat(f.get("note").asText()).isEqualTo("chưa có dữ liệu");
            }
        }
        assertThat(school.get("processes")).extracting(p -> p.get("code").asText())
                .containsExactlyInAnyOrder("enrolmentRequest", "lessonPlanApproval", "schoolReport");
    }
}
