package vn.truongso.document;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code truongso.storage.*}: where document files (blobs, named by their SHA-256) are kept.
 *
 * @param type which store: {@code local} (the directory {@code dir}, the default) or {@code s3}
 * @param dir  the directory of the blobs (type local)
 * @param s3   the object store (type s3)
 * @param gc   the collector of blobs no committed version names
 */
@ConfigurationProperties(prefix = "truongso.storage")
record StorageProperties(@DefaultValue("local") Type type, Path dir, @DefaultValue S3 s3, @DefaultValue Gc gc) {

    enum Type { LOCAL, S3 }

    /**
     * An S3-compatible object store (AWS S3, MinIO, Ceph RGW, the S3 of Vietnamese clouds).
     *
     * @param endpoint  the store's URL; empty for AWS itself
     * @param bucket    the bucket of the blobs (created beforehand, not by the application)
     * @param region    the signing region (most S3-compatible stores accept us-east-1)
     * @param accessKey with {@code secretKey}: the credentials; empty: the SDK's default chain (environment, profile,
     *                  instance role)
     * @param secretKey never printed
     * @param pathStyle {@code <endpoint>/<bucket>/<key>} rather than {@code <bucket>.<endpoint>/<key>} (MinIO, Ceph)
     */
    record S3(URI endpoint, String bucket, @DefaultValue("us-east-1") String region, String accessKey,
              String secretKey, @DefaultValue("false") boolean pathStyle) {

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + ", accessKey="
                    + (accessKey == null || accessKey.isEmpty() ? "" : "***") + ", secretKey=***, pathStyle="
                    + pathStyle + "]";
        }
    }

    /**
     * @param grace only blobs untouched this long are collected (an upload in flight is younger)
     * @param cron  when the collector runs (Spring cron, server time; "-" switches it off)
     */
    record Gc(@DefaultValue("24h") Duration grace, @DefaultValue("0 40 3 * * *") String cron) {
    }
}
