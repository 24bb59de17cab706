package vn.truongso.remotesign;

import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The time one-time codes are checked against: the application clock. A separate bean so that tests, which confirm
 * as the same demo signer many times a minute, can stand in for a signer whose phone shows the next code.
 */
@Component
class OtpClock {

    private final Clock clock;

    OtpClock(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }
}
