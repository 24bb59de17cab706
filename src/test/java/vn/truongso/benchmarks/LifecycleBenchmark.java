package vn.truongso.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ConfigurableApplicationContext;
import vn.truongso.remotesign.TestOtp;
import vn.truongso.signing.SignatureFlow;
import vn.truongso.support.Api;

/**
 * Load harness (not a test): the cost of one whole lesson plan — submitted and signed by its teacher, approved and
 * signed by the head, approved and signed by the principal, filed — through TruongSo over HTTP, against the same two
 * models (lesson-plan-approval and remote-signature) on a bare Camunda engine whose steps do nothing. Cost is the
 * process's CPU time per lifecycle (client included for TruongSo, it runs in the same JVM), so it holds on a shared
 * machine better than wall time does; wall time and lifecycles per second are printed too.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) vn.truongso.benchmarks.LifecycleBenchmark \
 *      bare|truongso [lifecycles [clients]] [--spring.property=value ...]
 * </pre>
 */
public final class LifecycleBenchmark {

    private LifecycleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] plain = Harness.plain(args);
        String mode = plain.length > 0 ? plain[0] : "bare";
        int count = Harness.intArg(plain, 1, 50);
        int clients = Harness.intArg(plain, 2, 1);
        if (mode.equals("bare")) {
            bare(count, clients);
        } else {
            truongso(args, count, clients);
        }
    }

    // ---- TruongSo: the lesson plan's story over HTTP, the job executor signing B-LTA ----

    private static void truongso(String[] args, int count, int clients) throws Exception {
        // The client runs the signing jobs itself (Api.confirm), as the bare engine's driver does: no job executor.
        String[] options = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--camunda.bpm.job-execution.enabled=false")).toArray(String[]::new);
        try (ConfigurableApplicationContext app = Harness.start(options, TestOtp.Config.class)) {
            // Bearer tokens, as an API client or the pages' session: the password (BCrypt) is checked once a user.
            Api api = new Api(Harness.port(app), app.getBean(ManagementService.class)).signInOnce();
            HistoryService history = app.getBean(HistoryService.class);
            Timer signing = app.getBean(MeterRegistry.class).get("truongso.signing.time").timer();
            for (int i = 0; i < 3; i++) { // warm-up: class loading, JIT, first TSA and OCSP answers
                story(api, history, "khởi động " + i);
            }
            long signed0 = signing.count();
            double signingMs0 = signing.totalTime(TimeUnit.MILLISECONDS);
            Measured m = measure(count, clients, i -> story(api, history, "bài " + i));
            long signatures = signing.count() - signed0;
            double signingMs = signing.totalTime(TimeUnit.MILLISECONDS) - signingMs0;
            print("truongso", count, clients, m);
            System.out.printf(Locale.ROOT, "signatures %d (%.1f a lifecycle), signing wall time %.1f ms a signature%n",
                    signatures, signatures / (double) count, signingMs / Math.max(1, signatures));
        }
    }

    private static void story(Api api, HistoryService history, String title) throws InterruptedException {
        String plan = api.submitLessonPlan("gv.lan", title).get("id").asText();
        decide(api, "tt.hung", plan);
        decide(api, "ht.mai", plan);
        String process = api.get("gv.lan", "/api/lesson-plans/" + plan).json().get("processInstanceId").asText();
        for (int i = 0; history.createHistoricProcessInstanceQuery().processInstanceId(process).finished().count() == 0;
                i++) {
            if (i > 6000) {
                throw new IllegalStateException("plan " + plan + " never ended");
            }
            Thread.sleep(5);
        }
    }

    private static void decide(Api api, String user, String plan) throws InterruptedException {
        String task = null;
        for (int i = 0; task == null; i++) {
            if (i > 6000) {
                throw new IllegalStateException("plan " + plan + " never reached " + user);
            }
            task = api.taskOf(user, plan);
            if (task == null) {
                Thread.sleep(5);
            }
        }
        Api.Response r = api.completeAndSign(user, task, "APPROVE", null, "DIGITAL");
        if (r.status() != 202) {
            throw new IllegalStateException(r.toString());
        }
    }

    // ---- The bare engine: the same two models, every step a no-op ----

    private static void bare(int count, int clients) throws Exception {
        Path dir = Files.createTempDirectory("truongso-bare");
        StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("engine"));
        config.setJdbcUsername("sa");
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        config.setJobExecutorActivate(false);
        config.setJdbcMaxActiveConnections(Math.max(10, clients + 2));
        config.setJavaSerializationFormatEnabled(true);
        config.setBeans(Map.of("lessonPlanApprovalSteps", new NoLessonPlanSteps(),
                "remoteSignatureSteps", new NoSignatureSteps(), "signatureFlow", new SignatureFlow()));
        ProcessEngine engine = config.buildProcessEngine();
        try {
            engine.getRepositoryService().createDeployment().addClasspathResource("bpmn/lesson-plan-approval.bpmn")
                    .addClasspathResource("bpmn/remote-signature.bpmn").deploy();
            for (int i = 0; i < 200; i++) { // warm-up: as long as TruongSo's, in CPU time
                bareStory(engine, "warm-up-" + i);
            }
            Measured m = measure(count, clients, i -> bareStory(engine, "plan-" + i));
            print("bare", count, clients, m);
        } finally {
            engine.close();
        }
    }

    private static void bareStory(ProcessEngine engine, String key) {
        RuntimeService runtime = engine.getRuntimeService();
        Map<String, Object> vars = new HashMap<>();
        vars.put("tenantId", "TH-DEMO");
        vars.put("documentId", key);
        vars.put("displayTitle", key);
        vars.put("teacher", "gv.lan");
        vars.put("lastActor", "gv.lan");
        vars.put("lastChannel", "DIGITAL");
        vars.put("principalGroup", "principals");
        String process = runtime.startProcessInstanceByKey("lessonPlanApproval", key, vars).getId();
        signBare(engine, key); // the author's signature
        completeBare(engine, process, "headReview", "tt.hung");
        signBare(engine, key);
        completeBare(engine, process, "principalApproval", "ht.mai");
        signBare(engine, key);
        if (engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(process).finished()
                .count() != 1) {
            throw new IllegalStateException("bare " + key + " did not end");
        }
    }

    /** The signer's code confirmed: the decision message, then the asynchronous apply step. */
    private static void signBare(ProcessEngine engine, String key) {
        RuntimeService runtime = engine.getRuntimeService();
        String signature = runtime.createProcessInstanceQuery().processDefinitionKey("remoteSignature")
                .processInstanceBusinessKey(key).singleResult().getId();
        runtime.createMessageCorrelation("signatureDecided").processInstanceId(signature)
                .setVariable("signatureOutcome", "SIGNED").correlate();
        Job apply = engine.getManagementService().createJobQuery().processInstanceId(signature).executable()
                .singleResult();
        engine.getManagementService().executeJob(apply.getId());
    }

    private static void completeBare(ProcessEngine engine, String process, String taskKey, String actor) {
        TaskService tasks = engine.getTaskService();
        Task task = tasks.createTaskQuery().processInstanceId(process).taskDefinitionKey(taskKey).singleResult();
        tasks.complete(task.getId(), Map.of("decision", "APPROVE", "lastActor", actor));
    }

    /** lesson-plan-approval's steps, doing nothing but answering what the model needs. */
    public static final class NoLessonPlanSteps {
        public List<String> headReviewers(DelegateExecution execution) {
            return List.of("heads");
        }

        public Date reminderAt() {
            return Date.from(Instant.now().plusSeconds(86_400));
        }

        public Date escalationAt() {
            return Date.from(Instant.now().plusSeconds(3 * 86_400));
        }

        public void enter(DelegateExecution execution, String status) {
        }

        public void signed(DelegateExecution execution) {
        }

        public void checkRevision(DelegateTask task) {
        }

        public void remind(DelegateExecution execution) {
        }

        public void escalate(DelegateExecution execution) {
        }

        public void file(DelegateExecution execution) {
        }
    }

    /** remote-signature's steps, doing nothing. */
    public static final class NoSignatureSteps {
        public void prepare(DelegateExecution execution) {
        }

        public void apply(DelegateExecution execution) {
        }

        public void expire(DelegateExecution execution) {
        }

        public String timeout() {
            return "PT5M";
        }
    }

    // ---- Measuring ----

    private interface Story {
        void run(int index) throws Exception;
    }

    private record Measured(double seconds, double cpuMs, long[] nanos) {
    }

    private static Measured measure(int count, int clients, Story story) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        List<Future<Long>> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            runs.add(pool.submit(() -> {
                long t = System.nanoTime();
                story.run(index);
                return System.nanoTime() - t;
            }));
        }
        long[] nanos = new long[count];
        try {
            for (int i = 0; i < count; i++) {
                nanos[i] = runs.get(i).get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
        java.util.Arrays.sort(nanos);
        return new Measured(seconds, cpuMs, nanos);
    }

    private static void print(String mode, int count, int clients, Measured m) {
        System.out.printf(Locale.ROOT, "%s: %d lifecycles, %d clients: %.2f lifecycles/s, CPU %.1f ms a lifecycle, "
                        + "wall p50 %.1f ms p95 %.1f ms%n", mode, count, clients, count / m.seconds(),
                m.cpuMs() / count, Harness.pct(m.nanos(), 50), Harness.pct(m.nanos(), 95));
    }
}
