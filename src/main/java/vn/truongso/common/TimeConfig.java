package vn.truongso.common;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class TimeConfig {

    /** One clock for all "now"s, so tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
