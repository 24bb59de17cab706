package vn.truongso.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.truongso.common.VietnamTime;
import vn.truongso.common.WorkingCalendar;
import vn.truongso.school.UserDirectory;

/**
 * The morning digest: at 06:30 in Vietnam on working days ({@link WorkingCalendar}), one mail per person with every
 * notification since the last digest whose kind they chose to receive as DIGEST ("Thầy/Cô có 12 việc …"), queued in
 * {@code mail_outbox} like any mail. The day is claimed by a row of {@code mail_digest_run} in the same transaction:
 * of two nodes, the second finds the day taken and queues nothing.
 */
@Component
class MailDigest {

    private static final Logger log = LoggerFactory.getLogger(MailDigest.class);
    private static final int MAX_ITEMS_PER_GROUP = 30;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final NotificationPreferences preferences;
    private final UserDirectory users;
    private final MailComposer composer;
    private final MailOutbox outbox;
    private final MailQueue queue;
    private final MailProperties properties;
    private final WorkingCalendar calendar;
    private final Clock clock;
    private final String node = "node-" + UUID.randomUUID();

    MailDigest(JdbcTemplate jdbc, PlatformTransactionManager txManager, NotificationPreferences preferences,
               UserDirectory users, MailComposer composer, MailOutbox outbox, MailQueue queue,
               MailProperties properties, WorkingCalendar calendar, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
        this.preferences = preferences;
        this.users = users;
        this.composer = composer;
        this.outbox = outbox;
        this.queue = queue;
        this.properties = properties;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Scheduled(cron = "${truongso.mail.digest-cron:0 30 6 * * *}", zone = "Asia/Ho_Chi_Minh")
    void scheduled() {
        run(clock.instant());
    }

    /**
     * Answers how many digests were queued: none without SMTP, on a day off, or when another node already ran the
     * day.
     */
    int run(Instant now) {
        LocalDate day = now.atZone(VietnamTime.ZONE).toLocalDate();
        if (!queue.enabled() || !calendar.isWorkingDay(day)) {
            return 0;
        }
        try {
            Integer queued = tx.execute(s -> collect(day, now));
            return queued == null ? 0 : queued;
        } catch (DataIntegrityViolationException taken) {
            log.info("Morning digest of {}: already run by another node", day);
            return 0;
        }
    }

    private int collect(LocalDate day, Instant now) {
        Instant from = windowStart(day);
        // First, so that a second node blocks here (primary key) and then fails, before reading anything.
        jdbc.update("insert into mail_digest_run (run_day, window_start, window_end, run_by) values (?, ?, ?, ?)",
                day, Timestamp.from(from), Timestamp.from(now), node);
        Map<String, List<Row>> byRecipient = new LinkedHashMap<>();
        jdbc.query("select recipient, kind, message, link, digest_label from notification where created_at > ? and "
                        + "created_at <= ? order by recipient, created_at, id",
                rs -> {
                    byRecipient.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Row(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }, Timestamp.from(from), Timestamp.from(now));
        int queued = 0;
        for (Map.Entry<String, List<Row>> e : byRecipient.entrySet()) {
            String username = e.getKey();
            List<Row> chosen = e.getValue().stream()
                    .filter(r -> preferences.deliveryFor(username, r.kind()) == Delivery.DIGEST).toList();
            if (chosen.isEmpty()) {
                continue;
            }
            var address = users.emailOf(username);
            var user = users.find(username);
            if (address.isEmpty() || user.isEmpty()) {
                continue;
            }
            outbox.queue(username, address.get(), "DIGEST",
                    composer.digest(MailQueue.greeting(user.get()), groups(chosen), queue.sender(user.get(), null)));
            queued++;
        }
        log.info("Morning digest of {}: {} mails queued (notifications after {})", day, queued, from);
        return queued;
    }

    /** Since the last digest; the first one looks back to the previous working day's digest time. */
    private Instant windowStart(LocalDate day) {
        Timestamp last = jdbc.queryForObject("select max(window_end) from mail_digest_run where run_day < ?",
                Timestamp.class, day);
        if (last != null) {
            return last.toInstant();
        }
        LocalDate previous = day.minusDays(1);
        while (!calendar.isWorkingDay(previous)) {
            previous = previous.minusDays(1);
        }
        return previous.atTime(properties.digestTime()).atZone(VietnamTime.ZONE).toInstant();
    }

    /**
     * Counted by what the step that caused them calls them (a task's digestLabel), else tasks by their name and other
     * notifications by kind, in the order they first came.
     */
    private List<MailComposer.DigestGroup> groups(List<Row> rows) {
        Map<String, List<Row>> byLabel = new LinkedHashMap<>();
        for (Row r : rows) {
            String label = r.digestLabel() != null ? r.digestLabel()
                    : TaskMail.KIND.equals(r.kind()) ? "việc \"" + TaskMail.taskName(r.message()) + "\""
                    : composer.digestLabel(r.kind());
            byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(r);
        }
        List<MailComposer.DigestGroup> out = new ArrayList<>();
        byLabel.forEach((label, list) -> out.add(new MailComposer.DigestGroup(list.size(), label, list.stream()
                .limit(MAX_ITEMS_PER_GROUP)
                .map(r -> new MailComposer.DigestItem(r.message(), properties.absolute(r.link()))).toList())));
        return out;
    }

    private record Row(String kind, String message, String link, String digestLabel) {
    }
}
