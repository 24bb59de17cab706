package vn.truongso.document;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code truongso.storage.*}: where document files (blobs, named by their SHA-256) are kept.
 *
 * @param dir the directory of the blobs
 * @param gc  the collector of blobs no committed version names
 */
@ConfigurationProperties(prefix = "truongso.storage")
record StorageProperties(Path dir, @DefaultValue Gc gc) {

    /**
     * @param grace only blobs untouched this long are collected (an upload in flight is younger)
     * @param cron  when the collector runs (Spring cron, server time; "-" switches it off)
     */
    record Gc(@DefaultValue("24h") Duration grace, @DefaultValue("0 40 3 * * *") String cron) {
    }
}
