package vn.truongso.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Table {@code mail_outbox}. {@link #queue} joins the caller's transaction (a rolled-back step leaves no mail); the
 * sender's calls run without one, each statement on its own, so a claim is visible to every node at once.
 */
@Component
class MailOutbox {

    record Queued(long id, String recipient, String address, String kind, String subject, String text, String html,
                  int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    MailOutbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void queue(String recipient, String address, String kind, MailComposer.Mail mail) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("insert into mail_outbox (recipient, address, kind, subject, text_body, html_body, created_at,"
                        + " next_attempt_at, attempts) values (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                recipient, address, kind, mail.subject(), mail.text(), mail.html(), now, now);
    }

    /**
     * Claims up to {@code max} due mails for {@code node} until {@code until}: a conditional UPDATE per row, so of
     * two nodes reading the same due row only one changes it and sends it.
     */
    List<Queued> claim(String node, int max, Instant until) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Long> due = jdbc.queryForList("select id from mail_outbox where sent_at is null and parked_at is null"
                + " and next_attempt_at <= ?"
                + " and (claimed_until is null or claimed_until < ?) order by id fetch first " + (max * 4) + " rows only",
                Long.class, now, now);
        List<Queued> mine = new ArrayList<>();
        for (Long id : due) {
            if (mine.size() >= max) {
                break;
            }
            int changed = jdbc.update("update mail_outbox set claimed_by = ?, claimed_until = ? where id = ?"
                    + " and sent_at is null and parked_at is null and (claimed_until is null or claimed_until < ?)",
                    node, Timestamp.from(until), id, now);
            if (changed == 1) {
                mine.addAll(jdbc.query("select id, recipient, address, kind, subject, text_body, html_body, attempts"
                                + " from mail_outbox where id = ? and claimed_by = ?",
                        (rs, i) -> new Queued(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8)), id, node));
            }
        }
        return mine;
    }

    void sent(long id, String node) {
        jdbc.update("update mail_outbox set sent_at = ?, claimed_by = null, claimed_until = null, last_error = null"
                + " where id = ? and claimed_by = ?", Timestamp.from(clock.instant()), id, node);
    }

    /** Sent and parked mails are kept this long for looking into ("did it go?", "why not?"), then deleted. */
    int forgetSent(Instant before) {
        Timestamp t = Timestamp.from(before);
        return jdbc.update("delete from mail_outbox where sent_at < ? or parked_at < ?", t, t);
    }

    void failed(long id, String node, int attempts, Instant nextAttempt, String error) {
        jdbc.update("update mail_outbox set attempts = ?, next_attempt_at = ?, last_error = ?, claimed_by = null,"
                        + " claimed_until = null where id = ? and claimed_by = ?",
                attempts, Timestamp.from(nextAttempt), error, id, node);
    }

    /**
     * Gives a mail up: never claimed again, kept with its last error for looking into. Answers false when this node
     * no longer held it (its claim ran out and another node took it).
     */
    boolean parked(long id, String node, int attempts, String error) {
        return jdbc.update("update mail_outbox set attempts = ?, parked_at = ?, last_error = ?, claimed_by = null,"
                        + " claimed_until = null where id = ? and claimed_by = ?",
                attempts, Timestamp.from(clock.instant()), error, id, node) == 1;
    }

    /** Parked mails (the whole cluster's), for the gauge. */
    long parkedCount() {
        Long n = jdbc.queryForObject("select count(*) from mail_outbox where parked_at is not null", Long.class);
        return n == null ? 0 : n;
    }
}
