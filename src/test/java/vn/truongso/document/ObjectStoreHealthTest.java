package vn.truongso.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * /actuator/health with the local store: DOWN (503) while the documents' directory is gone (a volume not mounted),
 * UP again once it is back; everyone sees the status, only the administrator the component and its reason.
 */
@IntegrationTest
class ObjectStoreHealthTest {

    @LocalServerPort
    int port;
    @Autowired
    StorageProperties storage;

    @Test
    void healthIsDownWhileTheDocumentDirectoryIsGoneAndUpWhenItIsBack() throws Exception {
        Api api = new Api(port);
        Path dir = storage.dir().toAbsolutePath().normalize();
        Path away = dir.resolveSibling(dir.getFileName() + "-unmounted");
        assertThat(api.get(null, "/actuator/health").status()).isEqualTo(200);
        assertThat(objectStore(api).get("status").asText()).isEqualTo("UP");
        JsonNode components = api.get("admin", "/actuator/health").json().get("components");
        assertThat(components.get("db").get("status").asText()).as("the database's own check").isEqualTo("UP");

        Files.move(dir, away);
        try {
            Api.Response anonymous = api.get(null, "/actuator/health");
            assertThat(anonymous.status()).as(anonymous.text()).isEqualTo(503);
            assertThat(anonymous.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(anonymous.json().has("components")).isFalse();
            JsonNode component = objectStore(api);
            assertThat(component.get("status").asText()).isEqualTo("DOWN");
            assertThat(component.get("details").get("reason").asText()).contains("no directory");
            assertThat(component.get("details").get("type").asText()).isEqualTo("local");
        } finally {
            Files.move(away, dir);
        }

        Api.Response back = api.get(null, "/actuator/health");
        assertThat(back.status()).as(back.text()).isEqualTo(200);
        assertThat(back.json().get("status").asText()).isEqualTo("UP");
        // the probe's file is gone again
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(".upload-health-"));
        }
    }

    private static JsonNode objectStore(Api api) {
        JsonNode health = api.get("admin", "/actuator/health").json();
        return health.get("components").get("objectStore");
    }
}
