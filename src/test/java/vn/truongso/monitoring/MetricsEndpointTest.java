package vn.truongso.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.remotesign.TestOtp;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * /actuator/prometheus: for the administrator (the scraper) only, and it moves with the work: a lesson plan signed
 * shows up as a confirmed sign transaction, a job in the backlog that then ran, one more signing time, and the
 * request that submitted it.
 */
@IntegrationTest
class MetricsEndpointTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService jobs;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, jobs);
    }

    @Test
    void onlyTheAdministratorReadsTheMetrics() {
        assertThat(api.get(null, "/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api.get("gv.lan", "/actuator/prometheus").status()).isEqualTo(403);
        assertThat(api.get("ht.mai", "/actuator/prometheus").status()).isEqualTo(403);
        Api.Response admin = api.get("admin", "/actuator/prometheus");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.contentType()).startsWith("text/plain");
    }

    @Test
    void aSignedLessonPlanMovesTheSignTransactionJobAndSigningFigures() {
        String before = scrape();

        JsonNode submitted = api.submitLessonPlanUnconfirmed("gv.lan", "Số liệu: kế hoạch được ký");
        String tx = submitted.get("signTransaction").get("transactionId").asText();
        Api.Response confirmed = api.postJson("gv.lan", "/api/sign-transactions/" + tx + "/confirm",
                Map.of("otp", TestOtp.nextCode(TestOtp.DEMO_SECRET)));
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
        // Confirmed: the job that puts the signature in is due now and nobody has run it yet.
        double backlog = value(scrape(), "truongso_jobs_backlog", "");
        assertThat(backlog).isGreaterThanOrEqualTo(1);
        assertThat(api.runJobs()).isPositive();
        JsonNode plan = api.get("gv.lan", "/api/lesson-plans/" + submitted.get("id").asText()).json();
        assertThat(plan.get("status").asText()).isEqualTo("HEAD_REVIEW");

        JsonNode rejectedPlan = api.submitLessonPlanUnconfirmed("gv.lan", "Số liệu: kế hoạch không ký");
        Api.Response rejected = api.postJson("gv.lan", "/api/sign-transactions/"
                + rejectedPlan.get("signTransaction").get("transactionId").asText() + "/reject",
                Map.of("reason", "chưa ký"));
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);

        String after = scrape();
        assertThat(value(after, "truongso_jobs_backlog", "")).isLessThan(backlog);
        assertThat(value(after, "truongso_jobs_executed_total", "") - value(before, "truongso_jobs_executed_total", ""))
                .isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "truongso_sign_transactions_total", "outcome=\"confirmed\"")).isEqualTo(1);
        assertThat(delta(before, after, "truongso_sign_transactions_total", "outcome=\"rejected\"")).isEqualTo(1);
        assertThat(delta(before, after, "truongso_signing_time_seconds_count", "")).isEqualTo(1);
        assertThat(value(after, "http_server_requests_seconds_count", "uri=\"/api/lesson-plans\""))
                .isGreaterThanOrEqualTo(2);
        // The job executor's other figures are there even while it is off (tests run the jobs themselves).
        for (String name : new String[] {"truongso_jobs_acquisitions_total", "truongso_jobs_acquired_total",
                "truongso_jobs_acquired_lost_total", "truongso_jobs_rejected_total", "truongso_jobs_failed_total",
                "truongso_signing_time_seconds_bucket", "truongso_sign_transactions_total{outcome=\"code_refused\""}) {
            assertThat(after).contains(name);
        }
    }

    private String scrape() {
        Api.Response r = api.get("admin", "/actuator/prometheus");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.text();
    }

    private static double delta(String before, String after, String name, String label) {
        return value(after, name, label) - value(before, name, label);
    }

    /** The sum of the samples of {@code name} whose labels contain {@code label}; 0 when there is none. */
    static double value(String exposition, String name, String label) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            String metric = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
            if (metric.equals(name) && series.contains(label)) {
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        return sum;
    }
}
