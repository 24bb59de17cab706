package vn.truongso.benchmarks;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.common.VietnamTime;
import vn.truongso.support.Api;

/**
 * Load harness (not a test): the education officer's paperless summary for an office with many schools over a school
 * year. The application runs as the README starts it (H2 in file mode under a temporary data directory); the year's
 * records are inserted directly (lesson plans of six steps each, a mix of digital and paper), then the officer's
 * {@code GET /api/paperless/summary} (a row per school) and its CSV are timed over HTTP.
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *      vn.truongso.benchmarks.PaperlessSummaryBenchmark [schools [instancesPerSchool [runs]]]
 * </pre>
 */
public final class PaperlessSummaryBenchmark {

    private static final String[][] STEPS = {
            {"SUBMISSION", "submitted", "1"}, {"SIGNATURE", "authorSign", null}, {"TASK", "headReview", "1"},
            {"SIGNATURE", "headSign", null}, {"TASK", "principalApproval", "1"}, {"SIGNATURE", "principalSign", null}};

    private PaperlessSummaryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] plain = Harness.plain(args);
        int schools = Harness.intArg(plain, 0, 60);
        int perSchool = Harness.intArg(plain, 1, 1000);
        int runs = Harness.intArg(plain, 2, 5);
        try (ConfigurableApplicationContext app = Harness.start(args)) {
            int port = Harness.port(app);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long t0 = System.nanoTime();
            seed(jdbc, schools, perSchool);
            // Steady state: the planner knows the tables' sizes (right after a bulk insert, before autovacuum has
            // analysed them, PostgreSQL planned the first summary as nested loops: minutes, not milliseconds).
            jdbc.execute("analyze");
            System.out.printf(Locale.ROOT, "seeded %d schools × %d instances (%d step records) in %d s%n", schools,
                    perSchool, (long) schools * perSchool * STEPS.length, (System.nanoTime() - t0) / 1_000_000_000);
            Api api = new Api(port);
            String query = "/api/paperless/summary?from=2025-08-01&to=2026-07-31";
            System.out.println("run  summary(ms)  csv(ms)  heap used after(MB)");
            for (int run = 0; run <= runs; run++) {
                long a = System.nanoTime();
                Api.Response json = api.get("cv.nam", query);
                long b = System.nanoTime();
                Api.Response csv = api.get("cv.nam", query.replace("summary", "summary.csv"));
                long c = System.nanoTime();
                if (json.status() != 200 || csv.status() != 200
                        || json.json().get("rows").size() < schools) {
                    throw new IllegalStateException(json.status() + " " + csv.status());
                }
                Runtime rt = Runtime.getRuntime();
                System.out.printf(Locale.ROOT, "%3s  %11d  %7d  %19d%n", run == 0 ? "w" : String.valueOf(run),
                        (b - a) / 1_000_000, (c - b) / 1_000_000, (rt.totalMemory() - rt.freeMemory()) >> 20);
            }
        }
    }

    /** Schools under the demo office VHXH-HB, and a school year of lesson plans in each. */
    private static void seed(JdbcTemplate jdbc, int schools, int perSchool) {
        for (int s = 0; s < schools; s++) {
            String school = String.format(Locale.ROOT, "BENCH%03d", s);
            jdbc.update("insert into organisation (code, name, kind, parent_code) values (?, ?, "
                    + "'LOWER_SECONDARY_SCHOOL', 'VHXH-HB')", school, "Trường THCS thử tải " + s);
            historicRecords(jdbc, school, perSchool);
        }
    }

    /**
     * A school year of completed lesson plans of one school, as the step tracking records them: {@code instances}
     * process records of six step records each (a fifth with the head's steps on paper), in two batch inserts.
     */
    static void historicRecords(JdbcTemplate jdbc, String school, int instances) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant yearStart = LocalDateTime.of(2025, 9, 5, 8, 0).atZone(VietnamTime.ZONE).toInstant();
        List<Object[]> processes = new ArrayList<>();
        List<Object[]> steps = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            String pid = "bench-" + UUID.randomUUID();
            Instant start = yearStart.plusSeconds(random.nextLong(300L * 24 * 3600));
            boolean paperHead = random.nextInt(10) < 2;
            int pages = 1 + random.nextInt(6);
            Instant end = start.plusSeconds(3600L * (1 + random.nextInt(72)));
            processes.add(new Object[] {pid, "lessonPlanApproval", "Duyệt kế hoạch bài dạy", pid, school,
                    UUID.randomUUID(), "gv" + random.nextInt(40), Timestamp.from(start), Timestamp.from(end),
                    "COMPLETED"});
            for (int k = 0; k < STEPS.length; k++) {
                String channel = paperHead && (k == 2 || k == 3) ? "PAPER" : "DIGITAL";
                Integer copies = STEPS[k][2] == null ? null : Integer.valueOf(STEPS[k][2]);
                Integer avoided = copies == null ? null : "DIGITAL".equals(channel) ? copies * pages : 0;
                Boolean signed = "SIGNATURE".equals(STEPS[k][0]) ? "DIGITAL".equals(channel) : null;
                steps.add(new Object[] {STEPS[k][0], "lessonPlanApproval", pid, pid, school, STEPS[k][1],
                        STEPS[k][1], "APPROVE", channel, Timestamp.from(start.plusSeconds(k * 600L)),
                        Timestamp.from(start.plusSeconds(k * 600L + 300)), pages, copies, avoided, signed});
            }
        }
        jdbc.batchUpdate("insert into process_record (process_instance_id, process_key, process_name, "
                + "business_key, tenant_id, document_id, started_by, started_at, ended_at, outcome) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", processes);
        jdbc.batchUpdate("insert into step_record (kind, process_key, process_instance_id, business_key, "
                + "tenant_id, step_id, step_name, decision, channel, started_at, ended_at, document_pages, "
                + "printed_copies, pages_avoided, signed_electronically) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", steps);
    }
}
