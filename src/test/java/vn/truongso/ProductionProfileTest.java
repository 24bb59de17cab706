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

    /** Documents stay in the local directory unless the environment names an object store and its credentials. */
    @Test
    void theDocumentStoreComesFromTheEnvironmentAndIsLocalByDefault() throws Exception {
        PropertySource<?> prod = prod();
        assertThat(String.valueOf(prod.getProperty("truongso.storage.type")))
                .isEqualTo("${TRUONGSO_STORAGE_TYPE:local}");
        assertThat(String.valueOf(prod.getProperty("truongso.storage.s3.endpoint"))).isEqualTo("${TRUONGSO_S3_ENDPOINT:}");
        assertThat(String.valueOf(prod.getProperty("truongso.storage.s3.bucket"))).isEqualTo("${TRUONGSO_S3_BUCKET:}");
        assertThat(String.valueOf(prod.getProperty("truongso.storage.s3.access-key")))
                .isEqualTo("${TRUONGSO_S3_ACCESS_KEY:}");
        assertThat(String.valueOf(prod.getProperty("truongso.storage.s3.secret-key")))
                .isEqualTo("${TRUONGSO_S3_SECRET_KEY:}");
    }
}
