package vn.truongso.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real S3-compatible server for tests: Adobe S3Mock's runnable jar, which the build copies from Maven Central to
 * target/s3mock/s3mock-exec.jar (maven-dependency-plugin, generate-test-resources). It runs as its own JVM (it is a
 * Spring Boot application of its own), on free ports, with one bucket {@link #BUCKET}; one server per test JVM,
 * stopped when that JVM exits.
 */
public final class S3MockServer {

    public static final String BUCKET = "truongso-test";
    private static final Path JAR = Path.of("target", "s3mock", "s3mock-exec.jar");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static S3MockServer shared;

    private final Process process;
    private final URI endpoint;

    private S3MockServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized S3MockServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /** Plain HTTP; path-style addressing ({@code <endpoint>/<bucket>/<key>}). */
    public URI endpoint() {
        return endpoint;
    }

    private static S3MockServer start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the build through "
                    + "generate-test-resources (mvn test does), which copies S3Mock from Maven Central");
        }
        try {
            int http = freePort();
            int https = freePort();
            Path dir = Files.createDirectories(Path.of("target", "s3mock"));
            Path root = Files.createTempDirectory(dir, "store-");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                    JAR.toAbsolutePath().toString(),
                    "--server.port=" + https,
                    "--com.adobe.testing.s3mock.httpPort=" + http,
                    "--com.adobe.testing.s3mock.store.root=" + root.toAbsolutePath(),
                    "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
                    "--spring.main.banner-mode=off"))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("s3mock-" + http + ".log").toFile())
                    .start();
            S3MockServer server = new S3MockServer(p, URI.create("http://127.0.0.1:" + http));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start S3Mock", e);
        }
    }

    /** Waits until the bucket answers (S3Mock creates the initial buckets while it starts). */
    private void awaitReady() {
        long started = System.nanoTime();
        long deadline = started + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock stopped while starting (exit " + process.exitValue()
                        + "), see target/s3mock/s3mock-*.log");
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/" + BUCKET).toURL().openConnection();
                c.setRequestMethod("HEAD");
                c.setConnectTimeout(1000);
                c.setReadTimeout(5000);
                int status = c.getResponseCode();
                c.disconnect();
                if (status == 200) {
                    System.out.printf("S3Mock ready at %s in %d ms%n", endpoint,
                            Duration.ofNanos(System.nanoTime() - started).toMillis());
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("S3Mock not ready after " + START_TIMEOUT + ", see target/s3mock/s3mock-*.log");
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
