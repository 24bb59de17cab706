package vn.truongso.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.springframework.context.ConfigurableApplicationContext;
import vn.truongso.remotesign.TestOtp;
import vn.truongso.support.Api;

/**
 * Load harness (not a test): how long from the head's confirmation of a batch until every plan is signed and waiting
 * for the principal, for batches of 1, 20 and 100 lesson plans. The application runs as the README starts it (H2 in
 * file mode under a temporary data directory, the job executor on, B-LTA signatures with the in-process TSA and
 * OCSP), everything over HTTP.
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) vn.truongso.benchmarks.BatchSigningBenchmark \
 *      [runs [sizes]] [--spring.property=value ...]
 * </pre>
 */
public final class BatchSigningBenchmark {

    private BatchSigningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] plain = Harness.plain(args);
        int runs = Harness.intArg(plain, 0, 3);
        int[] sizes = plain.length > 1 ? java.util.Arrays.stream(plain[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 20, 100};
        try (ConfigurableApplicationContext app = Harness.start(args, TestOtp.Config.class)) {
            int port = Harness.port(app);
            Api api = new Api(port);
            TaskService tasks = app.getBean(TaskService.class);
            measure(api, tasks, 1, 1); // warm-up: class loading, JIT, first TSA and OCSP answers
            System.out.println("batch  run  approve-batch(ms)  confirm(ms)  confirmation→all signed and moved on(ms)");
            for (int size : sizes) {
                for (int run = 1; run <= runs; run++) {
                    long[] t = measure(api, tasks, size, run);
                    System.out.printf(Locale.ROOT, "%5d  %3d  %17d  %11d  %39d%n", size, run, t[0], t[1], t[2]);
                }
            }
        }
    }

    /** @return approve-batch request, confirm request, confirmation sent → the last plan waits for the principal */
    private static long[] measure(Api api, TaskService tasks, int size, int run) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            JsonNode plan = api.submitLessonPlanUnconfirmed("gv.lan", "Lô " + size + "/" + run + " bài " + i);
            confirm(api, "gv.lan", plan.get("signTransaction").get("transactionId").asText());
            ids.add(plan.get("id").asText());
        }
        List<String> taskIds = new ArrayList<>();
        for (String id : ids) {
            taskIds.add(waitForTask(api, id));
        }
        String[] processIds = ids.stream().map(id -> api.get("gv.lan", "/api/lesson-plans/" + id).json()
                .get("processInstanceId").asText()).toArray(String[]::new);
        long t0 = System.nanoTime();
        Api.Response batch = api.postJson("tt.hung", "/api/tasks/approve-batch", Map.of("taskIds", taskIds));
        if (batch.status() != 202) {
            throw new IllegalStateException(batch.toString());
        }
        String tx = batch.json().get("signTransaction").get("transactionId").asText();
        long t1 = System.nanoTime();
        confirm(api, "tt.hung", tx);
        long t2 = System.nanoTime();
        while (tasks.createTaskQuery().processInstanceIdIn(processIds).taskDefinitionKey("principalApproval").count()
                < size) {
            Thread.sleep(5);
        }
        long t3 = System.nanoTime();
        return new long[] {(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t1) / 1_000_000};
    }

    private static void confirm(Api api, String user, String transactionId) {
        Api.Response r = api.postJson(user, "/api/sign-transactions/" + transactionId + "/confirm",
                Map.of("otp", TestOtp.nextCode(TestOtp.DEMO_SECRET)));
        if (r.status() != 200) {
            throw new IllegalStateException(r.toString());
        }
    }

    private static String waitForTask(Api api, String planId) throws InterruptedException {
        for (int i = 0; i < 2000; i++) {
            String task = api.taskOf("tt.hung", planId);
            if (task != null) {
                return task;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("plan " + planId + " never reached the head");
    }
}
