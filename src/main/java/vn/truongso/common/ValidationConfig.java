package vn.truongso.common;

import jakarta.validation.ClockProvider;
import java.time.Clock;
import java.util.Locale;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Bean Validation the Spring Boot way: Boot's validator interpolates a constraint's {@code message = "{KEY}"} from
 * the application's {@code messageSource}, which is {@code messages_vi.properties}; {@link ProblemHandler} turns the
 * violations into problem+json. See the package documentation for how to add a validated request.
 */
@Configuration
class ValidationConfig {

    static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    /**
     * Vietnamese whatever the request's Accept-Language: the only bundle is {@code messages_vi}, and every locale
     * falls back to it (not to the server's locale).
     */
    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setDefaultLocale(VIETNAMESE);
        return messages;
    }

    /** {@code @PastOrPresent} and friends compare with the application's clock, on Vietnam's calendar. */
    @Bean
    ValidationConfigurationCustomizer vietnamClock(Clock clock) {
        ClockProvider vietnam = () -> clock.withZone(VietnamTime.ZONE);
        return configuration -> configuration.clockProvider(vietnam);
    }
}
