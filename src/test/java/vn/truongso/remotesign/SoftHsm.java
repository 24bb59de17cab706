package vn.truongso.remotesign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * Fresh SoftHSM2 tokens for the tests, made once per JVM under target/ with {@code softhsm2-util}.
 *
 * <p>SoftHSM reads its configuration file from the environment variable {@code SOFTHSM2_CONF} when the library is
 * initialised, and a running JVM cannot set its own environment; so the pom gives every surefire JVM
 * {@code SOFTHSM2_CONF=target/softhsm/softhsm2.conf} and this class writes that file (token directory beside it) and
 * initialises the tokens before anything in the JVM loads the library. Two tokens: the one the application uses, and a
 * spare nobody logs in to, on which a wrong PIN can be seen failing (a token this process is logged in to accepts any
 * later login).
 *
 * <p>Never skipped: without SoftHSM2 the tests fail and say to install it.
 */
final class SoftHsm {

    static final String USER_PIN = "Pin.SoftHsm-Qx7";
    static final String SPARE_PIN = "Spare.Pin-Wz4";
    private static final String SO_PIN = "So.Pin-Kd9";
    private static final String INSTALL = "; install SoftHSM2 (apt-get install -y softhsm2, see docs/testing.md;"
            + " .ci/run installs it)";
    private static final Pattern REASSIGNED = Pattern.compile("reassigned to slot (\\d+)");

    /** A token: its slot id and user PIN. */
    record Token(String label, long slot, String pin) {
    }

    record Tokens(String library, Token main, Token spare) {
    }

    private static Tokens tokens;

    private SoftHsm() {
    }

    /** Makes the tokens on first use; the same ones afterwards. */
    static synchronized Tokens tokens() {
        if (tokens == null) {
            tokens = create();
        }
        return tokens;
    }

    static String library() {
        String configured = System.getProperty("truongso.test.softhsm-library");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return Stream.of("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                        "/usr/lib64/pkcs11/libsofthsm2.so", "/usr/local/lib/softhsm/libsofthsm2.so")
                .filter(p -> Files.isRegularFile(Path.of(p))).findFirst()
                .orElseThrow(() -> new IllegalStateException("SoftHSM2's PKCS#11 library (libsofthsm2.so) not found"
                        + INSTALL + "; or name it with -Dtruongso.test.softhsm-library=PATH"));
    }

    private static Tokens create() {
        String env = System.getenv("SOFTHSM2_CONF");
        if (env == null || env.isBlank()) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set in this JVM's environment: run the tests with Maven "
                    + "(the pom sets it to target/softhsm/softhsm2.conf for surefire), or set it yourself to such a path");
        }
        Path conf = Path.of(env).toAbsolutePath().normalize();
        Path target = Path.of("target").toAbsolutePath().normalize();
        if (!conf.startsWith(target)) {
            throw new IllegalStateException("SOFTHSM2_CONF=" + conf + " is outside " + target
                    + ": the tests make a fresh token directory beside it and will not touch a real one");
        }
        String library = library();
        Path dir = conf.getParent();
        Path tokenDir = dir.resolve("tokens");
        try {
            FileSystemUtils.deleteRecursively(tokenDir);
            Files.createDirectories(tokenDir);
            Files.writeString(conf, "# Written by the tests (SoftHsm.java): tokens for this build only.\n"
                    + "directories.tokendir = " + tokenDir + "\n"
                    + "objectstore.backend = file\n"
                    + "log.level = ERROR\n"
                    + "slots.removable = false\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare " + dir, e);
        }
        Token main = initToken(conf, "truongso-test", USER_PIN);
        Token spare = initToken(conf, "truongso-spare", SPARE_PIN);
        return new Tokens(library, main, spare);
    }

    private static Token initToken(Path conf, String label, String pin) {
        String out = softhsm2Util(conf, "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", SO_PIN);
        Matcher m = REASSIGNED.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("softhsm2-util did not say which slot token " + label + " is in: " + out);
        }
        return new Token(label, Long.parseLong(m.group(1)), pin);
    }

    /** {@code softhsm2-util --show-slots} for the tests' tokens. */
    static String showSlots() {
        tokens();
        return softhsm2Util(Path.of(System.getenv("SOFTHSM2_CONF")), "--show-slots");
    }

    private static String softhsm2Util(Path conf, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("softhsm2-util"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", conf.toString());
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("softhsm2-util " + args[0] + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("softhsm2-util not found on the PATH" + INSTALL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
