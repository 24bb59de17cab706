package vn.truongso.notification;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what {@code mail_outbox} holds, after the commits that queued it: every {@code truongso.mail.send-interval}
 * it claims the due mails (so that another node does not send them too), sends each as multipart/alternative (plain
 * text and HTML, UTF-8), and marks it sent; a failure (SMTP down, refused) leaves it queued, tried again after an
 * exponential back-off. Only when {@code spring.mail.host} is set.
 */
@Component
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final JavaMailSender smtp;
    private final MailOutbox outbox;
    private final MailProperties properties;
    private final Clock clock;
    private final String node = "node-" + UUID.randomUUID();

    OutboxSender(JavaMailSender smtp, MailOutbox outbox, MailProperties properties, Clock clock) {
        this.smtp = smtp;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${truongso.mail.send-interval:10s}",
            initialDelayString = "${truongso.mail.send-interval:10s}")
    void scheduled() {
        sendDue();
        outbox.forgetSent(clock.instant().minus(properties.keepSent()));
    }

    /** Answers how many mails were sent. */
    int sendDue() {
        int sent = 0;
        for (MailOutbox.Queued m : outbox.claim(node, properties.batchSize(),
                clock.instant().plus(properties.claimFor()))) {
            try {
                smtp.send(message(m));
                outbox.sent(m.id(), node);
                sent++;
            } catch (Exception e) {
                int attempts = m.attempts() + 1;
                outbox.failed(m.id(), node, attempts, clock.instant().plus(properties.backOff(attempts)), error(e));
                log.warn("Mail {} ({}) to {} not sent (attempt {}): {}", m.id(), m.kind(), m.recipient(), attempts,
                        error(e));
            }
        }
        return sent;
    }

    private MimeMessage message(MailOutbox.Queued m) throws Exception {
        MimeMessage message = smtp.createMimeMessage();
        MimeMessageHelper h = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_RELATED,
                StandardCharsets.UTF_8.name());
        h.setFrom(new InternetAddress(properties.from(), false));
        h.setTo(m.address());
        h.setSubject(m.subject());
        h.setText(m.text(), m.html());
        return message;
    }

    /** What failed, for last_error and the log: the exception's kind and message (SMTP replies carry no secret). */
    private static String error(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String s = e.getClass().getSimpleName() + ": " + e.getMessage()
                + (root == e ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
