package vn.truongso.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.truongso.school.UserDirectory;
import vn.truongso.support.Api;
import vn.truongso.support.Api.Part;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;

/** The document store under transactions that share blobs, and its garbage collector. */
@IntegrationTest
class BlobStoreTest {

    @LocalServerPort
    int port;
    @Autowired
    DocumentService documents;
    @Autowired
    UserDirectory users;
    @Autowired
    PlatformTransactionManager txManager;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BlobCollector collector;
    @Value("${truongso.storage.dir}")
    Path storage;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void aRolledBackUploadNeverTakesAwayTheBlobOfACommittedDocument() throws Exception {
        byte[] pdf = TestPdfs.lessonPlan("Cùng nội dung " + System.nanoTime());
        CountDownLatch stored = new CountDownLatch(1);
        CountDownLatch otherCommitted = new CountDownLatch(1);
        long docsBefore = jdbc.queryForObject("select count(*) from document", Long.class);

        // Upload A writes the blob first, then its transaction fails after the other upload of the same bytes committed.
        CompletableFuture<Void> rolledBack = CompletableFuture.runAsync(() -> new TransactionTemplate(txManager)
                .executeWithoutResult(status -> {
                    documents.store(new DocumentService.Upload(pdf, "a.pdf", "application/pdf"), "Bản A",
                            DocumentKind.LESSON_PLAN, users.find("gv.lan").orElseThrow());
                    stored.countDown();
                    await(otherCommitted);
                    status.setRollbackOnly();
                }));
        assertThat(stored.await(30, TimeUnit.SECONDS)).isTrue();
        Api.Response b = api.postMultipart("gv.tuan", "/api/documents", Part.file("b.pdf", "application/pdf", pdf),
                Part.field("title", "Bản B"), Part.field("kind", "LESSON_PLAN"));
        assertThat(b.status()).as(b.toString()).isEqualTo(201);
        otherCommitted.countDown();
        rolledBack.get(30, TimeUnit.SECONDS);

        assertThat(jdbc.queryForObject("select count(*) from document", Long.class)).isEqualTo(docsBefore + 1);
        Api.Response content = api.get("gv.tuan", "/api/documents/" + b.json().get("id").asText() + "/content");
        assertThat(content.status()).as(content.toString()).isEqualTo(200);
        assertThat(content.bytes()).isEqualTo(pdf);
    }

    @Test
    void theCollectorDeletesOnlyOldBlobsNoDocumentNames() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofDays(30));
        Path oldOrphan = writeBlob(TestPdfs.lessonPlan("Mồ côi cũ " + System.nanoTime()));
        Files.setLastModifiedTime(oldOrphan, FileTime.from(longAgo));
        Path freshOrphan = writeBlob(TestPdfs.lessonPlan("Mồ côi mới " + System.nanoTime()));
        byte[] used = TestPdfs.lessonPlan("Đang dùng " + System.nanoTime());
        Api.Response doc = api.postMultipart("gv.lan", "/api/documents", Part.file("a.pdf", "application/pdf", used),
                Part.field("title", "Đang dùng"), Part.field("kind", "LESSON_PLAN"));
        assertThat(doc.status()).isEqualTo(201);
        Path referenced = blob(sha256(used));
        Files.setLastModifiedTime(referenced, FileTime.from(longAgo));

        BlobCollector.Collected run = collector.collect();

        assertThat(oldOrphan).doesNotExist();
        assertThat(freshOrphan).exists();
        assertThat(referenced).exists();
        assertThat(run.deleted()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("gv.lan", "/api/documents/" + doc.json().get("id").asText() + "/content").bytes())
                .isEqualTo(used);
        try (var left = Files.list(oldOrphan.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(oldOrphan.getFileName().toString()));
        }
    }

    @Test
    void anUploadInFlightRenewsTheGracePeriodOfTheBlobItReuses() throws Exception {
        byte[] pdf = TestPdfs.lessonPlan("Tải lại " + System.nanoTime());
        Path orphan = writeBlob(pdf);
        Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofDays(30))));

        // An upload in flight (not committed yet) stores the same bytes: the collector must leave them.
        new TransactionTemplate(txManager).executeWithoutResult(status -> {
            documents.store(new DocumentService.Upload(pdf, "a.pdf", "application/pdf"), "Đang tải",
                    DocumentKind.LESSON_PLAN, users.find("gv.lan").orElseThrow());
            // The collector runs on its own connection, as the scheduled job does: it cannot see this transaction.
            CompletableFuture.supplyAsync(collector::collect).join();
            assertThat(orphan).exists();
            status.setRollbackOnly();
        });
    }

    private Path writeBlob(byte[] bytes) throws Exception {
        Path p = blob(sha256(bytes));
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    private Path blob(String sha) {
        return storage.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha + ".pdf");
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the other upload did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
