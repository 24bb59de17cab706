package vn.truongso.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;
import vn.truongso.remotesign.SharedOtp;

/**
 * How child JVMs are launched: with an application class-data sharing archive of the classes a child loads, made once
 * per test JVM, so each of the many restarts of the crash test reads Spring's, Camunda's and our classes mapped from the
 * archive instead of loading and verifying them again.
 *
 * <p>JDK 17 archives classes from jar files only (a non-empty directory on the class path stops the dump), so
 * target/classes and target/test-classes are packed into jars under target/child-cds first. One training child then
 * starts on an empty data directory there, answers /actuator/health and stops with SIGTERM: the JVM writes the archive
 * as it exits ({@code -XX:ArchiveClassesAtExit}; a SIGKILL would write nothing). Every later child maps it with
 * {@code -XX:SharedArchiveFile}. Whatever goes wrong on the way, children start as before: on the test JVM's own class
 * path, without an archive. {@code -Dtruongso.child-cds=false} turns it off, to compare.
 */
final class ClassDataSharing {

    private static final Path DIR = Path.of("target", "child-cds").toAbsolutePath();
    private static List<String> command;
    private static String summary;

    private ClassDataSharing() {
    }

    /** java and its options up to and including the class path, the same for every child of this test JVM. */
    static synchronized List<String> javaCommand() {
        if (command == null) {
            command = prepare();
        }
        return command;
    }

    /** What {@link #javaCommand()} settled on, for the figures. */
    static synchronized String summary() {
        return summary == null ? "no child started" : summary;
    }

    private static List<String> prepare() {
        List<String> plain = java(ChildProcess.classpath(), List.of());
        if (!Boolean.parseBoolean(System.getProperty("truongso.child-cds", "true"))) {
            summary = "class-data sharing off (-Dtruongso.child-cds=false)";
            return plain;
        }
        long t0 = System.nanoTime();
        Path jsa = DIR.resolve("child.jsa");
        try {
            FileSystemUtils.deleteRecursively(DIR);
            Files.createDirectories(DIR);
            String cp = jarredClasspath();
            Path training = DIR.resolve("training");
            Files.createDirectories(training);
            SharedOtp otp = new SharedOtp(training.resolve("otp-steps"));
            ChildProcess child = ChildProcess.launch(java(cp, List.of("-XX:ArchiveClassesAtExit=" + jsa)),
                    training.resolve("data"), training.resolve("otp-steps"), training.resolve("child.log"), List.of());
            long ready = child.startMillis;
            String exercised = exercise(new Api(child.port), otp);
            child.stop();
            List<String> shared = java(cp, List.of("-XX:SharedArchiveFile=" + jsa));
            if (!Files.isRegularFile(jsa) || Files.size(jsa) == 0 || !mapsTheArchive(shared)) {
                throw new IllegalStateException("no usable archive at " + jsa + "; see " + training.resolve("child.log"));
            }
            summary = String.format("class-data sharing archive of %d MB made by a training child in %.1f s "
                    + "(start-up %.1f s without the archive; %s)", Files.size(jsa) >> 20,
                    (System.nanoTime() - t0) / 1e9, ready / 1000.0, exercised);
            return shared;
        } catch (RuntimeException | IOException e) {
            summary = "no class-data sharing archive (" + e.getMessage() + "): children start without one";
            System.err.println("ClassDataSharing: " + summary);
            return plain;
        }
    }

    /**
     * What every restarted child soon does, once, so its classes are in the archive too: a lesson plan uploaded,
     * submitted and its author's signature confirmed and put in by the job executor, then the document verified. Only
     * a warm-up: a failure here leaves those classes out of the archive, nothing else.
     */
    private static String exercise(Api api, SharedOtp otp) {
        try {
            JsonNode plan = api.submitLessonPlanUnconfirmed("gv.lan", "Khởi động lớp chia sẻ");
            api.postJson("gv.lan", "/api/sign-transactions/" + plan.get("signTransaction").get("transactionId")
                    .asText() + "/confirm", Map.of("otp", otp.nextCode()));
            long deadline = System.currentTimeMillis() + 60_000;
            String planPath = "/api/lesson-plans/" + plan.get("id").asText();
            while (System.currentTimeMillis() < deadline
                    && !"HEAD_REVIEW".equals(api.get("gv.lan", planPath).json().path("status").asText())) {
                ChildProcess.sleep(250);
            }
            int status = api.get("gv.lan", "/api/documents/" + plan.get("documentId").asText() + "/verification")
                    .status();
            return "trained on a signed and verified lesson plan (" + status + ")";
        } catch (RuntimeException e) {
            return "training requests failed: " + e;
        }
    }

    private static List<String> java(String classpath, List<String> sharing) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8"));
        cmd.addAll(sharing);
        cmd.addAll(List.of("-cp", classpath));
        return cmd;
    }

    /** -Xshare:on fails at once when the archive does not fit this class path (-Xshare:auto would fall back silently). */
    private static boolean mapsTheArchive(List<String> shared) throws IOException {
        List<String> cmd = new ArrayList<>(shared.subList(0, shared.size() - 2));
        cmd.addAll(List.of("-Xshare:on", "-cp", shared.get(shared.size() - 1), "-version"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(DIR.resolve("check.log").toFile()).start();
        try {
            return p.waitFor() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The test JVM's class path with every directory packed into a jar of its own (empty ones left out). */
    private static String jarredClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String e : ChildProcess.classpath().split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            if (!Files.isDirectory(p)) {
                entries.add(e);
                continue;
            }
            try (Stream<Path> files = Files.list(p)) {
                if (files.findAny().isEmpty()) {
                    continue;
                }
            }
            Path jar = DIR.resolve(++n + "-" + p.getFileName() + ".jar");
            pack(p, jar);
            entries.add(jar.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** A jar of the directory, with its directory entries: Spring's classpath*: scanning looks the packages up. */
    private static void pack(Path dir, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (f.equals(dir)) {
                    continue;
                }
                String name = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                if (Files.isDirectory(f)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                    out.closeEntry();
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(f, (OutputStream) out);
                    out.closeEntry();
                }
            }
        }
    }
}
