package vn.truongso.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.s3.model.S3Exception;
import vn.truongso.school.UserDirectory;
import vn.truongso.support.Api;
import vn.truongso.support.Api.Part;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.S3MockServer;
import vn.truongso.support.TestPdfs;

/**
 * Documents in an S3-compatible object store: the application with {@code truongso.storage.type=s3} against a real
 * server (S3Mock, started as its own process), not a mock of the SDK.
 */
@IntegrationTest
class S3BlobStoreTest {

    @DynamicPropertySource
    static void objectStore(DynamicPropertyRegistry registry) {
        registry.add("truongso.storage.type", () -> "s3");
        registry.add("truongso.storage.s3.endpoint", () -> S3MockServer.shared().endpoint().toString());
        registry.add("truongso.storage.s3.bucket", () -> S3MockServer.BUCKET);
        registry.add("truongso.storage.s3.access-key", () -> "test-access");
        registry.add("truongso.storage.s3.secret-key", () -> "test-secret");
        registry.add("truongso.storage.s3.path-style", () -> "true");
        // A database of its own: this context lives beside the shared one in the same JVM.
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:truongso-s3;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
    }

    @LocalServerPort
    int port;
    @Autowired
    BlobStore blobs;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DocumentService documents;
    @Autowired
    UserDirectory users;
    @Autowired
    PlatformTransactionManager txManager;
    @Value("${truongso.storage.dir}")
    Path localDir;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void aDocumentUploadedThroughTheApiIsStoredInTheBucketAndDownloadsByteExact() throws Exception {
        assertThat(blobs).isInstanceOf(S3BlobStore.class);
        byte[] pdf = TestPdfs.lessonPlan("Lưu trên S3 " + System.nanoTime());
        String sha = BlobStore.sha256(pdf);

        Api.Response created = api.postMultipart("gv.lan", "/api/documents",
                Part.file("giao-an.pdf", "application/pdf", pdf), Part.field("title", "Giáo án S3"),
                Part.field("kind", "LESSON_PLAN"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api.Response content = api.get("gv.lan", "/api/documents/" + created.json().get("id").asText() + "/content");

        assertThat(content.status()).as(content.toString()).isEqualTo(200);
        assertThat(content.bytes()).isEqualTo(pdf);
        assertThat(keys()).contains(S3BlobStore.key(sha));
        assertThat(localDir.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha + ".pdf"))
                .doesNotExist();
    }

    @Test
    void theSameBytesTwiceAreOneObjectAndBothPutsSucceed() {
        byte[] pdf = TestPdfs.lessonPlan("Hai lần " + System.nanoTime());
        String sha = BlobStore.sha256(pdf);

        assertThat(blobs.put(sha, pdf)).isTrue();
        assertThat(blobs.put(sha, pdf)).isFalse();

        assertThat(keys()).filteredOn(k -> k.contains(sha)).containsExactly(S3BlobStore.key(sha));
        assertThat(blobs.read(sha)).isEqualTo(pdf);
    }

    @Test
    void bytesThatAreNotTheDigestsNeverAppearUnderItsName() {
        byte[] promised = TestPdfs.lessonPlan("Đã hứa " + System.nanoTime());
        byte[] other = TestPdfs.lessonPlan("Khác " + System.nanoTime());
        String sha = BlobStore.sha256(promised);

        // The store checks x-amz-checksum-sha256 against the bytes it received: the name's digest, not these bytes.
        assertThatThrownBy(() -> blobs.put(sha, other)).hasRootCauseInstanceOf(S3Exception.class)
                .rootCause().satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(400));

        assertThat(blobs.exists(sha)).isFalse();
        assertThat(keys()).noneMatch(k -> k.contains(sha));
        // Read as a missing file, as the local store answers.
        assertThatThrownBy(() -> blobs.read(sha)).hasRootCauseInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThatThrownBy(() -> blobs.open(sha)).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void aRepeatedUploadRenewsTheGracePeriod() throws Exception {
        byte[] pdf = TestPdfs.lessonPlan("Tải lại " + System.nanoTime());
        String sha = BlobStore.sha256(pdf);
        blobs.put(sha, pdf);
        Instant first = blobs.modified(S3BlobStore.key(sha));
        Thread.sleep(1100); // LastModified has whole seconds in S3's listing and headers

        blobs.put(sha, pdf);

        assertThat(blobs.modified(S3BlobStore.key(sha))).isAfter(first);
        assertThat(blobs.read(sha)).isEqualTo(pdf);
    }

    @Test
    void theCollectorDeletesOnlyOldObjectsNoDocumentNames() throws Exception {
        byte[] orphan = TestPdfs.lessonPlan("Mồ côi " + System.nanoTime());
        blobs.put(BlobStore.sha256(orphan), orphan);
        byte[] used = TestPdfs.lessonPlan("Đang dùng " + System.nanoTime());
        Api.Response doc = api.postMultipart("gv.lan", "/api/documents", Part.file("a.pdf", "application/pdf", used),
                Part.field("title", "Đang dùng"), Part.field("kind", "LESSON_PLAN"));
        assertThat(doc.status()).as(doc.toString()).isEqualTo(201);
        Thread.sleep(1100);

        // With an hour's grace both are young: nothing goes.
        assertThat(collector(Duration.ofHours(1)).collect().deleted()).isZero();
        assertThat(blobs.exists(BlobStore.sha256(orphan))).isTrue();

        // With (almost) none, the object no row names goes; the document's stays, and no set-aside copy is left.
        BlobCollector.Collected run = collector(Duration.ofMillis(1)).collect();

        assertThat(run.deleted()).isGreaterThanOrEqualTo(1);
        assertThat(blobs.exists(BlobStore.sha256(orphan))).isFalse();
        assertThat(blobs.exists(BlobStore.sha256(used))).isTrue();
        assertThat(keys()).noneMatch(k -> k.contains(".gc-"));
        assertThat(api.get("gv.lan", "/api/documents/" + doc.json().get("id").asText() + "/content").bytes())
                .isEqualTo(used);
    }

    @Test
    void anUploadInFlightKeepsTheObjectItReuses() throws Exception {
        byte[] pdf = TestPdfs.lessonPlan("Đang tải " + System.nanoTime());
        blobs.put(BlobStore.sha256(pdf), pdf);
        Thread.sleep(7000);

        // Not committed yet: the collector (own connection, as the scheduled job) cannot see the row, only the touch.
        new TransactionTemplate(txManager).executeWithoutResult(status -> {
            documents.store(new DocumentService.Upload(pdf, "a.pdf", "application/pdf"), "Đang tải",
                    DocumentKind.LESSON_PLAN, users.find("gv.lan").orElseThrow());
            // 5 s: older than the first upload (7 s ago), younger than the touch (whose time has whole seconds, so up
            // to 1 s earlier), with 4 s for the rest of the upload and the collector's start on a loaded machine
            // (with 1.5 s of grace after 2.5 s, half a second of that could make the touch look old).
            CompletableFuture.supplyAsync(() -> collector(Duration.ofSeconds(5)).collect()).join();
            assertThat(blobs.exists(BlobStore.sha256(pdf))).isTrue();
            status.setRollbackOnly();
        });
    }

    @Test
    void aSetAsideObjectLeftByAStoppedCollectorIsPutBackWhenARowNamesIt() {
        byte[] pdf = TestPdfs.lessonPlan("Bỏ dở " + System.nanoTime());
        String sha = BlobStore.sha256(pdf);
        Api.Response doc = api.postMultipart("gv.lan", "/api/documents", Part.file("a.pdf", "application/pdf", pdf),
                Part.field("title", "Bỏ dở"), Part.field("kind", "LESSON_PLAN"));
        assertThat(doc.status()).as(doc.toString()).isEqualTo(201);
        String aside = blobs.setAside(sha); // a collector's node stopped right after this
        assertThat(blobs.exists(sha)).isFalse();

        // Set aside longer ago than the grace period: settled on the next run.
        collector(Duration.ofMillis(-5000)).collect();

        assertThat(blobs.exists(sha)).isTrue();
        assertThat(keys()).doesNotContain(aside);
        assertThat(blobs.read(sha)).isEqualTo(pdf);
    }

    private BlobCollector collector(Duration grace) {
        return new BlobCollector(blobs, jdbc,
                new StorageProperties(StorageProperties.Type.S3, localDir, null, new StorageProperties.Gc(grace, "-")));
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        blobs.forEach(s -> keys.add(s.key()));
        return keys;
    }
}
