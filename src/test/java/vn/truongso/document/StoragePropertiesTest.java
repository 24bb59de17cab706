package vn.truongso.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The object store's credentials never reach a log through the settings' toString. */
class StoragePropertiesTest {

    @Test
    void theCredentialsAreMasked() {
        StorageProperties p = new StorageProperties(StorageProperties.Type.S3, Path.of("data"),
                new StorageProperties.S3(URI.create("https://s3.example.vn"), "truongso", "hn-1", "AKIAEXAMPLEKEY",
                        "bí-mật-thật-sự", true),
                new StorageProperties.Gc(java.time.Duration.ofHours(24), "-"));

        assertThat(p.toString()).contains("https://s3.example.vn", "truongso", "hn-1")
                .doesNotContain("AKIAEXAMPLEKEY").doesNotContain("bí-mật-thật-sự");
    }
}
