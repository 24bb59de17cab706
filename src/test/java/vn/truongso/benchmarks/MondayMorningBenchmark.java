package vn.truongso.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.truongso.benchmarks.SeededSchools.Group;
import vn.truongso.benchmarks.SeededSchools.School;
import vn.truongso.remotesign.BenchSigners;
import vn.truongso.remotesign.TestOtp;
import vn.truongso.support.Api;
import vn.truongso.support.TestPdfs;

/**
 * Load harness (not a test): approvals per second with B-LTA signing when many approvers work at once — the Monday
 * morning after the teachers submitted. It starts the application as the README does (H2 in file mode under a
 * temporary data directory, or PostgreSQL with {@code --spring.datasource.*}; the job executor on; B-LTA with the
 * in-process TSA and OCSP) and seeds S schools under the demo office, each with a principal and G subject groups of a
 * head and a few teachers (SQL, as {@link ProvinceBenchmark} does, password "demo"); every one of them gets a signing
 * credential as the demo signers do (key made here, certificate from the school PKI, the demo TOTP secret). Then,
 * all over HTTP with bearer tokens, after a warm-up (the demo school's gv.lan, tt.hung and ht.mai take two plans
 * through the same requests):
 * <ol>
 * <li>seeding: the teachers upload a real PDF, submit and confirm the author's signature, P plans per head;</li>
 * <li>heads, one thread each, all at once: open the inbox, approve-batch their P plans, confirm the one code; each
 *     plan's latency runs from the head opening the inbox until it waits for the principal (signature in);</li>
 * <li>principals, one thread each, all at once: one plan at a time, approve + confirm; each plan's latency runs from
 *     its approval request until its process ends (signature in, filed).</li>
 * </ol>
 *
 * <p>Codes: every seeded signer has the demo secret, and {@link TestOtp} moves the time codes are checked against
 * (for all signers) when a signer needs a code newer than its last. A code is good within one step of that time, so
 * {@link Codes} moves it only when no code two steps old is still in flight; a thread may wait for that (counted in
 * its latency, a few tens of milliseconds at most, where a real phone would wait up to 30 s).
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat target/cp.txt) vn.truongso.benchmarks.MondayMorningBenchmark \
 *      [schools [groupsPerSchool [plansPerHead [teachersPerGroup]]]] [--spring.datasource.url=… …]
 * </pre>
 */
public final class MondayMorningBenchmark {


    /**
     * Nodes (-Dtruongso.bench.nodes=2): a second application context in this JVM on the same PostgreSQL database,
     * document store and master key, with its own job executor; each approver (and each group's teachers) uses one
     * node, by name. Both share this machine's cores, as two nodes on one machine would.
     */
    private static final int NODES = Integer.getInteger("truongso.bench.nodes", 1);
    /** The seeded schools' codes start with it: another letter runs again on a database seeded before. */
    private static final String PREFIX = System.getProperty("truongso.bench.prefix", "M");

    private MondayMorningBenchmark() {
    }

    private static ConfigurableApplicationContext secondNode(ConfigurableApplicationContext first, String[] args)
            throws java.io.IOException {
        String url = first.getEnvironment().getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("two nodes share a PostgreSQL database: give --spring.datasource.url");
        }
        List<String> more = new ArrayList<>(Arrays.asList(args));
        more.add("--truongso.storage.dir=" + first.getEnvironment().getProperty("truongso.storage.dir"));
        more.add("--truongso.remotesign.master-key-file="
                + first.getEnvironment().getProperty("truongso.remotesign.master-key-file"));
        more.add("--camunda.bpm.process-engine-name=second");
        return Harness.start(more.toArray(String[]::new), TestOtp.Config.class);
    }

    /** Which node each head and principal works on: heads in turn, principals in turn (a group goes with its head). */
    private static final Map<String, Integer> NODE_OF = new ConcurrentHashMap<>();

    private static void assignNodes(School[] province) {
        int heads = 0;
        for (int i = 0; i < province.length; i++) {
            NODE_OF.put(province[i].principal(), i % 2);
            for (Group g : province[i].groups()) {
                NODE_OF.put(g.head(), heads++ % 2);
            }
        }
    }

    private static double jobsRun(ConfigurableApplicationContext node) {
        io.micrometer.core.instrument.Counter c = node.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .find("truongso.jobs.executed").counter();
        return c == null ? 0 : c.count();
    }

    /** The node this person works on: the same one every time. */
    private static Api node(Api first, Api other, String user) {
        return NODE_OF.getOrDefault(user, 0) == 0 ? first : other;
    }

    public static void main(String[] args) throws Exception {
        String[] plain = Harness.plain(args);
        int schools = Harness.intArg(plain, 0, 4);
        int groups = Harness.intArg(plain, 1, 2);
        int plans = Harness.intArg(plain, 2, 20);
        int teachers = Harness.intArg(plain, 3, 3);
        if (plans > 200) {
            throw new IllegalArgumentException("at most 200 plans a head (one inbox page)");
        }
        long t0 = System.nanoTime();
        try (ConfigurableApplicationContext app = Harness.start(args, TestOtp.Config.class);
             ConfigurableApplicationContext second = NODES > 1 ? secondNode(app, args) : null) {
            System.out.printf(Locale.ROOT, "ready in %d ms; %d CPUs, max heap %d MB; %d node(s)%n", ms(t0),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, NODES);
            Api first = new Api(Harness.port(app)).signInOnce();
            Api other = second == null ? first : new Api(Harness.port(second)).signInOnce();
            School[] province = people(app, schools, groups, teachers);
            assignNodes(province);
            List<String> signers = new ArrayList<>();
            for (School s : province) {
                signers.addAll(s.everyone());
            }
            long t = System.nanoTime();
            BenchSigners.enrol(app, signers);
            System.out.printf(Locale.ROOT, "people: %d schools × %d groups × (head + %d teachers), %d signing "
                    + "credentials issued in %d ms%n", schools, groups, teachers, signers.size(), ms(t));
            for (String user : signers) { // one BCrypt check each (on each node's client), before anything is timed
                first.get(user, "/api/tasks?size=1");
                other.get(user, "/api/tasks?size=1");
            }
            Codes codes = new Codes();
            TaskService tasks = app.getBean(TaskService.class);
            HistoryService history = app.getBean(HistoryService.class);
            t = System.nanoTime();
            warmUp(first, codes, history);
            System.out.printf(Locale.ROOT, "warm-up (demo school: 2 plans submitted, batch-approved, approved) in %d "
                    + "ms%n", ms(t));

            // 1. The teachers submit: P plans per head, every group at once (one thread a group).
            Map<String, List<Plan>> byHead = new ConcurrentHashMap<>();
            t = System.nanoTime();
            parallel(Arrays.stream(province).flatMap(s -> s.groups().stream()).toList(), g -> {
                List<Plan> submitted = new ArrayList<>();
                for (int i = 0; i < plans; i++) {
                    String teacher = g.teachers().get(i % g.teachers().size());
                    submitted.add(submit(node(first, other, g.head()), codes, teacher, g.subject(),
                            g.head() + " bài " + i));
                }
                byHead.put(g.head(), submitted);
                return null;
            });
            int total = schools * groups * plans;
            double seedSeconds = (System.nanoTime() - t) / 1e9;
            Map<String, Plan> byProcess = new HashMap<>();
            byHead.values().forEach(list -> list.forEach(p -> byProcess.put(p.processInstanceId, p)));
            Poller atHead = new Poller(byProcess.keySet(), ids -> tasks.createTaskQuery().processInstanceIdIn(
                    ids.toArray(String[]::new)).taskDefinitionKey("headReview").list().stream()
                    .map(Task::getProcessInstanceId).toList());
            atHead.run();
            System.out.printf(Locale.ROOT, "seeding: %d plans submitted (upload + submit + author's code) by %d "
                    + "groups at once in %.1f s: %.1f submissions/s; all waiting for their head after %.1f s%n", total,
                    schools * groups, seedSeconds, total / seedSeconds, (System.nanoTime() - t) / 1e9);

            // 2. Every head at once: inbox, approve-batch, one code.
            Poller atPrincipal = new Poller(byProcess.keySet(), ids -> tasks.createTaskQuery().processInstanceIdIn(
                    ids.toArray(String[]::new)).taskDefinitionKey("principalApproval").list().stream()
                    .map(Task::getProcessInstanceId).toList());
            Thread poll = new Thread(atPrincipal::run, "poll-principal");
            poll.setDaemon(true);
            poll.start();
            Map<String, long[]> headTimes = new ConcurrentHashMap<>(); // head → inbox opened, confirm sent, done
            long heads0 = System.nanoTime();
            parallel(List.copyOf(byHead.keySet()), head -> {
                Api api = node(first, other, head);
                long opened = System.nanoTime();
                Set<String> mine = new HashSet<>();
                byHead.get(head).forEach(p -> mine.add(p.id));
                List<String> taskIds = new ArrayList<>();
                for (JsonNode item : ok(api.get(head, "/api/tasks?size=200"), 200).json().get("items")) {
                    if (mine.contains(item.get("businessKey").asText())) {
                        taskIds.add(item.get("id").asText());
                    }
                }
                if (taskIds.size() != mine.size()) {
                    throw new IllegalStateException(head + " sees " + taskIds.size() + " of " + mine.size());
                }
                Api.Response batch = ok(api.postJson(head, "/api/tasks/approve-batch", Map.of("taskIds", taskIds)),
                        202);
                long confirmSent = System.nanoTime();
                confirm(api, codes, head, batch.json().get("signTransaction").get("transactionId").asText());
                headTimes.put(head, new long[] {opened, confirmSent, System.nanoTime()});
                for (Plan p : byHead.get(head)) {
                    p.headStart = opened;
                }
                return null;
            });
            poll.join();
            long firstConfirm = headTimes.values().stream().mapToLong(x -> x[1]).min().orElseThrow();
            long[] headLatency = byProcess.values().stream().mapToLong(p -> atPrincipal.seen.get(p.processInstanceId)
                    - p.headStart).sorted().toArray();
            long headsEnd = atPrincipal.last();
            long[] batchRequests = headTimes.values().stream().mapToLong(x -> x[1] - x[0]).sorted().toArray();
            long[] confirmRequests = headTimes.values().stream().mapToLong(x -> x[2] - x[1]).sorted().toArray();

            // 3. Every principal at once, one plan at a time: approve + code.
            Poller ended = new Poller(byProcess.keySet(), ids -> history.createHistoricProcessInstanceQuery()
                    .processInstanceIds(new HashSet<>(ids)).finished().list().stream()
                    .map(HistoricProcessInstance::getId).toList());
            poll = new Thread(ended::run, "poll-ended");
            poll.setDaemon(true);
            poll.start();
            Map<String, Plan> byId = new HashMap<>();
            byProcess.values().forEach(p -> byId.put(p.id, p));
            long principals0 = System.nanoTime();
            parallel(Arrays.stream(province).map(School::principal).toList(), principal -> {
                Api api = node(first, other, principal);
                for (JsonNode item : ok(api.get(principal, "/api/tasks?size=200"), 200).json().get("items")) {
                    Plan p = byId.get(item.get("businessKey").asText());
                    if (p == null) {
                        continue;
                    }
                    p.principalStart = System.nanoTime();
                    Api.Response r = ok(api.complete(principal, item.get("id").asText(), "APPROVE", null, "DIGITAL"),
                            202);
                    confirm(api, codes, principal, r.json().get("transactionId").asText());
                }
                return null;
            });
            long principalsRequestsEnd = System.nanoTime();
            poll.join();
            long[] principalLatency = byProcess.values().stream().mapToLong(p -> ended.seen.get(p.processInstanceId)
                    - p.principalStart).sorted().toArray();
            long principalsEnd = ended.last();

            System.out.printf(Locale.ROOT, "%n%d schools × %d groups × %d plans = %d plans; %d heads, %d principals "
                    + "at once; code moves: %d%n", schools, groups, plans, total, byHead.size(), schools,
                    codes.advances);
            System.out.println("step        approvers  plans  wall s  approvals/s  p50 ms  p95 ms  max ms");
            row("head-batch", byHead.size(), total, (headsEnd - firstConfirm) / 1e9, headLatency);
            row("principal", schools, total, (principalsEnd - principals0) / 1e9, principalLatency);
            System.out.printf(Locale.ROOT, "head-batch: wall from the first confirmation sent to the last plan at "
                    + "the principal; from the first inbox opened %.1f s (%.1f approvals/s); inbox + approve-batch "
                    + "p50 %.0f ms, max %.0f ms; confirm request p50 %.0f ms, max %.0f ms%n", (headsEnd - heads0) / 1e9,
                    total / ((headsEnd - heads0) / 1e9), Harness.pct(batchRequests, 50),
                    Harness.pct(batchRequests, 100), Harness.pct(confirmRequests, 50),
                    Harness.pct(confirmRequests, 100));
            System.out.printf(Locale.ROOT, "principal: wall from the first request to the last process ended; the "
                    + "principals' requests took %.1f s%n", (principalsRequestsEnd - principals0) / 1e9);
            System.out.println("latency — head-batch: inbox opened → plan waits for the principal; principal: "
                    + "approve request → process ended");
            if (second != null) {
                System.out.printf(Locale.ROOT, "jobs run (signatures put in and the rest): first node %.0f, second "
                        + "node %.0f%n", jobsRun(app), jobsRun(second));
            }
        }
    }

    /**
     * Class loading, JIT and the first TSA and OCSP answers, before anything is timed: the demo school's teacher,
     * head and principal take two plans through the same requests.
     */
    private static void warmUp(Api api, Codes codes, HistoryService history) throws InterruptedException {
        List<Plan> plans = List.of(submit(api, codes, "gv.lan", "Toán", "Khởi động 1"),
                submit(api, codes, "gv.lan", "Toán", "Khởi động 2"));
        List<String> heads = tasksOf(api, "tt.hung", plans);
        Api.Response batch = ok(api.postJson("tt.hung", "/api/tasks/approve-batch", Map.of("taskIds", heads)), 202);
        confirm(api, codes, "tt.hung", batch.json().get("signTransaction").get("transactionId").asText());
        for (String task : tasksOf(api, "ht.mai", plans)) {
            Api.Response r = ok(api.complete("ht.mai", task, "APPROVE", null, "DIGITAL"), 202);
            confirm(api, codes, "ht.mai", r.json().get("transactionId").asText());
        }
        for (Plan p : plans) {
            for (int i = 0; history.createHistoricProcessInstanceQuery().processInstanceId(p.processInstanceId)
                    .finished().count() == 0; i++) {
                if (i > 12_000) {
                    throw new IllegalStateException("warm-up plan " + p.id + " never ended");
                }
                Thread.sleep(10);
            }
        }
    }

    /** The inbox task ids of these plans, once all of them are there. */
    private static List<String> tasksOf(Api api, String user, List<Plan> plans) throws InterruptedException {
        Set<String> ids = new HashSet<>();
        plans.forEach(p -> ids.add(p.id));
        for (int i = 0; i < 12_000; i++) {
            List<String> found = new ArrayList<>();
            for (JsonNode item : ok(api.get(user, "/api/tasks?size=200"), 200).json().get("items")) {
                if (ids.contains(item.get("businessKey").asText())) {
                    found.add(item.get("id").asText());
                }
            }
            if (found.size() == ids.size()) {
                return found;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("plans never reached " + user);
    }

    private static void row(String name, int approvers, int plans, double seconds, long[] sortedNanos) {
        System.out.printf(Locale.ROOT, "%-10s  %9d  %5d  %6.1f  %11.1f  %6.0f  %6.0f  %6.0f%n", name, approvers, plans,
                seconds, plans / seconds, Harness.pct(sortedNanos, 50), Harness.pct(sortedNanos, 95),
                Harness.pct(sortedNanos, 100));
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    // ---- people ----

    /** Schools under the demo office, each with its principal and groups of a head and teachers (SQL, as the province). */
    private static School[] people(ConfigurableApplicationContext app, int schools, int groups, int teachers) {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        String hash = app.getBean(PasswordEncoder.class).encode("demo");
        School[] all = new School[schools];
        for (int s = 0; s < schools; s++) {
            all[s] = SeededSchools.insert(jdbc, hash, String.format(Locale.ROOT, "%s%03d", PREFIX, s),
                    "Trường THCS sáng thứ Hai số " + s, s, groups, teachers);
        }
        return all;
    }

    // ---- plans ----

    private static final class Plan {
        final String id;
        final String processInstanceId;
        volatile long headStart;
        volatile long principalStart;

        Plan(String id, String processInstanceId) {
            this.id = id;
            this.processInstanceId = processInstanceId;
        }
    }

    /** Upload a real PDF, submit, confirm the author's signature; as the teacher's browser and phone would. */
    private static Plan submit(Api api, Codes codes, String teacher, String subject, String title)
            throws InterruptedException {
        Api.Response up = ok(api.postMultipart(teacher, "/api/documents", Api.Part.file("khbd.pdf",
                "application/pdf", TestPdfs.lessonPlan(title)), Api.Part.field("title", title),
                Api.Part.field("kind", "LESSON_PLAN")), 201);
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("documentId", up.json().get("id").asText());
        req.put("subject", subject);
        req.put("grade", 8);
        req.put("lessonTitle", title);
        req.put("week", 1 + LocalDate.now().getDayOfYear() % 35);
        JsonNode plan = ok(api.postJson(teacher, "/api/lesson-plans", req), 201).json();
        confirm(api, codes, teacher, plan.get("signTransaction").get("transactionId").asText());
        String id = plan.get("id").asText();
        return new Plan(id, ok(api.get(teacher, "/api/lesson-plans/" + id), 200).json().get("processInstanceId")
                .asText());
    }

    private static void confirm(Api api, Codes codes, String user, String transactionId)
            throws InterruptedException {
        long step = codes.take(user);
        try {
            Api.Response r = ok(api.postJson(user, "/api/sign-transactions/" + transactionId + "/confirm",
                    Map.of("otp", TestOtp.codeAt(TestOtp.DEMO_SECRET, step))), 200);
            if (!"SIGNED".equals(r.json().get("status").asText())) {
                throw new IllegalStateException(user + ": " + r);
            }
        } finally {
            codes.done(step);
        }
    }

    private static Api.Response ok(Api.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + r);
        }
        return r;
    }

    /**
     * Codes for many signers at once. Each signer needs a step newer than its last; the server accepts a code within
     * one step of its time, and that time moves (for everyone) when a signer asks for a newer step. So the time moves
     * only once every code two steps old has come back.
     */
    private static final class Codes {
        private final Map<String, Long> lastUsed = new HashMap<>();
        private final TreeMap<Long, Integer> inFlight = new TreeMap<>();
        private int advances;

        synchronized long take(String user) throws InterruptedException {
            while (true) {
                long now = TestOtp.serverStep();
                Long last = lastUsed.get(user);
                if (last == null || last < now) {
                    lastUsed.put(user, now);
                    inFlight.merge(now, 1, Integer::sum);
                    return now;
                }
                if (inFlight.isEmpty() || inFlight.firstKey() >= now) {
                    TestOtp.nextCode(TestOtp.DEMO_SECRET); // moves the server's time one step
                    advances++;
                } else {
                    wait(50);
                }
            }
        }

        synchronized void done(long step) {
            inFlight.computeIfPresent(step, (k, n) -> n == 1 ? null : n - 1);
            notifyAll();
        }
    }

    /** Notes when each process instance first shows up in {@code query} (polled every 10 ms) until all have. */
    private static final class Poller {
        final Map<String, Long> seen = new ConcurrentHashMap<>();
        private final Set<String> waiting;
        private final Function<Collection<String>, List<String>> query;

        Poller(Collection<String> ids, Function<Collection<String>, List<String>> query) {
            this.waiting = new HashSet<>(ids);
            this.query = query;
        }

        void run() {
            long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000L;
            while (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(waiting.size() + " plans never got there");
                }
                List<String> ids = List.copyOf(waiting);
                for (int from = 0; from < ids.size(); from += 500) {
                    for (String id : query.apply(ids.subList(from, Math.min(ids.size(), from + 500)))) {
                        long at = System.nanoTime();
                        if (waiting.remove(id)) {
                            seen.put(id, at);
                        }
                    }
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        long last() {
            return seen.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        }
    }

    private interface Work<T> {
        Object run(T item) throws Exception;
    }

    /** One thread an item, all started together; fails with the first failure. */
    private static <T> void parallel(List<T> items, Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(items.size());
        try {
            List<Future<Object>> parts = new ArrayList<>();
            for (T item : items) {
                parts.add(pool.submit(() -> work.run(item)));
            }
            for (Future<Object> p : parts) {
                p.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
