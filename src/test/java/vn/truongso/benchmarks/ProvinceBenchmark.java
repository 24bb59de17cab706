package vn.truongso.benchmarks;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.truongso.common.VietnamTime;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;
import vn.truongso.steps.ProcessStart;

/**
 * Load harness (not a test): a province on a Monday morning (issue 12). It starts the application (H2 in file mode
 * under a temporary data directory, or PostgreSQL with {@code --spring.datasource.*}), seeds a province — schools under
 * the demo office VHXH-HB, each with its principal, subject groups of ten teachers with their head, a school year of
 * historic step records — and open lesson plans: real process instances of {@code lessonPlanApproval}, two thirds
 * waiting for their head ({@code headReview}), one third for their principal ({@code principalApproval}). Then heads
 * and principals of schools all over the province open their inbox ({@code GET /api/tasks}, bearer tokens), N clients
 * back to back, and it prints latency percentiles. With several open-task sizes it seeds up to each in turn and
 * measures at each.
 *
 * <p>The people and the historic records are SQL batch inserts. Each open plan gets its document, version, hold and
 * lesson_plan rows by SQL and its process instance from the engine, in-process, with the start variables of
 * {@code LessonPlanService.submit}, started right at the review step: the author's signature (a code on the teacher's
 * phone) is what this skips, so the documents have no file (the inbox does not read it).
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat target/cp.txt) vn.truongso.benchmarks.ProvinceBenchmark \
 *      [schools [teachersPerSchool [openTasks,… [historicSteps [clients,… [seconds [inboxUsers]]]]]]] \
 *      [--spring.datasource.url=jdbc:postgresql://… …]
 * </pre>
 */
public final class ProvinceBenchmark {

    private static final String PROCESS_KEY = "lessonPlanApproval";
    private static final int TEACHERS_PER_GROUP = 10;
    private static final int BATCH = 250;

    /** Measure again on a database an earlier run seeded (-Dtruongso.bench.reuse=true): seeding 100 000 takes long. */
    private static final boolean REUSE = Boolean.getBoolean("truongso.bench.reuse");
    /**
     * More nodes on the same database to spread the inbox clients over, comma-separated base URLs
     * (-Dtruongso.bench.other-nodes=http://localhost:8099): the two-node figure.
     */
    private static final String OTHER_NODES = System.getProperty("truongso.bench.other-nodes", "");

    private ProvinceBenchmark() {
    }

    private static void seed(Province province, int schools, int historicSteps) {
        long t = System.nanoTime();
        province.people();
        System.out.printf(Locale.ROOT, "people: %d schools × %d groups in %d ms%n", schools, province.groups,
                (System.nanoTime() - t) / 1_000_000);
        t = System.nanoTime();
        int perSchool = historicSteps / 6 / schools;
        for (int s = 0; s < schools && perSchool > 0; s++) {
            PaperlessSummaryBenchmark.historicRecords(province.jdbc, Province.school(s), perSchool);
        }
        System.out.printf(Locale.ROOT, "historic: %d step records in %d ms%n", (long) perSchool * 6 * schools,
                (System.nanoTime() - t) / 1_000_000);
    }

    public static void main(String[] args) throws Exception {
        String[] plain = Harness.plain(args);
        int schools = Harness.intArg(plain, 0, 500);
        int teachers = Harness.intArg(plain, 1, 40);
        int[] openTasks = plain.length > 2 ? Arrays.stream(plain[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000, 100_000};
        int historicSteps = Harness.intArg(plain, 3, 1_000_000);
        int[] clients = plain.length > 4 ? Arrays.stream(plain[4].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 16};
        int seconds = Harness.intArg(plain, 5, 30);
        int inboxUsers = Harness.intArg(plain, 6, 64);
        long t0 = System.nanoTime();
        try (ConfigurableApplicationContext app = Harness.start(args)) {
            System.out.printf(Locale.ROOT, "ready in %d ms; %d CPUs, max heap %d MB%n", (System.nanoTime() - t0)
                    / 1_000_000, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            Province province = new Province(app, schools, teachers);
            long t = System.nanoTime();
            if (REUSE && province.seeded()) {
                System.out.printf(Locale.ROOT, "reusing the seeded province: %d open tasks%n", province.open);
            } else {
                seed(province, schools, historicSteps);
            }
            String base = "http://localhost:" + Harness.port(app);
            List<String> tokens = new ArrayList<>();
            for (int k = 0; k < inboxUsers; k++) {
                int s = (int) ((long) k * schools / inboxUsers);
                String user = k % 2 == 0 ? Province.head(s, k / 2 % province.groups) : Province.principal(s);
                tokens.add(Harness.bearer(base, user, "demo"));
            }
            for (int target : openTasks) {
                t = System.nanoTime();
                int before = province.open;
                province.openTasks(target);
                long took = (System.nanoTime() - t) / 1_000_000;
                province.jdbc.execute("analyze");
                System.out.printf(Locale.ROOT, "open tasks: %d → %d in %d ms (%.1f a second), analyze done%n", before,
                        target, took, (target - before) * 1000.0 / Math.max(1, took));
                for (int k = 0; k < Math.min(2, tokens.size()); k++) { // what a head and a principal see
                    System.out.printf(Locale.ROOT, "inbox of user %d: %s tasks%n", k, Harness.get(base, "/api/tasks",
                            tokens.get(k)).get("total"));
                }
                String nodes = OTHER_NODES.isEmpty() ? base : base + "," + OTHER_NODES;
                Harness.run(nodes, "/api/tasks", tokens, clients[clients.length - 1], Math.max(5, seconds / 3));
                for (int c : clients) {
                    System.out.printf(Locale.ROOT, "GET /api/tasks at %d open tasks, %d users, %d clients, %d s,"
                            + " %d node(s)%n", target, inboxUsers, c, seconds, nodes.split(",").length);
                    System.out.println("         requests  req/s    p50 ms   p95 ms   p99 ms   errors");
                    Harness.print("inbox", Harness.run(nodes, "/api/tasks", tokens, c, seconds));
                }
                Runtime rt = Runtime.getRuntime();
                System.out.printf(Locale.ROOT, "heap used %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
            }
        }
    }

    /** The seeded schools, their people and their open lesson plans. */
    private static final class Province {

        private final JdbcTemplate jdbc;
        private final RuntimeService runtime;
        private final IdentityService identity;
        private final TransactionTemplate transaction;
        private final PasswordEncoder encoder;
        private final int schools;
        private final int groups;
        private final int teachersPerGroup;
        private final String schoolYear = UserDirectory.schoolYear(LocalDate.now(VietnamTime.ZONE));
        private int open;

        Province(ConfigurableApplicationContext app, int schools, int teachers) {
            this.jdbc = app.getBean(JdbcTemplate.class);
            this.runtime = app.getBean(RuntimeService.class);
            this.identity = app.getBean(IdentityService.class);
            this.transaction = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
            this.encoder = app.getBean(PasswordEncoder.class);
            this.schools = schools;
            this.groups = Math.max(1, teachers / TEACHERS_PER_GROUP);
            this.teachersPerGroup = Math.max(1, teachers / groups - 1); // besides the head
        }

        static String school(int s) {
            return String.format(Locale.ROOT, "P%04d", s);
        }

        static String group(int s, int g) {
            return SeededSchools.group(school(s), g);
        }

        static String principal(int s) {
            return SeededSchools.principal(school(s));
        }

        static String head(int s, int g) {
            return SeededSchools.head(school(s), g);
        }

        static String teacher(int s, int g, int i) {
            return SeededSchools.teacher(school(s), g, i);
        }

        /** Whether an earlier run seeded this database; if so, counts its open lesson plans. */
        boolean seeded() {
            Integer found = jdbc.queryForObject("select count(*) from organisation where code = ?", Integer.class,
                    school(0));
            if (found == null || found == 0) {
                return false;
            }
            Integer plans = jdbc.queryForObject("select count(*) from lesson_plan where school_code like 'P%'",
                    Integer.class);
            open = plans == null ? 0 : plans;
            return true;
        }

        /** Schools, subject groups, principals, heads and teachers (password "demo"). */
        void people() {
            String hash = encoder.encode("demo");
            for (int s = 0; s < schools; s++) {
                SeededSchools.insert(jdbc, hash, school(s), "Trường THCS thử tải số " + s, s, groups,
                        teachersPerGroup);
            }
        }

        /** Open lesson plans up to {@code target}, spread over every school, group and teacher in turn. */
        void openTasks(int target) {
            while (open < target) {
                int from = open;
                int to = Math.min(target, open + BATCH);
                transaction.executeWithoutResult(tx -> openBatch(from, to));
                open = to;
            }
        }

        private void openBatch(int from, int to) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Timestamp now = Timestamp.from(Instant.now());
            List<Object[]> documents = new ArrayList<>();
            List<Object[]> versions = new ArrayList<>();
            List<Object[]> holds = new ArrayList<>();
            List<Object[]> plans = new ArrayList<>();
            List<ProcessStart> starts = new ArrayList<>();
            List<String> steps = new ArrayList<>();
            for (int n = from; n < to; n++) {
                int s = n % schools;
                int g = n / schools % groups;
                int i = n / schools / groups % teachersPerGroup;
                String teacher = teacher(s, g, i);
                String subject = SeededSchools.subject(g);
                UUID doc = UUID.randomUUID();
                UUID plan = UUID.randomUUID();
                String sha = HexFormat.of().formatHex(UUID.randomUUID().toString().repeat(2).getBytes(), 0, 32);
                String title = "Bài " + (n / schools + 1) + ": " + subject + " tuần " + (1 + n % 35);
                int grade = 6 + random.nextInt(4);
                int week = 1 + random.nextInt(35);
                documents.add(new Object[] {doc, title, school(s), teacher, group(s, g), now});
                versions.add(new Object[] {doc, sha, 40_000 + random.nextInt(400_000), 1 + random.nextInt(6),
                        "ke-hoach-bai-day-" + n + ".pdf", teacher, now});
                holds.add(new Object[] {doc, "LESSON_PLAN:" + plan, sha, now});
                plans.add(new Object[] {plan, doc, school(s), group(s, g), teacher, subject, grade, title, week,
                        schoolYear, now});
                // The variables of LessonPlanService.submit, and those the author's signature leaves behind.
                starts.add(ProcessStart.of(PROCESS_KEY, plan.toString(), teacher, school(s), title)
                        .requester("Giáo viên " + g + "." + i + " trường " + s)
                        .document(doc)
                        .submitter(teacher)
                        .with("planId", plan.toString())
                        .with("teacher", teacher)
                        .with("headGroup", Groups.headsOf(group(s, g)))
                        .with("principalGroup", Groups.role(school(s), Role.PRINCIPAL))
                        .with("subject", subject)
                        .with("grade", grade)
                        .with("week", week)
                        .with("documentVersion", 1)
                        .with("documentSha256", sha));
                steps.add(n % 3 == 2 ? "principalApproval" : "headReview");
            }
            jdbc.batchUpdate("insert into document (id, title, kind, organisation_code, owner_username, "
                    + "owner_group_id, created_at, current_version) values (?, ?, 'LESSON_PLAN', ?, ?, ?, ?, 1)",
                    documents);
            jdbc.batchUpdate("insert into document_version (document_id, version, sha256, size_bytes, pages, "
                    + "file_name, created_by, created_at) values (?, 1, ?, ?, ?, ?, ?, ?)", versions);
            jdbc.batchUpdate("insert into document_hold (document_id, holder, pinned_version, pinned_sha256, "
                    + "held_at) values (?, ?, 1, ?, ?)", holds);
            jdbc.batchUpdate("insert into lesson_plan (id, document_id, school_code, subject_group_id, "
                    + "teacher_username, subject, grade, lesson_title, week, school_year, status, submitted_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'AWAITING_SIGNATURE', ?)", plans);
            List<Object[]> started = new ArrayList<>();
            for (int k = 0; k < starts.size(); k++) {
                ProcessStart start = starts.get(k);
                identity.setAuthenticatedUserId(start.startedBy());
                try {
                    String pid = runtime.createProcessInstanceByKey(PROCESS_KEY).businessKey(start.businessKey())
                            .setVariables(new HashMap<String, Object>(start.variables()))
                            .startBeforeActivity(steps.get(k)).execute().getProcessInstanceId();
                    started.add(new Object[] {pid, UUID.fromString(start.businessKey())});
                } finally {
                    identity.clearAuthentication();
                }
            }
            jdbc.batchUpdate("update lesson_plan set process_instance_id = ? where id = ?", started);
        }
    }
}
