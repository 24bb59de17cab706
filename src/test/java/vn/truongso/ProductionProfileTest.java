package vn.truongso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** What the {@code prod} profile changes, read from application-prod.yml as Spring Boot reads it. */
class ProductionProfileTest {

    private static PropertySource<?> prod() throws Exception {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("prod",
                new ClassPathResource("application-prod.yml"));
        assertThat(sources).hasSize(1);
        return sources.get(0);
    }

    /** The API description and its UI are a map of every endpoint for whoever asks: not served in production. */
    @Test
    void swaggerUiAndTheApiDescriptionAreOffInProduction() throws Exception {
        PropertySource<?> prod = prod();
        assertThat(String.valueOf(prod.getProperty("springdoc.api-docs.enabled"))).isEqualTo("false");
        assertThat(String.valueOf(prod.getProperty("springdoc.swagger-ui.enabled"))).isEqualTo("false");
    }
}
