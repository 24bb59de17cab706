package vn.truongso.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import vn.truongso.TruongSoApplication;

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
        String[] plain = Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        int clients = plain.length > 0 ? Integer.parseInt(plain[0]) : 8;
        int seconds = plain.length > 1 ? Integer.parseInt(plain[1]) : 20;
        String user = plain.length > 2 ? plain[2] : "tt.hung";
        String port = Arrays.stream(args).filter(a -> a.startsWith("--port=")).map(a -> a.substring(7)).findFirst()
                .orElse(null);
        ConfigurableApplicationContext app = null;
        if (port == null) {
            app = new SpringApplicationBuilder(TruongSoApplication.class).run("--server.port=0",
                    "--truongso.data-dir=" + Files.createTempDirectory("truongso-bench"), "--logging.level.root=WARN");
            port = String.valueOf(((WebServerApplicationContext) app).getWebServer().getPort());
        }
        try {
            String base = "http://localhost:" + port;
            String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> issued = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/api/auth/token")).header("Authorization", basic)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (issued.statusCode() != 200) {
                throw new IllegalStateException("token: " + issued.statusCode() + " " + issued.body());
            }
            String bearer = "Bearer " + new ObjectMapper().readTree(issued.body()).get("token").asText();
            System.out.printf(Locale.ROOT, "GET /api/tasks as %s, %d clients, %d s each, %d CPUs%n", user, clients,
                    seconds, Runtime.getRuntime().availableProcessors());
            run(base, basic, clients, Math.max(3, seconds / 4)); // warm-up of both ways before any figure
            run(base, bearer, clients, Math.max(3, seconds / 4));
            System.out.println("auth     requests  req/s    p50 ms   p95 ms   p99 ms   errors");
            print("Basic", run(base, basic, clients, seconds));
            print("Bearer", run(base, bearer, clients, seconds));
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    record Result(long requests, long errors, double seconds, long[] nanos) {
    }

    static Result run(String base, String authorization, int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<long[]>> parts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            parts.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/api/tasks"))
                        .header("Authorization", authorization).header("Accept", "application/json").GET().build();
                long[] times = new long[1024];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    int status = http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 200) {
                        errors.incrementAndGet();
                    }
                    if (n == times.length) {
                        times = Arrays.copyOf(times, n * 2);
                    }
                    times[n++] = System.nanoTime() - t;
                }
                return Arrays.copyOf(times, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> p : parts) {
            long[] t = p.get();
            long[] joined = Arrays.copyOf(all, all.length + t.length);
            System.arraycopy(t, 0, joined, all.length, t.length);
            all = joined;
        }
        double took = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(all);
        return new Result(all.length, errors.get(), took, all);
    }

    static void print(String name, Result r) {
        System.out.printf(Locale.ROOT, "%-7s %9d  %7.1f  %7.1f  %7.1f  %7.1f  %7d%n", name, r.requests(),
                r.requests() / r.seconds(), pct(r.nanos(), 50), pct(r.nanos(), 95), pct(r.nanos(), 99), r.errors());
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
