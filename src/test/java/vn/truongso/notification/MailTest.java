package vn.truongso.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.truongso.common.VietnamTime;
import vn.truongso.common.WorkingCalendar;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.PageSession;
import vn.truongso.support.TestPdfs;
import vn.truongso.support.TestPostgres;

/**
 * E-mail against a real SMTP server in-process (GreenMail): what the lesson plan's story sends to whom, an SMTP server
 * that is down for a while, a step that rolls back, two senders at once, and the morning digest. The sender's own
 * schedule is an hour here: the tests run it themselves ({@link OutboxSender#sendDue}).
 */
@IntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class MailTest {

    static final int SMTP_PORT = freePort();
    static final String BASE = "https://truongso.test";
    static GreenMail smtp = start();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        // Long enough for a loaded machine (a mail that times out is only tried again later, and the test reading the
        // inbox at once would miss it); a server that is down refuses the connection at once anyway.
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "20000");
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> "20000");
        registry.add("truongso.mail.base-url", () -> BASE);
        registry.add("truongso.mail.from", () -> "Trường Số <no-reply@truongso.test>");
        registry.add("truongso.mail.send-interval", () -> "1h");
        registry.add("truongso.mail.retry-first", () -> "50ms");
        registry.add("truongso.mail.retry-max", () -> "200ms");
        // A database of its own: this context lives beside the shared one in the same JVM. In the PostgreSQL run, one
        // on the same server, so the outbox's claims and the digest's day run on PostgreSQL's SQL too.
        registry.add("spring.datasource.url", MailTest::ownDatabase);
    }

    static String ownDatabase() {
        TestPostgres pg = "PostgreSQL".equals(System.getProperty("truongso.test.expected-database"))
                ? TestPostgres.fromEnvironment() : null;
        if (pg == null) {
            return "jdbc:h2:mem:truongso-mail;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";
        }
        // A name of this run's own: the server may be shared (another user's leftover would not be ours to drop).
        String name = "truongso_mail_" + java.util.UUID.randomUUID().toString().substring(0, 8);
        try {
            pg.createDatabase(name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("no database for the mail test on " + pg.url(""), e);
        }
        // The context stays cached until the JVM ends: so does its database.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.dropDatabase(name);
            } catch (java.sql.SQLException e) {
                // the server is going too, or the context still holds it: a leftover test database, nothing more
            }
        }));
        return pg.url(name);
    }

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired
    OutboxSender sender;
    @Autowired
    MailDigest digest;
    @Autowired
    MailOutbox outbox;
    @Autowired
    MailProperties properties;
    @Autowired
    JavaMailSender javaMail;
    @Autowired
    Notifier notifier;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager txManager;
    @Autowired
    WorkingCalendar calendar;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
        // Heads and principals get tasks in the morning digest by default; these two chose to hear of each at once,
        // so the story below shows every step's mail (the digest test shows the default).
        for (String user : List.of("tt.hung", "ht.mai")) {
            assertThat(api.send("PUT", user, "/api/notifications/preferences",
                    Api.Body.json(java.util.Map.of("TASKS", "AT_ONCE")), java.util.Map.of()).status()).isEqualTo(200);
        }
        sendAll();
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @Test
    void theLessonPlansStorySendsEachStepToWhomItConcernsInVietnameseWithWorkingLinks() throws Exception {
        String title = "Bài 5: Phương trình bậc nhất " + System.nanoTime();
        JsonNode plan = api.submitLessonPlan("gv.lan", title);
        String id = plan.get("id").asText();
        String documentId = plan.get("documentId").asText();
        List<Mail> story = new ArrayList<>(arrivedAndLinksOpen(title));
        String headTask = api.taskOf("tt.hung", id);
        assertThat(api.complete("tt.hung", headTask, "RETURN", "Bổ sung phần luyện tập", null).status())
                .isEqualTo(204);
        story.addAll(arrivedAndLinksOpen(title));
        String revise = api.taskOf("gv.lan", id);
        assertThat(api.postMultipart("gv.lan", "/api/documents/" + documentId + "/versions",
                Api.Part.file("v2.pdf", "application/pdf", TestPdfs.lessonPlan("Bản sửa")),
                Api.Part.field("note", "Thêm luyện tập")).status()).isEqualTo(201);
        assertThat(api.completeAndSign("gv.lan", revise, "RESUBMIT", "Đã bổ sung", null).status()).isEqualTo(202);
        story.addAll(arrivedAndLinksOpen(title));
        assertThat(api.complete("tt.hung", api.taskOf("tt.hung", id), "APPROVE", null, "PAPER").status())
                .isEqualTo(204);
        story.addAll(arrivedAndLinksOpen(title));
        assertThat(api.completeAndSign("ht.mai", api.taskOf("ht.mai", id), "APPROVE", "Đồng ý", "DIGITAL").status())
                .isEqualTo(202);
        assertThat(api.get("gv.lan", "/api/lesson-plans/" + id).json().get("status").asText()).isEqualTo("APPROVED");
        story.addAll(arrivedAndLinksOpen(title));

        // Each step to whom it concerns, once: the teacher her two signatures, the return with its comment, the
        // revision and the approval; the head the review twice (before and after the return); the principal the
        // approval and her signature. Nobody else (not the teacher of her own plan's review, not the other school).
        String school = "[Trường THCS Hòa Bình] ";
        assertThat(story).extracting(m -> m.to() + " " + m.subject().replace(school, "").replaceAll(":.*", ""))
                .containsExactlyInAnyOrder(
                        "gv.lan@demo.truongso.vn Yêu cầu ký số chờ Thầy/Cô xác nhận",
                        "tt.hung@demo.truongso.vn Việc mới",
                        "gv.lan@demo.truongso.vn Kế hoạch bài dạy được trả lại",
                        "gv.lan@demo.truongso.vn Việc mới",
                        "gv.lan@demo.truongso.vn Yêu cầu ký số chờ Thầy/Cô xác nhận",
                        "tt.hung@demo.truongso.vn Việc mới",
                        "ht.mai@demo.truongso.vn Việc mới",
                        "ht.mai@demo.truongso.vn Yêu cầu ký số chờ Thầy/Cô xác nhận",
                        "gv.lan@demo.truongso.vn Kế hoạch bài dạy đã được phê duyệt và ký");
        assertThat(story).allSatisfy(m -> {
            assertThat(m.subject()).startsWith(school);
            assertThat(m.from()).contains("no-reply@truongso.test");
            assertThat(m.text()).contains("Kính gửi Thầy/Cô ", "Trường THCS Hòa Bình – Trường Số");
            assertThat(m.html()).contains("Kính gửi Thầy/Cô ", "href=\"" + BASE + "/");
            assertNoSecret(m);
        });
        assertThat(story).filteredOn(m -> m.subject().contains("trả lại")).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("Bổ sung phần luyện tập"));
        assertThat(story).filteredOn(m -> m.subject().contains("Việc mới") && m.to().startsWith("tt.hung"))
                .allSatisfy(m -> assertThat(m.subject()).contains("Tổ trưởng duyệt kế hoạch bài dạy", title));
        assertThat(story).filteredOn(m -> m.to().startsWith("ht.mai") && m.subject().contains("Việc mới"))
                .singleElement().satisfies(m -> assertThat(m.subject()).contains("Hiệu trưởng phê duyệt"));
        assertThat(story).filteredOn(m -> m.subject().contains("phê duyệt và ký")).singleElement()
                .satisfies(m -> assertThat(m.links().get(0)).isEqualTo(BASE + "/api/lesson-plans/" + id));
        // The other school's people heard nothing of it.
        assertThat(received(m -> m.text().contains(title))).hasSize(story.size());
    }

    @Test
    void aParentHearsFromTheSchoolAndItsClerkGetsTheApplicationToCheck() throws Exception {
        LocalDate today = LocalDate.now(VietnamTime.ZONE);
        int year = today.getMonthValue() >= 8 ? today.getYear() + 1 : today.getYear(); // the demo round's
        String child = "Đặng Minh " + letters();
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("child", java.util.Map.of("fullName", child, "birthDate", LocalDate.of(year - 11, 3, 14).toString(),
                "personalId", "0012" + String.format("%02d", (year - 11) % 100)
                        + String.format("%06d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000)),
                "gender", "MALE"));
        body.put("parent", java.util.Map.of("fullName", "Đặng Văn Bình", "phone", "0912 345 678"));
        body.put("address", java.util.Map.of("text", "12 Tô Hiệu", "ward", "Hòa Bình", "lat", 21.03, "lon", 105.8412));
        body.put("schoolCode", "THCSHB");
        body.put("grade", 6);
        body.put("enrolmentYear", year);
        body.put("priorityGroups", List.of());
        body.put("papers", List.of(
                java.util.Map.of("documentId", api.upload("ph.binh", "Giấy khai sinh " + child, "APPLICATION_PAPER"),
                        "kind", "BIRTH_CERTIFICATE"),
                java.util.Map.of("documentId", api.upload("ph.binh", "Xác nhận cư trú " + child, "APPLICATION_PAPER"),
                        "kind", "RESIDENCE_CONFIRMATION")));
        Api.Response applied = api.postJson("ph.binh", "/api/enrolments", body);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);

        List<Mail> mails = arrivedAndLinksOpen(child);
        assertThat(mails).extracting(m -> m.to() + " " + m.subject().replaceAll(":.*", ""))
                .containsExactlyInAnyOrder(
                        "ph.binh@demo.truongso.vn [Trường THCS Hòa Bình] Nhà trường đã nhận hồ sơ tuyển sinh",
                        "vt.hoa@demo.truongso.vn [Trường THCS Hòa Bình] Việc mới");
        assertThat(mails).filteredOn(m -> m.to().startsWith("ph.binh")).singleElement().satisfies(m -> {
            assertThat(m.text()).contains("Kính gửi Quý phụ huynh Đặng Văn Bình", child,
                    BASE + "/api/enrolments/" + applied.json().get("id").asText());
            assertNoSecret(m);
        });
        assertThat(mails).filteredOn(m -> m.to().startsWith("vt.hoa")).singleElement()
                .satisfies(m -> assertThat(m.subject()).contains("Kiểm tra hồ sơ tuyển sinh", child));
    }

    static String letters() {
        String a = "abcdeghiklmnopqrstuvxy";
        StringBuilder b = new StringBuilder();
        java.util.Random r = new java.util.Random(System.nanoTime());
        for (int i = 0; i < 8; i++) {
            b.append(a.charAt(r.nextInt(a.length())));
        }
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    @Test
    void aSignatureNobodyConfirmsExpiresAndItsSignerIsToldWithoutACode() throws Exception {
        String title = "Bài 10: Hàm số bậc nhất " + System.nanoTime();
        JsonNode submitted = api.submitLessonPlanUnconfirmed("gv.lan", title);
        String tx = submitted.get("signTransaction").get("transactionId").asText();
        String process = api.get("gv.lan", "/api/lesson-plans/" + submitted.get("id").asText()).json()
                .get("processInstanceId").asText();
        // The confirmation window closes: the timer of the remote-signature call fires.
        String signature = runtime.createProcessInstanceQuery().superProcessInstanceId(process).singleResult().getId();
        management.executeJob(management.createJobQuery().processInstanceId(signature).timers().singleResult().getId());

        List<Mail> mails = arrivedAndLinksOpen(title);
        assertThat(mails).extracting(m -> m.to() + " " + m.subject().replaceAll(":.*", ""))
                .contains("gv.lan@demo.truongso.vn [Trường THCS Hòa Bình] Yêu cầu ký số chờ Thầy/Cô xác nhận",
                        "gv.lan@demo.truongso.vn [Trường THCS Hòa Bình] Yêu cầu ký số đã hết hạn");
        assertThat(mails).filteredOn(m -> m.subject().contains("hết hạn")).singleElement().satisfies(m -> {
            assertThat(m.text()).contains("đã hết hạn mà chưa được xác nhận", BASE + "/signing/" + tx);
            assertNoSecret(m);
        });
        assertThat(mails).allSatisfy(MailTest::assertNoSecret);
    }

    @Test
    void mailQueuedWhileTheSmtpServerIsDownArrivesOnceWhenItIsBack() throws Exception {
        String title = "Bài 6: Hệ phương trình " + System.nanoTime();
        smtp.stop();
        try {
            api.submitLessonPlan("gv.lan", title);
            sender.sendDue();
            sender.sendDue();
            List<java.util.Map<String, Object>> waiting = jdbc.queryForList("select attempts, last_error from mail_outbox"
                    + " where sent_at is null and text_body like ?", "%" + title + "%");
            // The signature to confirm (the teacher) and the review (the head): queued, tried, kept.
            assertThat(waiting).hasSize(2).allSatisfy(r -> {
                assertThat((Integer) r.get("ATTEMPTS")).isPositive();
                assertThat((String) r.get("LAST_ERROR")).isNotBlank().doesNotContainIgnoringCase("password");
            });
        } finally {
            smtp = start();
        }
        // Back up: what waited arrives, each once, though two senders (two nodes) try at the same time.
        OutboxSender otherNode = new OutboxSender(javaMail, outbox, properties, Clock.systemUTC(), meters);
        for (int i = 0; i < 200 && count("sent_at is null and text_body like ?", "%" + title + "%") > 0; i++) {
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(sender::sendDue);
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(otherNode::sendDue);
            a.join();
            b.join();
            Thread.sleep(20);
        }
        assertThat(received(m -> m.text().contains(title))).extracting(Mail::to)
                .containsExactlyInAnyOrder("gv.lan@demo.truongso.vn", "tt.hung@demo.truongso.vn");
    }

    @Test
    void twoNodesSendingAtOnceSendEachMailOnce() {
        String marker = "Thông báo thử hai máy chủ " + System.nanoTime();
        new TransactionTemplate(txManager).executeWithoutResult(s -> {
            for (int i = 0; i < 12; i++) {
                notifier.toUser("gv.lan", "LESSON_PLAN_APPROVED", marker + " số " + i + ".", "/api/lesson-plans");
            }
        });
        OutboxSender otherNode = new OutboxSender(javaMail, outbox, properties, Clock.systemUTC(), meters);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(sender::sendDue);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(otherNode::sendDue);
        a.join();
        b.join();
        sendAll();
        List<Mail> got = received(m -> m.text().contains(marker));
        assertThat(got).hasSize(12);
        assertThat(got).extracting(m -> m.text().replaceAll("(?s).*" + marker + " số (\\d+).*", "$1"))
                .doesNotHaveDuplicates();
    }

    @Test
    void aStepThatRollsBackSendsNothing() {
        String marker = "Thông báo của bước bị hủy " + System.nanoTime();
        new TransactionTemplate(txManager).executeWithoutResult(s -> {
            notifier.toUser("gv.lan", "LESSON_PLAN_APPROVED", marker, "/api/lesson-plans");
            notifier.toGroups(List.of("THCSHB-KHTN.HEAD"), "REVIEW_REMINDER", marker, "/api/lesson-plans");
            s.setRollbackOnly();
        });
        // And a real step refused half-way: resubmitting without a revised version (409) sends nothing either.
        String title = "Bài 7: Bất phương trình " + System.nanoTime();
        String id = api.submitLessonPlan("gv.lan", title).get("id").asText();
        assertThat(api.complete("tt.hung", api.taskOf("tt.hung", id), "RETURN", "Sửa lại mục tiêu", null).status())
                .isEqualTo(204);
        sendAll();
        int before = received(m -> m.text().contains(title)).size();
        assertThat(api.complete("gv.lan", api.taskOf("gv.lan", id), "RESUBMIT", null, null).status()).isEqualTo(409);
        sendAll();
        assertThat(count("text_body like ?", "%" + marker + "%")).isZero();
        assertThat(received(m -> m.text().contains(marker))).isEmpty();
        assertThat(received(m -> m.text().contains(title))).hasSize(before);
    }

    @Test
    void theMorningDigestCollectsTheDaysTasksIntoOneMailPerPerson() {
        // The head of the other school (THCSAP) keeps the default for heads: tasks not at once, one mail at 06:30.
        String first = "Bài 8: Axit và bazơ " + System.nanoTime();
        String second = "Bài 9: Muối " + System.nanoTime();
        api.submitLessonPlan("gv.tuan", first);
        api.submitLessonPlan("gv.tuan", second);
        sendAll();
        assertThat(received(m -> m.to().equals("tt.linh@demo.truongso.vn"))).isEmpty();
        assertThat(count("recipient = 'tt.linh'")).isZero();

        Instant morning = nextDigestTime();
        assertThat(digest.run(morning)).isPositive();
        // A second node at the same moment finds the day taken.
        assertThat(digest.run(morning)).isZero();
        sendAll();
        List<Mail> digests = received(m -> m.to().equals("tt.linh@demo.truongso.vn"));
        assertThat(digests).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("[Trường THCS An Phú] Bản tin buổi sáng: Thầy/Cô có 2 kế hoạch bài dạy "
                    + "chờ duyệt");
            assertThat(m.text()).contains("Kính gửi Thầy/Cô Vũ Thùy Linh", first, second, "Hoàng Minh Tuấn",
                    BASE + "/inbox/");
            assertThat(m.html()).contains(first, second);
            // No other school's data, no secret.
            assertThat(m.text()).doesNotContain("Hòa Bình", "Nguyễn Thị Lan");
            assertNoSecret(m);
        });
        // Nor did the other school's people hear of these plans.
        assertThat(received(m -> m.text().contains(first) && !m.to().endsWith("@demo.truongso.vn")
                || m.text().contains(first) && !List.of("gv.tuan@demo.truongso.vn", "tt.linh@demo.truongso.vn")
                .contains(m.to()))).isEmpty();
    }

    @Test
    void aMalformedAddressIsParkedAtOnceAndNeverTriedAgain(CapturedOutput output) throws Exception {
        String marker = "Thư tới địa chỉ hỏng " + System.nanoTime();
        double before = parked("refused");
        outbox.queue("gv.lan", "gv.lan@@demo", "LESSON_PLAN_APPROVED", new MailComposer.Mail(marker, marker, marker));
        sendAll();
        Thread.sleep(properties.retryMax().toMillis() + 50); // past any back-off: a retried mail would be due now
        sendAll();
        sendAll();

        java.util.Map<String, Object> row = jdbc.queryForMap("select id, attempts, parked_at, last_error, claimed_by"
                + " from mail_outbox where subject = ?", marker);
        assertThat(row.get("ATTEMPTS")).isEqualTo(1);
        assertThat(row.get("PARKED_AT")).isNotNull();
        assertThat(row.get("CLAIMED_BY")).isNull();
        assertThat((String) row.get("LAST_ERROR")).contains("AddressException");
        assertThat(parked("refused")).isEqualTo(before + 1);
        assertThat(meters.get("truongso.mail.outbox.parked").gauge().value()).isPositive();
        // One warning, without the mail's content.
        String id = row.get("ID").toString();
        assertThat(output.getAll().lines().filter(l -> l.contains("Mail " + id + " ") && l.contains("WARN")))
                .singleElement().satisfies(l -> assertThat(l).contains("parked").doesNotContain(marker));
    }

    @Test
    void aRecipientTheServerRefusesWith5xxIsParkedAndOneItDefersIsKept() throws Exception {
        String marker = "Thư bị máy chủ từ chối " + System.nanoTime();
        try (RefusingSmtp refusing = new RefusingSmtp("550 5.1.1 <khong.co@demo.truongso.vn>: User unknown")) {
            OutboxSender toRefusing = refusing.sender();
            outbox.queue("gv.lan", "khong.co@demo.truongso.vn", "LESSON_PLAN_APPROVED",
                    new MailComposer.Mail(marker, marker, marker));
            toRefusing.sendDue();
            Thread.sleep(properties.retryMax().toMillis() + 50);
            toRefusing.sendDue();
            assertThat(jdbc.queryForMap("select attempts, parked_at, last_error from mail_outbox where subject = ?",
                    marker)).satisfies(r -> {
                        assertThat(r.get("ATTEMPTS")).isEqualTo(1);
                        assertThat(r.get("PARKED_AT")).isNotNull();
                        assertThat((String) r.get("LAST_ERROR")).contains("550");
                    });
        }
        String deferred = "Thư bị máy chủ hẹn lại " + System.nanoTime();
        try (RefusingSmtp busy = new RefusingSmtp("450 4.2.1 Mailbox busy, try again later")) {
            outbox.queue("gv.lan", "ban.ron@demo.truongso.vn", "LESSON_PLAN_APPROVED",
                    new MailComposer.Mail(deferred, deferred, deferred));
            busy.sender().sendDue();
            assertThat(jdbc.queryForMap("select attempts, parked_at from mail_outbox where subject = ?", deferred))
                    .satisfies(r -> {
                        assertThat(r.get("ATTEMPTS")).isEqualTo(1);
                        assertThat(r.get("PARKED_AT")).isNull();
                    });
        }
        // A transient refusal: tried again (here, on the real server) and delivered.
        Thread.sleep(properties.retryMax().toMillis() + 50);
        sendAll();
        assertThat(received(m -> m.subject().equals(deferred))).hasSize(1);
        assertThat(received(m -> m.subject().equals(marker))).isEmpty();
    }

    @Test
    void aMailThatFailsEveryTimeIsParkedAfterTheLastAttempt() throws Exception {
        String marker = "Thư không bao giờ tới " + System.nanoTime();
        double before = parked("attempts");
        outbox.queue("gv.lan", "gv.lan@demo.truongso.vn", "LESSON_PLAN_APPROVED",
                new MailComposer.Mail(marker, marker, marker));
        jdbc.update("update mail_outbox set attempts = ? where subject = ?", properties.maxAttempts() - 2, marker);
        // An SMTP server nobody listens on: a transient failure each time.
        org.springframework.mail.javamail.JavaMailSenderImpl down = new org.springframework.mail.javamail.JavaMailSenderImpl();
        down.setHost("127.0.0.1");
        down.setPort(freePort());
        OutboxSender toNowhere = new OutboxSender(down, outbox, properties, Clock.systemUTC(), meters);
        toNowhere.sendDue();
        assertThat(jdbc.queryForObject("select parked_at from mail_outbox where subject = ?", Object.class, marker))
                .as("kept after attempt %d", properties.maxAttempts() - 1).isNull();
        Thread.sleep(properties.retryMax().toMillis() + 50);
        toNowhere.sendDue();
        Thread.sleep(properties.retryMax().toMillis() + 50);
        sendAll(); // the real server is up, but the mail is parked: not sent
        assertThat(jdbc.queryForMap("select attempts, parked_at, sent_at from mail_outbox where subject = ?", marker))
                .satisfies(r -> {
                    assertThat(r.get("ATTEMPTS")).isEqualTo(properties.maxAttempts());
                    assertThat(r.get("PARKED_AT")).isNotNull();
                    assertThat(r.get("SENT_AT")).isNull();
                });
        assertThat(parked("attempts")).isEqualTo(before + 1);
        assertThat(received(m -> m.subject().equals(marker))).isEmpty();
    }

    double parked(String reason) {
        var counter = meters.find("truongso.mail.parked").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * An SMTP server that answers every RCPT with one reply (a 5xx refusal or a 4xx deferral) and accepts
     * nothing; one connection at a time, as the sender makes them.
     */
    final class RefusingSmtp implements AutoCloseable {
        final ServerSocket socket;
        final Thread thread;

        RefusingSmtp(String rcptReply) throws IOException {
            socket = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (java.net.Socket c = socket.accept();
                         var in = new java.io.BufferedReader(new java.io.InputStreamReader(c.getInputStream(),
                                 StandardCharsets.US_ASCII));
                         var out = new java.io.PrintWriter(new java.io.OutputStreamWriter(c.getOutputStream(),
                                 StandardCharsets.US_ASCII), true)) {
                        out.print("220 refusing.test ESMTP\r\n");
                        out.flush();
                        for (String line; (line = in.readLine()) != null; ) {
                            String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase();
                            String reply = switch (command) {
                                case "EHLO", "HELO" -> "250 refusing.test";
                                case "RCPT" -> rcptReply;
                                case "QUIT" -> "221 bye";
                                default -> "250 OK";
                            };
                            out.print(reply + "\r\n");
                            out.flush();
                            if (command.equals("QUIT")) {
                                break;
                            }
                        }
                    } catch (IOException e) {
                        // closed by the test, or the client went away
                    }
                }
            }, "refusing-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        OutboxSender sender() {
            org.springframework.mail.javamail.JavaMailSenderImpl mail =
                    new org.springframework.mail.javamail.JavaMailSenderImpl();
            mail.setHost("127.0.0.1");
            mail.setPort(socket.getLocalPort());
            // as above: a timeout would be a transient failure, not the refusal the test is about
            mail.getJavaMailProperties().put("mail.smtp.timeout", "20000");
            mail.getJavaMailProperties().put("mail.smtp.connectiontimeout", "20000");
            return new OutboxSender(mail, outbox, properties, Clock.systemUTC(), meters);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** 06:30 in Vietnam on the first working day after now. */
    Instant nextDigestTime() {
        LocalDate day = LocalDate.now(VietnamTime.ZONE);
        while (true) {
            Instant at = day.atTime(LocalTime.of(6, 30)).atZone(VietnamTime.ZONE).toInstant();
            if (calendar.isWorkingDay(day) && at.isAfter(Instant.now())) {
                return at;
            }
            day = day.plusDays(1);
        }
    }

    static void assertNoSecret(Mail m) {
        for (String body : List.of(m.text(), m.html(), m.subject())) {
            // A signing code is six digits on their own (not inside an id or a longer number in a title).
            assertThat(body).doesNotContainPattern("(?<![\\w/-])\\d{6}(?![\\w/-])")
                    .doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("mật khẩu")
                    .doesNotContain("otp");
        }
    }

    int count(String where, Object... args) {
        Integer n = jdbc.queryForObject("select count(*) from mail_outbox where " + where, Integer.class, args);
        return n == null ? 0 : n;
    }

    /** Message-IDs already looked at (GreenMail lists mails by mailbox, not in order of arrival). */
    private final java.util.Set<String> seen = new java.util.HashSet<>();

    /** The mails about {@code title} that arrived since the last call; each link in them opens for its recipient. */
    List<Mail> arrivedAndLinksOpen(String title) throws Exception {
        sendAll();
        MimeMessage[] all = smtp.getReceivedMessages();
        List<Mail> out = new ArrayList<>();
        for (MimeMessage message : all) {
            if (!seen.add(message.getMessageID())) {
                continue;
            }
            Mail m = Mail.of(message);
            if (m.text().contains(title)) {
                out.add(m);
            }
        }
        for (Mail m : out) {
            String user = m.to().substring(0, m.to().indexOf('@'));
            String path = m.links().get(0).substring(BASE.length());
            int status = path.startsWith("/api/") ? api.get(user, path).status() : page(user, path);
            assertThat(status).as(m.subject() + " → " + path).isEqualTo(200);
        }
        return out;
    }

    private final java.util.Map<String, String> sessions = new java.util.HashMap<>();
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** A page as its recipient sees it, signed in through the login form. */
    int page(String user, String path) throws Exception {
        String cookie = sessions.get(user);
        if (cookie == null) {
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(local("/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            cookie = PageSession.cookie(login, null);
            Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login.body());
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(local("/login"))
                    .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo&_csrf="
                            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(302);
            cookie = PageSession.cookie(signedIn, cookie);
            sessions.put(user, cookie);
        }
        return browser.send(HttpRequest.newBuilder(local(path)).header("Cookie", cookie).header("Accept", "text/html")
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private URI local(String path) {
        return URI.create("http://localhost:" + port + path);
    }


    /** Mails received so far that match. */
    List<Mail> received(Predicate<Mail> which) {
        List<Mail> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            Mail mail = Mail.of(m);
            if (which.test(mail)) {
                out.add(mail);
            }
        }
        return out;
    }

    /** Sends until nothing is due (what the schedule does every few seconds in production). */
    void sendAll() {
        for (int i = 0; i < 20 && sender.sendDue() > 0; i++) {
            // again: a batch may have been full
        }
    }

    record Mail(String to, String from, String subject, String text, String html) {
        static Mail of(MimeMessage m) {
            try {
                List<String> texts = new ArrayList<>();
                List<String> htmls = new ArrayList<>();
                parts(m, texts, htmls);
                return new Mail(((InternetAddress) m.getAllRecipients()[0]).getAddress(),
                        m.getFrom()[0].toString(), m.getSubject(), String.join("\n", texts), String.join("\n", htmls));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static void parts(Part p, List<String> texts, List<String> htmls) throws Exception {
            if (p.isMimeType("text/plain")) {
                texts.add((String) p.getContent());
            } else if (p.isMimeType("text/html")) {
                htmls.add((String) p.getContent());
            } else if (p.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) p.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart b = mp.getBodyPart(i);
                    parts(b, texts, htmls);
                }
            }
        }

        /** The links it carries, in its plain text. */
        List<String> links() {
            List<String> out = new ArrayList<>();
            Matcher m = Pattern.compile(Pattern.quote(BASE) + "\\S+").matcher(text);
            while (m.find()) {
                out.add(m.group());
            }
            return out;
        }
    }

    static GreenMail start() {
        GreenMail g = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        return g;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
