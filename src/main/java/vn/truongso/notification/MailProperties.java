package vn.truongso.notification;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code truongso.mail.*}: e-mail to people (issue 14). The SMTP server itself is Spring Boot's {@code spring.mail.*};
 * without {@code spring.mail.host} mail is queued and not sent.
 *
 * @param from          the sender's address, e.g. {@code "Trường Số <no-reply@truongso.example.vn>"}
 * @param baseUrl       the public address of the service: links in mails are this plus the notification's link
 * @param sendInterval  pause between two runs of the sender
 * @param batchSize     at most this many mails per run
 * @param claimFor      a node that claimed a mail owns it this long (longer than sending one takes)
 * @param retryFirst    wait after the first failure; doubled after every further failure ...
 * @param retryMax      ... up to this
 * @param maxAttempts   a mail that failed this many times is parked (not tried again); with the default back-off
 *                      30 attempts are about a day, enough for an SMTP server down overnight. A refusal for good
 *                      (malformed address, SMTP 5xx for the recipient) parks it at once.
 * @param keepSent      sent and parked mails stay in {@code mail_outbox} this long, then are deleted
 * @param digestTime    the morning digest, on working days, in Vietnam's time (the cron is fixed at 06:30: this is
 *                      what the digest's window and the manual say)
 */
@ConfigurationProperties(prefix = "truongso.mail")
record MailProperties(@DefaultValue("Trường Số <no-reply@truongso.local>") String from,
                      @DefaultValue("http://localhost:8080") String baseUrl,
                      @DefaultValue("10s") Duration sendInterval,
                      @DefaultValue("50") int batchSize,
                      @DefaultValue("2m") Duration claimFor,
                      @DefaultValue("30s") Duration retryFirst,
                      @DefaultValue("1h") Duration retryMax,
                      @DefaultValue("30") int maxAttempts,
                      @DefaultValue("30d") Duration keepSent,
                      @DefaultValue("06:30") LocalTime digestTime) {

    /** The absolute address of a notification's link (an absolute link stays as it is). */
    String absolute(String link) {
        if (link == null || link.isBlank()) {
            return trimmedBase() + "/";
        }
        if (link.startsWith("http://") || link.startsWith("https://")) {
            return link;
        }
        return trimmedBase() + (link.startsWith("/") ? link : "/" + link);
    }

    private String trimmedBase() {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Back-off after {@code attempts} failures: retryFirst × 2^(attempts-1), at most retryMax. */
    Duration backOff(int attempts) {
        Duration d = retryFirst;
        for (int i = 1; i < attempts && d.compareTo(retryMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(retryMax) > 0 ? retryMax : d;
    }
}
