package vn.truongso.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.support.Api;
import vn.truongso.support.Api.Part;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;
import vn.truongso.verification.VerifyCommand;

/**
 * The bad-input corpus ({@link BadInputCorpus}) through every entry point that takes a file: each answered with a
 * 4xx problem+json in Vietnamese (or the verify command's exit code), within a bounded time and heap, leaving no
 * partial record; the service healthy afterwards. The figures go to target/robustness/corpus.md.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTest {

    /** Generous: a safety net against a hung request, not a performance target (the measured figures are). */
    static final Duration BOUND = Duration.ofSeconds(20);
    static final List<String> TABLES = List.of("document", "document_version", "step_record", "lesson_plan",
            "enrolment_paper", "incoming_register_entry", "outgoing_register_entry", "audit_entry", "notification",
            "document_read_grant");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${truongso.storage.dir}")
    Path storage;

    Api api;
    List<BadInputCorpus.Case> corpus;
    String ownDocument;
    final List<Row> rows = new ArrayList<>();

    record Row(String caseName, String entryPoint, String answer, long millis, long heapGrowthBytes, int partial) {
    }

    record Measured<T>(T value, long millis, long heapGrowthBytes) {
    }

    @BeforeAll
    void generate() {
        api = new Api(port);
        corpus = BadInputCorpus.all();
        ownDocument = api.upload("gv.lan", "Văn bản để thêm phiên bản", "LESSON_PLAN");
    }

    @Test
    @Order(1)
    void theCorpusHasAtLeastFortyFilesEachWithAReason() {
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(40);
        assertThat(corpus).allSatisfy(c -> assertThat(c.reason()).isNotBlank());
        assertThat(corpus.stream().map(BadInputCorpus.Case::name).distinct()).hasSameSizeAs(corpus);
    }

    @Test
    @Order(2)
    void everyBadFileIsRefusedInVietnameseQuicklyAndLeavesNothingBehind() {
        List<String> failures = new ArrayList<>();
        for (BadInputCorpus.Case c : corpus) {
            upload(c, "POST /api/documents (kế hoạch bài dạy)", "gv.lan", "/api/documents", "LESSON_PLAN", failures);
            upload(c, "POST /api/documents (giấy tờ tuyển sinh)", "ph.binh", "/api/documents", "APPLICATION_PAPER",
                    failures);
            upload(c, "POST /api/documents/{id}/versions", "gv.lan", "/api/documents/" + ownDocument + "/versions",
                    null, failures);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(3)
    void theVerifyCommandRefusesWhatItCannotReadWithExitCodeTwo() throws IOException {
        Path dir = Files.createTempDirectory("corpus");
        List<String> failures = new ArrayList<>();
        for (BadInputCorpus.Case c : corpus) {
            Path file = dir.resolve(c.name() + ".pdf");
            Files.write(file, c.bytes());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Measured<Integer> m = measured(() -> VerifyCommand.run(new String[] {file.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
            rows.add(new Row(c.name(), "verify (lệnh)", "exit " + m.value(), m.millis(), m.heapGrowthBytes(), 0));
            String said = err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8);
            if (m.value() != c.verifyExit() || !vietnamese(said)) {
                failures.add(c.name() + ": exit " + m.value() + " (expected " + c.verifyExit() + ") " + said);
            }
            Files.delete(file);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(4)
    void aTwoHundredMegabyteUploadIsRefusedWithoutHoldingIt() throws Exception {
        for (String path : List.of("/api/documents", "/api/documents/" + ownDocument + "/versions")) {
            Map<String, Long> before = counts();
            Measured<Api.Response> m = measured(() -> streamedUpload(path, 200L << 20));
            JsonNode problem = m.value().json();
            int partial = partial(before);
            rows.add(new Row("upload-200mb", "POST " + path.replace(ownDocument, "{id}"),
                    m.value().status() + " " + problem.path("code").asText(), m.millis(), m.heapGrowthBytes(),
                    partial));
            assertThat(m.value().status()).isEqualTo(413);
            assertThat(problem.path("code").asText()).isEqualTo("DOCUMENT_TOO_LARGE");
            assertThat(vietnamese(problem.path("detail").asText())).isTrue();
            assertThat(partial).isZero();
        }
    }

    @Test
    @Order(5)
    void credentialImportRefusesGarbageKeysInVietnamese() {
        byte[] good = TestPdfs.lessonPlan("x");
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("p12-text", "không phải khóa".getBytes(StandardCharsets.UTF_8));
        keys.put("p12-pdf", good.length > 60_000 ? java.util.Arrays.copyOf(good, 60_000) : good);
        keys.put("p12-nul", new byte[4096]);
        keys.put("p12-der-truncated", new byte[] {0x30, (byte) 0x82, 0x7f, (byte) 0xff, 0x02, 0x01, 0x03});
        keys.put("p12-der-nested", nestedDer(10_000));
        keys.put("p12-der-huge-length", new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        keys.put("p12-too-big", new byte[200 * 1024]);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, byte[]> k : keys.entrySet()) {
            Map<String, Long> before = counts();
            Measured<Api.Response> m = measured(() -> api.postMultipart("admin", "/api/admin/credentials/import",
                    Part.field("username", "gv.lan"), Part.file("khoa.p12", "application/x-pkcs12", k.getValue()),
                    Part.field("password", "sai")));
            int partial = partial(before);
            rows.add(new Row(k.getKey(), "POST /api/admin/credentials/import", m.value().status() + " "
                    + m.value().json().path("code").asText(), m.millis(), m.heapGrowthBytes(), partial));
            if (m.value().status() / 100 != 4 || !problemInVietnamese(m.value()) || partial != 0) {
                failures.add(k.getKey() + ": " + m.value() + " partial " + partial);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(9)
    void theServiceIsHealthyAfterTheCorpusAndANormalUploadStillWorks() throws IOException {
        assertThat(api.get(null, "/actuator/health").json().get("status").asText()).isEqualTo("UP");
        Api.Response ok = api.postMultipart("gv.lan", "/api/documents",
                Part.file("binh-thuong.pdf", "application/pdf", TestPdfs.lessonPlan("Sau bộ tệp xấu")),
                Part.field("title", "Sau bộ tệp xấu"), Part.field("kind", "LESSON_PLAN"));
        assertThat(ok.status()).isEqualTo(201);
    }

    @AfterAll
    void writeFigures() throws IOException {
        Path out = Path.of("target", "robustness", "corpus.md");
        Files.createDirectories(out.getParent());
        long files = rows.stream().map(Row::caseName).distinct().count();
        long entryPoints = rows.stream().map(Row::entryPoint).distinct().count();
        long maxMillis = rows.stream().mapToLong(Row::millis).max().orElse(0);
        long maxHeap = rows.stream().mapToLong(Row::heapGrowthBytes).max().orElse(0);
        long partial = rows.stream().mapToLong(Row::partial).sum();
        StringBuilder md = new StringBuilder("# Bad-input corpus\n\n")
                .append("| figure | value |\n|---|---|\n")
                .append("| files | ").append(files).append(" |\n")
                .append("| entry points | ").append(entryPoints).append(" |\n")
                .append("| cases (file × entry point) | ").append(rows.size()).append(" |\n")
                .append("| max answer time | ").append(maxMillis).append(" ms |\n")
                .append("| max heap growth (peak during a case − heap before it) | ")
                .append(maxHeap / (1024 * 1024)).append(" MB |\n")
                .append("| partial records left by a refusal | ").append(partial).append(" |\n")
                .append("| heap available to the JVM | ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB |\n\n")
                .append("| file | reason | entry point | answer | ms | heap MB | partial |\n|---|---|---|---|---|---|---|\n");
        Map<String, String> reasons = new LinkedHashMap<>();
        corpus.forEach(c -> reasons.put(c.name(), c.reason()));
        for (Row r : rows) {
            md.append("| ").append(r.caseName()).append(" | ").append(reasons.getOrDefault(r.caseName(), ""))
                    .append(" | ").append(r.entryPoint()).append(" | ").append(r.answer()).append(" | ")
                    .append(r.millis()).append(" | ").append(r.heapGrowthBytes() / (1024 * 1024)).append(" | ")
                    .append(r.partial()).append(" |\n");
        }
        Files.writeString(out, md.toString());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private void upload(BadInputCorpus.Case c, String entryPoint, String user, String path, String kind,
                        List<String> failures) {
        Map<String, Long> before = counts();
        List<Part> parts = new ArrayList<>();
        parts.add(Part.file(c.fileName(), c.contentType(), c.bytes()));
        if (kind != null) {
            parts.add(Part.field("title", "Tệp thử " + c.name()));
            parts.add(Part.field("kind", kind));
        }
        Measured<Api.Response> m = measured(() -> api.postMultipart(user, path, parts.toArray(Part[]::new)));
        Api.Response r = m.value();
        int partial = c.accepted() ? 0 : partial(before);
        String code = r.status() == 201 ? "" : r.json().path("code").asText();
        rows.add(new Row(c.name(), entryPoint, r.status() + " " + code, m.millis(), m.heapGrowthBytes(), partial));
        if (c.accepted()) {
            if (r.status() != 201) {
                failures.add(c.name() + " @ " + entryPoint + ": expected 201, got " + r);
            }
            return;
        }
        if (r.status() != c.status() || !c.code().equals(code) || !problemInVietnamese(r) || partial != 0) {
            failures.add(c.name() + " @ " + entryPoint + ": expected " + c.status() + " " + c.code() + ", got " + r
                    + (partial != 0 ? " with " + partial + " partial records" : ""));
        }
    }

    private static boolean problemInVietnamese(Api.Response r) {
        return r.contentType() != null && r.contentType().startsWith("application/problem+json")
                && vietnamese(r.json().path("detail").asText());
    }

    /** Vietnamese as a person reads it: at least one letter with a Vietnamese diacritic. */
    static boolean vietnamese(String s) {
        return s != null && s.matches("(?s).*[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
                + "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ].*");
    }

    private Map<String, Long> counts() {
        Map<String, Long> n = new LinkedHashMap<>();
        for (String t : TABLES) {
            n.put(t, jdbc.queryForObject("select count(*) from " + t, Long.class));
        }
        n.put("blob files", blobFiles());
        return n;
    }

    private long blobFiles() {
        if (!Files.isDirectory(storage)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Rows and blob files that appeared since {@code before}. */
    private int partial(Map<String, Long> before) {
        Map<String, Long> after = counts();
        int n = 0;
        for (String k : before.keySet()) {
            n += (int) Math.max(0, after.get(k) - before.get(k));
        }
        return n;
    }

    /** Time and heap growth (peak of the heap pools during the call minus the heap used before it) of one call. */
    static <T> Measured<T> measured(Callable<T> call) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        T value = assertTimeoutPreemptively(BOUND, call::call);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Measured<>(value, millis, Math.max(0, peak - before));
    }

    /**
     * A multipart body of {@code size} bytes generated as it is sent (the test never holds it), with its length
     * declared as browsers and curl do. Sent over a plain socket and the answer read while sending, as curl does: the
     * service answers 413 early and stops reading (it swallows at most 64 MB), which Java's HttpClient reports as a
     * broken pipe instead of the answer.
     */
    private Api.Response streamedUpload(String path, long size) throws Exception {
        String boundary = "----corpus200mb";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nTệp lớn\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nOTHER\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lon.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\n%%EOF\n\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        String request = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString("gv.lan:demo".getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
                + (head.length + size + tail.length) + "\r\nConnection: close\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            Thread sender = new Thread(() -> {
                try {
                    java.io.OutputStream out = socket.getOutputStream();
                    out.write(request.getBytes(StandardCharsets.US_ASCII));
                    out.write(head);
                    byte[] spaces = new byte[64 * 1024];
                    java.util.Arrays.fill(spaces, (byte) ' ');
                    for (long left = size; left > 0; left -= spaces.length) {
                        out.write(spaces, 0, (int) Math.min(spaces.length, left));
                    }
                    out.write(tail);
                    out.flush();
                } catch (IOException stoppedReading) {
                    // The service answered and closed: what a refusal of an oversized body looks like.
                }
            });
            sender.setDaemon(true);
            sender.start();
            byte[] raw = socket.getInputStream().readAllBytes();
            sender.join(5_000);
            return parse(raw);
        }
    }

    /** Status, content type and body of a raw HTTP/1.1 answer (plain or chunked). */
    private static Api.Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String type = "";
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                type = line.substring(13).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < body.length) {
                int lineEnd = new String(body, at, body.length - at, StandardCharsets.ISO_8859_1).indexOf("\r\n");
                int n = Integer.parseInt(new String(body, at, lineEnd, StandardCharsets.ISO_8859_1).trim(), 16);
                if (n == 0) {
                    break;
                }
                out.write(body, at + lineEnd + 2, n);
                at += lineEnd + 2 + n + 2;
            }
            body = out.toByteArray();
        }
        return new Api.Response(status, type, body);
    }

    private static byte[] nestedDer(int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            out.write(0x30);
            out.write(0x80); // indefinite length: nothing to count, only to nest
        }
        for (int i = 0; i < depth; i++) {
            out.write(0);
            out.write(0);
        }
        return out.toByteArray();
    }
}
