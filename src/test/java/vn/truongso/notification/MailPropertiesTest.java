package vn.truongso.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** Where a mail's links lead, and how long a mail that failed waits before the next try. */
class MailPropertiesTest {

    final MailProperties properties = new MailProperties("Trường Số <a@b.vn>", "https://truongso.example.vn/",
            Duration.ofSeconds(10), 50, Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofHours(1), 30,
            Duration.ofDays(30), LocalTime.of(6, 30));

    @Test
    void linksAreTheServicesPublicAddressPlusThePath() {
        assertThat(properties.absolute("/api/lesson-plans/1")).isEqualTo("https://truongso.example.vn/api/lesson-plans/1");
        assertThat(properties.absolute("inbox/2")).isEqualTo("https://truongso.example.vn/inbox/2");
        assertThat(properties.absolute(null)).isEqualTo("https://truongso.example.vn/");
        assertThat(properties.absolute("https://elsewhere.vn/x")).isEqualTo("https://elsewhere.vn/x");
    }

    @Test
    void theWaitDoublesAfterEachFailureUpToTheCap() {
        assertThat(properties.backOff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.backOff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.backOff(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.backOff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(properties.backOff(1000)).isEqualTo(Duration.ofHours(1));
    }
}
