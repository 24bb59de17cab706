package vn.truongso.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.support.Api;
import vn.truongso.support.Api.Part;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;

/**
 * The same file uploaded 50 times at the same moment by several people (two schools): 50 documents, each answered
 * 201 and readable with exactly the bytes sent, stored once on disk under its SHA-256, no server error and no
 * temporary file left behind.
 */
@IntegrationTest
class ConcurrentUploadTest {

    private static final int UPLOADS = 50;
    private static final String[] USERS = {"gv.lan", "tt.hung", "ht.mai", "vt.hoa", "gv.tuan"};

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${truongso.storage.dir}")
    Path storage;

    @Test
    void fiftySimultaneousUploadsOfOneFileMakeFiftyReadableDocumentsAndOneBlob() throws Exception {
        Api api = new Api(port);
        // Bytes of their own, so the blob cannot exist from an earlier test or run.
        byte[] pdf = TestPdfs.lessonPlan("Tải lên đồng thời " + UUID.randomUUID());
        String sha256 = BlobStore.sha256(pdf);
        ExecutorService pool = Executors.newFixedThreadPool(UPLOADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            String user = USERS[i % USERS.length];
            String title = "Tệp giống nhau " + i;
            answers.add(pool.submit(() -> {
                go.await();
                return api.postMultipart(user, "/api/documents", Part.file("giong-nhau.pdf", "application/pdf", pdf),
                        Part.field("title", title), Part.field("kind", "REPORT"));
            }));
        }
        long started = System.nanoTime();
        go.countDown();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> ids = new ArrayList<>();
        List<String> uploaders = new ArrayList<>();
        List<Api.Response> refused = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            Api.Response r = answers.get(i).get();
            statuses.merge(r.status(), 1, Integer::sum);
            if (r.status() == 201) {
                assertThat(r.json().get("sha256").asText()).isEqualTo(sha256);
                ids.add(r.json().get("id").asText());
                uploaders.add(USERS[i % USERS.length]);
            } else {
                refused.add(r);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        pool.shutdown();

        // Every document readable by its uploader, with exactly the bytes sent.
        int readable = 0;
        for (int i = 0; i < ids.size(); i++) {
            Api.Response content = api.get(uploaders.get(i), "/api/documents/" + ids.get(i) + "/content");
            if (content.status() == 200 && java.util.Arrays.equals(content.bytes(), pdf)) {
                readable++;
            }
        }
        Path dir = storage.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4));
        long blobs;
        long leftovers;
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            blobs = all.stream().filter(p -> p.getFileName().toString().startsWith(sha256)).count();
            leftovers = all.stream().filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
        System.out.printf("Concurrent uploads: %d sent, answers %s, readable with the right bytes %d, "
                + "blobs on disk %d, temporary files left %d, %d ms%n", UPLOADS, statuses, readable, blobs, leftovers,
                millis);

        assertThat(refused).as("every upload accepted").isEmpty();
        assertThat(statuses).containsExactly(Map.entry(201, UPLOADS));
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(readable).isEqualTo(UPLOADS);
        assertThat(jdbc.queryForObject("select count(*) from document_version where sha256 = ?", Integer.class,
                sha256)).isEqualTo(UPLOADS);
        assertThat(blobs).isEqualTo(1);
        assertThat(leftovers).isZero();
        assertThat(Files.readAllBytes(dir.resolve(sha256 + ".pdf"))).isEqualTo(pdf);
    }
}
