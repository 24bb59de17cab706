package vn.truongso.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load driver (not a test): requests per second of {@code GET /api/tasks} as one demo user, with HTTP Basic (a BCrypt
 * check on every request) and then with a bearer token from {@code POST /api/auth/token} (one SHA-256 and one
 * primary-key read). N clients, each its own connection, send back to back for a fixed time after a warm-up of both
 * ways; it prints req/s and latency percentiles. Starts the application (H2 in file mode, temporary data directory),
 * or with {@code --port=N} drives one already running on localhost.
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *      vn.truongso.benchmarks.InboxAuthBenchmark [clients [seconds [user]]] [--port=8080]
 * </pre>
 */
public final class InboxAuthBenchmark {

    private InboxAuthBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] plain = Harness.plain(args);
        int clients = Harness.intArg(plain, 0, 8);
        int seconds = Harness.intArg(plain, 1, 20);
        String user = plain.length > 2 ? plain[2] : "tt.hung";
        String port = Arrays.stream(args).filter(a -> a.startsWith("--port=")).map(a -> a.substring(7)).findFirst()
                .orElse(null);
        ConfigurableApplicationContext app = null;
        if (port == null) {
            app = Harness.start(args);
            port = String.valueOf(Harness.port(app));
        }
        try {
            String base = "http://localhost:" + port;
            List<String> basic = List.of(Harness.basic(user, "demo"));
            List<String> bearer = List.of(Harness.bearer(base, user, "demo"));
            System.out.printf(Locale.ROOT, "GET /api/tasks as %s, %d clients, %d s each, %d CPUs%n", user, clients,
                    seconds, Runtime.getRuntime().availableProcessors());
            Harness.run(base, "/api/tasks", basic, clients, Math.max(3, seconds / 4)); // warm-up of both ways first
            Harness.run(base, "/api/tasks", bearer, clients, Math.max(3, seconds / 4));
            System.out.println("auth     requests  req/s    p50 ms   p95 ms   p99 ms   errors");
            Harness.print("Basic", Harness.run(base, "/api/tasks", basic, clients, seconds));
            Harness.print("Bearer", Harness.run(base, "/api/tasks", bearer, clients, seconds));
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }
}
