package vn.truongso.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import vn.truongso.TruongSoApplication;

/**
 * What the load harnesses share: starting the application as the README does (H2 in file mode under a fresh
 * temporary data directory, or any {@code --spring.*} property passed through, e.g. a PostgreSQL URL), their
 * arguments, bearer tokens, and N clients sending one GET back to back with latency percentiles.
 */
final class Harness {

    private Harness() {
    }

    /** The arguments that are not {@code --options}. */
    static String[] plain(String[] args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
    }

    static int intArg(String[] plain, int index, int fallback) {
        return plain.length > index ? Integer.parseInt(plain[index]) : fallback;
    }

    /** Starts the application on a free port; every {@code --option} of {@code args} passes through. */
    static ConfigurableApplicationContext start(String[] args, Class<?>... extraSources) throws IOException {
        Class<?>[] sources = Stream.concat(Stream.of(TruongSoApplication.class), Arrays.stream(extraSources))
                .toArray(Class<?>[]::new);
        return new SpringApplicationBuilder(sources).run(Stream.concat(Stream.of("--server.port=0",
                "--truongso.data-dir=" + Files.createTempDirectory("truongso-bench"), "--logging.level.root=WARN"),
                Arrays.stream(args).filter(a -> a.startsWith("--") && !a.startsWith("--port="))).toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code Bearer …} from {@code POST /api/auth/token} (one BCrypt check, then none). */
    static String bearer(String base, String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> issued = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/api/auth/token")).header("Authorization", basic(user, password))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (issued.statusCode() != 200) {
            throw new IllegalStateException("token for " + user + ": " + issued.statusCode() + " " + issued.body());
        }
        return "Bearer " + new ObjectMapper().readTree(issued.body()).get("token").asText();
    }

    /** {@code GET path}'s JSON answer. */
    static JsonNode get(String base, String path, String authorization) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", authorization).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return new ObjectMapper().readTree(r.body());
    }

    record Result(long requests, long errors, double seconds, long[] nanos) {
    }

    /**
     * {@code clients} clients, each on its own keep-alive connection, send {@code GET path} back to back for
     * {@code seconds}; the requests take turns over {@code authorizations} (one user each, say). {@code base} may name
     * several nodes, comma-separated: the clients are spread over them in turn.
     */
    static Result run(String base, String path, List<String> authorizations, int clients, int seconds)
            throws Exception {
        String[] nodes = base.split(",");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<long[]>> parts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            parts.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long[] times = new long[1024];
                int n = 0;
                while (System.nanoTime() < end) {
                    String auth = authorizations.get((int) ((client + (long) n * clients) % authorizations.size()));
                    HttpRequest get = HttpRequest.newBuilder(URI.create(nodes[client % nodes.length] + path))
                            .header("Authorization", auth)
                            .header("Accept", "application/json").GET().build();
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

    /** The p-th percentile in milliseconds of sorted nanoseconds. */
    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
