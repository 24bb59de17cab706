package vn.truongso.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import vn.truongso.remotesign.SharedOtp;

/** The application in a child JVM on a data directory of its own; killed with SIGKILL, started again on the same data. */
public final class ChildProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final Process process;
    public final int port;
    /** Milliseconds from launch until /actuator/health answered UP. */
    public final long startMillis;

    private ChildProcess(Process process, int port, long startMillis) {
        this.process = process;
        this.port = port;
        this.startMillis = startMillis;
    }

    /**
     * Starts the child and waits until it is healthy.
     *
     * @param settings more --name=value arguments (the datasource for PostgreSQL)
     */
    public static ChildProcess start(Path data, Path otpFile, Path log, List<String> settings) {
        return launch(javaCommand(), data, otpFile, log, settings);
    }

    /**
     * java, its options and the class path every child of this test JVM runs with (with the class-data sharing archive
     * when it could be made; see {@link ClassDataSharing}), for another main class on the same classes.
     */
    public static List<String> javaCommand() {
        return ClassDataSharing.javaCommand();
    }

    /** How the children were launched (class-data sharing or not, and what making the archive cost), for figures. */
    public static String launchSummary() {
        return ClassDataSharing.summary();
    }

    static ChildProcess launch(List<String> jvm, Path data, Path otpFile, Path log, List<String> settings) {
        int port = freePort();
        List<String> cmd = new ArrayList<>(jvm.subList(0, jvm.size() - 2));
        cmd.add("-D" + SharedOtp.STEPS_FILE + "=" + otpFile.toAbsolutePath());
        cmd.addAll(jvm.subList(jvm.size() - 2, jvm.size()));
        cmd.addAll(List.of(ChildApplication.class.getName(),
                "--server.port=" + port, "--truongso.data-dir=" + data.toAbsolutePath(),
                "--camunda.bpm.job-execution.enabled=true",
                // Jobs a killed child had locked run again once their lock expires: Camunda's default is 5 minutes.
                "--camunda.bpm.job-execution.lock-time-in-millis=10000",
                "--truongso.reports.open-due-on-start=false", "--logging.level.root=WARN"));
        // A setting given by the caller replaces the default of the same name (Spring would join both values).
        cmd.removeIf(arg -> arg.startsWith("--") && arg.contains("=") && settings.stream()
                .anyMatch(s -> s.startsWith(arg.substring(0, arg.indexOf('=') + 1))));
        cmd.addAll(settings);
        long t0 = System.nanoTime();
        Process p;
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "\n=== " + String.join(" ", cmd) + "\n", java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("child exited with " + p.exitValue() + "; see " + log);
            }
            if (healthy(port)) {
                return new ChildProcess(p, port, (System.nanoTime() - t0) / 1_000_000);
            }
            sleep(150);
        }
        p.destroyForcibly();
        throw new IllegalStateException("child not healthy within 600 s; see " + log);
    }

    /** kill -9: Process.destroyForcibly sends SIGKILL on Linux; nothing in the child runs after it. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM: the child closes its application context as on an orderly shutdown, then exits. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean healthy(int port) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The test JVM's own class path (main and test classes, every dependency). Surefire may start the test JVM from a
     * manifest-only jar, whose Class-Path lists the real entries as URLs.
     */
    public static String classpath() {
        java.util.LinkedHashSet<String> unique = new java.util.LinkedHashSet<>();
        for (String e : rawClasspath().split(java.io.File.pathSeparator)) {
            if (!e.isBlank()) {
                unique.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, unique);
    }

    private static String rawClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        String[] entries = cp.split(java.io.File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar")) {
            try (JarFile jar = new JarFile(entries[0])) {
                Manifest m = jar.getManifest();
                String listed = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                if (listed != null) {
                    List<String> files = new ArrayList<>();
                    for (String url : listed.trim().split("\\s+")) {
                        files.add(Path.of(URI.create(url).isAbsolute() ? URI.create(url)
                                : Path.of(entries[0]).toUri().resolve(url)).toString());
                    }
                    return String.join(java.io.File.pathSeparator, files);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cp;
    }
}
