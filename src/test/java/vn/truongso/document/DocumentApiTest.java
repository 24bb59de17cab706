package vn.truongso.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.support.Api;
import vn.truongso.support.Api.Part;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;

@IntegrationTest
class DocumentApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${truongso.storage.dir}")
    Path storage;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void storesAPdfContentAddressedAndKeepsEveryVersionReadable() throws Exception {
        byte[] v1 = TestPdfs.pages("Bài 7: Hàm số", 2);
        Api.Response created = api.postMultipart("gv.lan", "/api/documents",
                Part.file("Bài 7 – hàm số.pdf", "application/pdf", v1), Part.field("title", "Bài 7: Hàm số"),
                Part.field("kind", "LESSON_PLAN"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode doc = created.json();
        String id = doc.get("id").asText();
        assertThat(doc.get("sha256").asText()).isEqualTo(sha256(v1));
        assertThat(doc.get("pages").asInt()).isEqualTo(2);
        assertThat(doc.get("version").asInt()).isEqualTo(1);
        assertThat(doc.get("title").asText()).isEqualTo("Bài 7: Hàm số");
        assertThat(blob(sha256(v1))).exists();

        JsonNode meta = api.get("gv.lan", "/api/documents/" + id).json();
        assertThat(meta.get("versions")).hasSize(1);
        assertThat(meta.get("versions").get(0).get("fileName").asText()).isEqualTo("Bài 7 – hàm số.pdf");
        assertThat(meta.get("createdAt").asText()).endsWith("+07:00");

        byte[] v2 = TestPdfs.pages("Bài 7: Hàm số (sửa)", 3);
        Api.Response revised = api.postMultipart("gv.lan", "/api/documents/" + id + "/versions",
                Part.file("v2.pdf", "application/pdf", v2), Part.field("note", "Bổ sung bài tập"));
        assertThat(revised.status()).isEqualTo(201);
        assertThat(revised.json().get("version").asInt()).isEqualTo(2);
        assertThat(revised.json().get("pages").asInt()).isEqualTo(3);

        Api.Response same = api.postMultipart("gv.lan", "/api/documents/" + id + "/versions",
                Part.file("v2-again.pdf", "application/pdf", v2));
        assertThat(same.status()).isEqualTo(409);
        assertThat(same.json().get("code").asText()).isEqualTo("DOCUMENT_UNCHANGED");
        assertThat(api.get("gv.lan", "/api/documents/" + id).json().get("versions")).hasSize(2);

        Api.Response latest = api.get("gv.lan", "/api/documents/" + id + "/content");
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.contentType()).isEqualTo("application/pdf");
        assertThat(latest.bytes()).isEqualTo(v2);
        assertThat(api.get("gv.lan", "/api/documents/" + id + "/content?version=1").bytes()).isEqualTo(v1);
        Api.Response missing = api.get("gv.lan", "/api/documents/" + id + "/content?version=9");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void theSameBytesAreStoredOnce() throws Exception {
        byte[] pdf = TestPdfs.lessonPlan("Trùng nội dung " + System.nanoTime());
        String a = upload("gv.lan", pdf).json().get("sha256").asText();
        String b = upload("gv.tuan", pdf).json().get("sha256").asText();
        assertThat(a).isEqualTo(b);
        try (Stream<Path> files = Files.list(blob(a).getParent())) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(a))).hasSize(1);
        }
    }

    static Stream<Arguments> badUploads() {
        byte[] good = TestPdfs.pages("Hợp lệ", 2);
        byte[] large = new byte[3 * 1024 * 1024];
        Arrays.fill(large, (byte) ' ');
        System.arraycopy(good, 0, large, 0, good.length);
        return Stream.of(
                Arguments.of("not a PDF", Part.file("a.pdf", "application/pdf",
                        "Đây không phải PDF".getBytes()), 400, "DOCUMENT_NOT_PDF"),
                Arguments.of("truncated", Part.file("a.pdf", "application/pdf",
                        Arrays.copyOf(good, good.length / 2)), 400, "DOCUMENT_TRUNCATED"),
                Arguments.of("encrypted", Part.file("a.pdf", "application/pdf", TestPdfs.encrypted("Mật")), 400,
                        "DOCUMENT_ENCRYPTED"),
                Arguments.of("too large", Part.file("a.pdf", "application/pdf", large), 413, "DOCUMENT_TOO_LARGE"),
                Arguments.of("empty", Part.file("a.pdf", "application/pdf", new byte[0]), 400, "DOCUMENT_EMPTY"),
                Arguments.of("wrong content type", Part.file("a.png", "image/png", good), 415,
                        "DOCUMENT_WRONG_TYPE"),
                Arguments.of("path in file name", Part.file("../../etc/passwd.pdf", "application/pdf", good), 400,
                        "UNSAFE_FILE_NAME"),
                Arguments.of("control character in file name", Part.file("a\u0007b.pdf", "application/pdf", good),
                        400, "UNSAFE_FILE_NAME"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUploads")
    void badInputIsRefusedWithAProblemAndStoresNothing(String what, Part file, int status, String code)
            throws IOException {
        long docs = count("document");
        long versions = count("document_version");
        long blobs = blobCount();

        Api.Response r = api.postMultipart("gv.lan", "/api/documents", file, Part.field("title", "Thử " + what),
                Part.field("kind", "LESSON_PLAN"));

        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo(code);
        assertThat(r.json().get("detail").asText()).isNotBlank().matches(".*[àáảãạăâđêôơưếệịọụủứừ].*");
        assertThat(count("document")).isEqualTo(docs);
        assertThat(count("document_version")).isEqualTo(versions);
        assertThat(blobCount()).isEqualTo(blobs);
    }

    @Test
    void missingTitleOrUnknownKindIsRefused() {
        byte[] pdf = TestPdfs.lessonPlan("x");
        Api.Response noTitle = api.postMultipart("gv.lan", "/api/documents", Part.file("a.pdf", "application/pdf", pdf),
                Part.field("kind", "LESSON_PLAN"));
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.json().get("code").asText()).isEqualTo("TITLE_REQUIRED");
        Api.Response badKind = api.postMultipart("gv.lan", "/api/documents", Part.file("a.pdf", "application/pdf", pdf),
                Part.field("title", "t"), Part.field("kind", "BANANA"));
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.json().get("code").asText()).isEqualTo("KIND_UNKNOWN");
        Api.Response noFile = api.postMultipart("gv.lan", "/api/documents", Part.field("title", "t"),
                Part.field("kind", "OTHER"));
        assertThat(noFile.status()).isEqualTo(400);
    }

    @Test
    void onlyTheOwnerTheirHeadAndTheirSchoolLeadersMayRead() {
        String id = upload("gv.lan", TestPdfs.lessonPlan("Quyền đọc")).json().get("id").asText();
        for (String allowed : new String[] {"gv.lan", "tt.hung", "ht.mai", "vt.hoa"}) {
            assertThat(api.get(allowed, "/api/documents/" + id).status()).as(allowed).isEqualTo(200);
        }
        for (String denied : new String[] {"gv.tuan", "tt.linh", "ht.son", "vt.thu", "ph.binh", "cv.nam", "admin"}) {
            Api.Response meta = api.get(denied, "/api/documents/" + id);
            assertThat(meta.status()).as(denied).isEqualTo(404);
            assertThat(meta.text()).doesNotContain("Quyền đọc");
            assertThat(api.get(denied, "/api/documents/" + id + "/content").status()).as(denied).isEqualTo(404);
        }
        assertThat(api.get(null, "/api/documents/" + id).status()).isEqualTo(401);
        assertThat(api.get("gv.lan:wrong", "/api/documents/" + id).status()).isEqualTo(401);
        // Reading is not revising: only the owner adds versions.
        Api.Response foreignVersion = api.postMultipart("ht.mai", "/api/documents/" + id + "/versions",
                Part.file("x.pdf", "application/pdf", TestPdfs.lessonPlan("khác")));
        assertThat(foreignVersion.status()).isEqualTo(403);
    }

    private Api.Response upload(String user, byte[] pdf) {
        Api.Response r = api.postMultipart(user, "/api/documents", Part.file("a.pdf", "application/pdf", pdf),
                Part.field("title", "Quyền đọc"), Part.field("kind", "LESSON_PLAN"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r;
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private long blobCount() throws IOException {
        if (!Files.exists(storage)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private Path blob(String sha) {
        return storage.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha + ".pdf");
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void theDownloadFileNameIsEncodedAndCannotBreakTheHeader() throws Exception {
        for (String title : new String[] {"Báo cáo học kỳ I – Tổ Toán", "Tờ trình \"khẩn\"\r\nSet-Cookie: x=1; a\\b"}) {
            String id = api.postMultipart("gv.lan", "/api/documents", Part.file("a.pdf", "application/pdf",
                            TestPdfs.lessonPlan("Tên tệp " + System.nanoTime())), Part.field("title", title),
                    Part.field("kind", "LESSON_PLAN")).json().get("id").asText();
            java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                                    + "/api/documents/" + id + "/content"))
                            .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                                    .encodeToString("gv.lan:demo".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
            String header = r.headers().firstValue("Content-Disposition").orElseThrow();
            // RFC 6266: a plain ASCII fallback for old clients, then the exact name in UTF-8 (RFC 5987 encoding).
            assertThat(header).matches("inline; filename=\"[A-Za-z0-9 ._()\\-]+\"; filename\\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+");
            String encoded = header.substring(header.indexOf("UTF-8''") + 7);
            assertThat(java.net.URLDecoder.decode(encoded.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8))
                    .startsWith(title.replaceAll("[\\r\\n]", " ").replaceAll("\\s+", " ").strip().substring(0, 10));
        }
    }
}
