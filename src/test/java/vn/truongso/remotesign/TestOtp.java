package vn.truongso.remotesign;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The signer's authenticator app for tests. Tests confirm as the same demo signer many times a minute, and a code is
 * good only once per 30-second step; so asking for the next code moves the time codes are checked against (and only
 * that time) one step ahead, as if the phone had waited.
 */
public final class TestOtp {

    public static final String DEMO_SECRET = RemoteSignDemoData.DEMO_TOTP_SECRET;
    private static final AtomicLong stepsAhead = new AtomicLong();

    private TestOtp() {
    }

    /** A code no one has used yet: the next step's. */
    public static synchronized String nextCode(String base32Secret) {
        stepsAhead.incrementAndGet();
        return code(base32Secret, 0);
    }

    /** The code of the current step (plus {@code offsetSteps}) as the server sees time now. */
    public static String code(String base32Secret, long offsetSteps) {
        return Totp.code(Totp.fromBase32(base32Secret),
                Totp.step(Instant.now().getEpochSecond()) + stepsAhead.get() + offsetSteps);
    }

    /**
     * The time step the server checks codes against now (the wall clock plus the steps asked ahead), for a client
     * that hands out codes to many signers at once and must not move the time twice under a code still in flight.
     */
    public static synchronized long serverStep() {
        return Totp.step(Instant.now().getEpochSecond()) + stepsAhead.get();
    }

    /** The code of one time step. */
    public static String codeAt(String base32Secret, long step) {
        return Totp.code(Totp.fromBase32(base32Secret), step);
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        OtpClock steppingOtpClock(Clock clock) {
            return new OtpClock(clock) {
                @Override
                Instant now() {
                    return super.now().plusSeconds(Totp.PERIOD_SECONDS * stepsAhead.get());
                }
            };
        }
    }
}
