package vn.truongso.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link BlobStore} in an S3-compatible object store ({@code truongso.storage.type=s3}): a blob is the object
 * {@code <sha[0:2]>/<sha[2:4]>/<sha>.pdf} in the bucket, the local layout as keys.
 *
 * <p>Writes: an object appears whole or not at all (S3 has no partial objects), and every PutObject carries the
 * SHA-256 the key names as {@code x-amz-checksum-sha256} (and Content-MD5), so the store itself refuses bytes that are
 * not the ones the name promises. {@link #put} returns only after the store confirmed the object.
 *
 * <p>Grace period: {@link BlobCollector} collects blobs whose time is older than the grace period. An upload of bytes
 * that are already stored (HEAD answers) copies the object onto itself with new metadata: S3 has no "touch", and a
 * copy is a new object with a new LastModified (the store's clock), without sending the bytes again. If the copy
 * finds the object gone (the collector set it aside meanwhile), the bytes are written anew.
 *
 * <p>Setting aside: S3 has no rename, so {@link #setAside} copies the object to the set-aside key, carrying its
 * LastModified in metadata, then deletes the original. A collector on another node doing the same copies the same
 * bytes: both set-aside copies are settled independently (deleted, or copied back — same bytes). Unlike the local
 * atomic rename, a touch landing between that copy and that delete (milliseconds, on a blob unused for the whole grace
 * period) is lost; the collector then puts the blob back only if the uploading row committed before its final check.
 * (A touch before the copy is seen: the original is HEADed again after the copy.) Closing that window for good needs
 * an upload record in the database or conditional deletes, which not every S3-compatible store offers.
 */
@Component
@ConditionalOnProperty(prefix = "truongso.storage", name = "type", havingValue = "s3")
class S3BlobStore implements BlobStore, AutoCloseable {

    /** On a set-aside copy: the original's LastModified, which the copy itself does not keep. */
    private static final String BLOB_MODIFIED = "blob-modified";
    private static final String TOUCHED = "touched";
    /** How long the health check waits for the store (retries included). */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    private final S3Client s3;
    private final String bucket;

    S3BlobStore(StorageProperties properties) {
        StorageProperties.S3 c = properties.s3();
        if (c.bucket() == null || c.bucket().isBlank()) {
            throw new IllegalStateException("truongso.storage.s3.bucket is required with truongso.storage.type=s3");
        }
        this.bucket = c.bucket();
        S3ClientBuilder b = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(c.region()))
                .forcePathStyle(c.pathStyle())
                .credentialsProvider(credentials(c))
                // Only the checksums we send ourselves: many S3-compatible stores refuse the SDK's newer defaults.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (c.endpoint() != null && !c.endpoint().toString().isBlank()) {
            b.endpointOverride(c.endpoint());
        }
        this.s3 = b.build();
    }

    private static AwsCredentialsProvider credentials(StorageProperties.S3 c) {
        if (c.accessKey() == null || c.accessKey().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKey(), c.secretKey()));
    }

    @Override
    public boolean put(String sha256, byte[] bytes) {
        String key = key(sha256);
        try {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
            if (head.contentLength() == bytes.length) {
                s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket)
                        .destinationKey(key).metadataDirective(MetadataDirective.REPLACE)
                        .contentType("application/pdf").metadata(Map.of(TOUCHED, Instant.now().toString())));
                return false;
            }
        } catch (NoSuchKeyException gone) {
            // not there, or set aside by the collector between HEAD and copy: write it below
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw new UncheckedIOException("Cannot store blob " + sha256, new IOException(e));
            }
        }
        try {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/pdf")
                            .contentLength((long) bytes.length)
                            .contentMD5(Base64.getEncoder().encodeToString(md5(bytes)))
                            .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                            .checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256))),
                    RequestBody.fromBytes(bytes));
            return true;
        } catch (S3Exception e) {
            throw new UncheckedIOException("Cannot store blob " + sha256, new IOException(e));
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key(sha256)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key(sha256));
        } catch (S3Exception e) {
            throw new IOException("Cannot read blob " + sha256, e);
        }
    }

    @Override
    public byte[] read(String sha256) {
        try {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key(sha256))).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new UncheckedIOException("Cannot read blob " + sha256, new NoSuchFileException(key(sha256)));
        } catch (S3Exception e) {
            throw new UncheckedIOException("Cannot read blob " + sha256, new IOException(e));
        }
    }

    @Override
    public boolean exists(String sha256) {
        return head(key(sha256)) != null;
    }

    @Override
    public void forEach(Consumer<Stored> each) {
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
            String name = o.key().substring(o.key().lastIndexOf('/') + 1);
            Matcher blob = BLOB_NAME.matcher(name);
            Matcher aside = SET_ASIDE_NAME.matcher(name);
            if (blob.matches()) {
                each.accept(new Stored(o.key(), blob.group(1), Stored.Kind.BLOB, o.lastModified()));
            } else if (aside.matches()) {
                each.accept(new Stored(o.key(), aside.group(1), Stored.Kind.SET_ASIDE, o.lastModified()));
            }
        }
    }

    @Override
    public String setAside(String sha256) {
        String key = key(sha256);
        HeadObjectResponse head = head(key);
        if (head == null) {
            return null;
        }
        String aside = key + BlobStore.setAsideSuffix();
        try {
            s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(aside)
                    .metadataDirective(MetadataDirective.REPLACE).contentType("application/pdf")
                    .metadata(Map.of(BLOB_MODIFIED, head.lastModified().toString())));
        } catch (NoSuchKeyException gone) {
            return null;
        }
        // Touched by an upload between that HEAD and the copy: in use, leave it (and the copy goes).
        HeadObjectResponse again = head(key);
        if (again == null || !again.lastModified().equals(head.lastModified())) {
            remove(aside);
            return null;
        }
        s3.deleteObject(r -> r.bucket(bucket).key(key));
        return aside;
    }

    @Override
    public void restore(String asideKey, String sha256) {
        String key = key(sha256);
        try {
            s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(asideKey).destinationBucket(bucket)
                    .destinationKey(key).metadataDirective(MetadataDirective.REPLACE).contentType("application/pdf"));
        } catch (NoSuchKeyException gone) {
            return; // restored by another collector
        }
        s3.deleteObject(r -> r.bucket(bucket).key(asideKey));
    }

    @Override
    public Instant modified(String key) {
        HeadObjectResponse head = head(key);
        if (head == null) {
            return Instant.now(); // gone: nothing to collect, and "young" makes the collector leave it
        }
        String carried = head.metadata().get(BLOB_MODIFIED);
        return carried != null ? Instant.parse(carried) : head.lastModified();
    }

    @Override
    public void remove(String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }

    /** HEAD on the bucket: the store answers, the credentials are accepted and the bucket is there, within seconds. */
    @Override
    public Optional<String> unavailable() {
        try {
            s3.headBucket(r -> r.bucket(bucket).overrideConfiguration(c -> c.apiCallTimeout(HEALTH_TIMEOUT)));
            return Optional.empty();
        } catch (S3Exception e) {
            return Optional.of("bucket " + bucket + ": HTTP " + e.statusCode()
                    + (e.statusCode() == 404 ? " (no such bucket)" : e.statusCode() == 403 ? " (access denied)" : ""));
        } catch (SdkException e) {
            return Optional.of("cannot reach the object store: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private HeadObjectResponse head(String key) {
        try {
            return s3.headObject(r -> r.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    static String key(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256");
        }
        return sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256 + ".pdf";
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
