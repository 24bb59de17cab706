package vn.truongso.document;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code objectStore} component of /actuator/health: DOWN, with the reason, when the document store cannot be
 * used (the local directory is missing or refuses a new file; the S3 bucket does not answer). The whole health is then
 * DOWN (503): without its documents the application can do little.
 */
@Component
class ObjectStoreHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ObjectStoreHealthIndicator.class);

    private final BlobStore store;
    private final String type;
    /** Only a change is logged: health is asked every few seconds. */
    private volatile boolean wasDown;

    ObjectStoreHealthIndicator(BlobStore store, StorageProperties properties) {
        this.store = store;
        this.type = properties.type().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Health health() {
        Optional<String> problem = store.unavailable();
        if (problem.isPresent() != wasDown) {
            wasDown = problem.isPresent();
            if (wasDown) {
                log.warn("Document store ({}) unavailable: {}", type, problem.get());
            } else {
                log.info("Document store ({}) available again", type);
            }
        }
        Health.Builder health = problem.isPresent() ? Health.down().withDetail("reason", problem.get()) : Health.up();
        return health.withDetail("type", type).build();
    }
}
