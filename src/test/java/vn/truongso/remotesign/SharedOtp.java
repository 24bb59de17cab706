package vn.truongso.remotesign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * {@link TestOtp} across two JVMs: a test that drives the application in a child process asks for a fresh code many
 * times a minute, and a code is good once per 30-second step; so the test moves the time the child checks codes
 * against one step ahead per code, as if the phone had waited, through a file both read (only the code check's time,
 * nothing else in the child).
 */
public final class SharedOtp {

    /** The system property naming the file that holds how many steps ahead the child checks codes. */
    public static final String STEPS_FILE = "truongso.test.otp-steps-file";

    private final Path file;
    private long stepsAhead;

    public SharedOtp(Path file) {
        this.file = file;
        write(0);
    }

    /** A code no one has used yet: the next step's. */
    public synchronized String nextCode() {
        stepsAhead++;
        write(stepsAhead);
        return Totp.code(Totp.fromBase32(TestOtp.DEMO_SECRET), Totp.step(Instant.now().getEpochSecond()) + stepsAhead);
    }

    private void write(long steps) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(steps));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long stepsAhead() {
        String name = System.getProperty(STEPS_FILE);
        if (name == null) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(Path.of(name)).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The child's side: codes are checked against now plus the steps the test has moved ahead. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        OtpClock sharedSteppingOtpClock(Clock clock) {
            return new OtpClock(clock) {
                @Override
                Instant now() {
                    return super.now().plusSeconds(Totp.PERIOD_SECONDS * stepsAhead());
                }
            };
        }
    }
}
