package vn.truongso.crash;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import vn.truongso.audit.AuditCommand;
import vn.truongso.remotesign.SharedOtp;
import vn.truongso.support.Api;
import vn.truongso.support.ChildProcess;

/**
 * One scenario's child JVM and what was measured about it: kills, restarts and their start-up times, and the audit
 * chain checked with {@code audit verify} on the data each kill left behind.
 */
final class CrashRun {

    final String name;
    final Path data;
    final List<String> settings;
    final SharedOtp otp;
    private final Path otpFile;
    private final Path log;
    private ChildProcess child;
    private Api api;

    int kills;
    int restarts;
    final List<Long> startMillis = new ArrayList<>();
    int auditVerifications;
    final List<String> auditFailures = new ArrayList<>();
    final List<String> halfSigned = new ArrayList<>();
    final List<String> doubleSigned = new ArrayList<>();
    final List<String> lost = new ArrayList<>();
    final List<String> gaps = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** Restarts that found the embedded H2 file unreadable (H2 error 90030): published, not hidden; see docs/robustness.md. */
    final List<String> unreadableStores = new ArrayList<>();
    long started = System.currentTimeMillis();
    long finished;

    CrashRun(String name, Path data, List<String> settings, Path out) {
        this.name = name;
        this.data = data;
        this.settings = settings;
        this.otpFile = data.resolve("otp-steps");
        try {
            java.nio.file.Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.otp = new SharedOtp(otpFile);
        this.log = out.resolve("child-" + name.replaceAll("[^A-Za-z0-9]+", "-") + ".log");
    }

    Api start() {
        try {
            child = ChildProcess.start(data, otpFile, log, settings);
        } catch (IllegalStateException e) {
            keepData();
            String h2 = h2Corruption();
            if (h2 != null) {
                unreadableStores.add("after kill " + kills + ": " + h2);
                throw new StoreUnreadable(h2, e);
            }
            throw e;
        }
        startMillis.add(child.startMillis);
        api = new Api(child.port);
        return api;
    }

    int port() {
        return child.port;
    }

    Api api() {
        return api;
    }

    /** kill -9, then {@code audit verify} on what the crash left, then a restart on the same data. */
    Api killAndRestart(Consumer<String> checkAfterRestart) {
        child.kill();
        kills++;
        keepDatabaseAsKilled();
        verifyAudit("after kill " + kills);
        start();
        restarts++;
        checkAfterRestart.accept("kill " + kills);
        return api;
    }

    void stop() {
        if (child != null) {
            child.kill();
            child = null;
        }
        finished = System.currentTimeMillis();
    }

    /** The audit command (AuditCommand, as `java -jar truongso.jar audit verify` runs it) on this run's database. */
    void verifyAudit(String when) {
        List<String> args = new ArrayList<>(List.of("verify", "--truongso.data-dir=" + data.toAbsolutePath()));
        args.addAll(settings);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = AuditCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        auditVerifications++;
        if (code != 0) {
            auditFailures.add(when + ": exit " + code + " " + out.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /** The same check as a separate process, exactly as an operator runs it; answers the exit code. */
    int auditVerifyCommand() {
        // The children's java and class path (their class-data sharing archive too), the application's own main class.
        List<String> cmd = new ArrayList<>(ChildProcess.javaCommand());
        cmd.addAll(List.of("vn.truongso.TruongSoApplication", "audit", "verify",
                "--truongso.data-dir=" + data.toAbsolutePath()));
        cmd.addAll(settings);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The H2 files exactly as the kill left them (before anything opens them again), kept until the next kill. */
    private void keepDatabaseAsKilled() {
        Path db = data.resolve("db");
        if (!java.nio.file.Files.isDirectory(db)) {
            return;
        }
        Path copy = log.resolveSibling(log.getFileName().toString().replace(".log", "-db-as-killed"));
        try (var files = java.nio.file.Files.list(db)) {
            java.nio.file.Files.createDirectories(copy);
            for (Path f : (Iterable<Path>) files::iterator) {
                java.nio.file.Files.copy(f, copy.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            notes.add("the killed database could not be copied: " + e.getMessage());
        }
    }

    /** A copy of the data a restart could not start on, under target/robustness, for whoever looks into it. */
    private void keepData() {
        Path copy = log.resolveSibling(log.getFileName().toString().replace(".log", "-data-after-kill-" + kills));
        try (var files = java.nio.file.Files.walk(data)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(data.relativize(f).toString());
                if (java.nio.file.Files.isDirectory(f)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            notes.add("the data could not be kept: " + e.getMessage());
        }
    }

    /** H2's own report that it cannot read its file, from the child's log, or null. */
    private String h2Corruption() {
        try {
            return java.nio.file.Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains("[90030-")).map(String::strip).reduce((a, b) -> b)
                    .map(l -> l.length() > 300 ? l.substring(0, 300) : l).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** The database cannot be opened after a kill: the scenario cannot go on, and the run says so. */
    static final class StoreUnreadable extends RuntimeException {
        StoreUnreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    long averageStart() {
        return startMillis.isEmpty() ? 0 : Math.round(startMillis.stream().mapToLong(Long::longValue).average().orElse(0));
    }
}
