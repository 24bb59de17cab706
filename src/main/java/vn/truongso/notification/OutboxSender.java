package vn.truongso.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what {@code mail_outbox} holds, after the commits that queued it: every {@code truongso.mail.send-interval}
 * it claims the due mails (so that another node does not send them too), sends each as multipart/alternative (plain
 * text and HTML, UTF-8), and marks it sent; a failure (SMTP down, a 4xx) leaves it queued, tried again after an
 * exponential back-off, up to {@code truongso.mail.max-attempts}; a refusal for good (malformed address, SMTP 5xx for
 * the recipient or the message) or the last attempt parks it: never tried again, one warning, counted in
 * {@code truongso.mail.parked}. Only when {@code spring.mail.host} is set.
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
    private final Counter refused;
    private final Counter exhausted;

    OutboxSender(JavaMailSender smtp, MailOutbox outbox, MailProperties properties, Clock clock, MeterRegistry meters) {
        this.smtp = smtp;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
        this.refused = parkedCounter(meters, "refused");
        this.exhausted = parkedCounter(meters, "attempts");
        Gauge.builder("truongso.mail.outbox.parked", outbox, MailOutbox::parkedCount)
                .description("Mails parked in mail_outbox, not tried again (the whole cluster's)")
                .strongReference(true)
                .register(meters);
    }

    private static Counter parkedCounter(MeterRegistry meters, String reason) {
        return Counter.builder("truongso.mail.parked")
                .description("Mails given up by this node: refused for good, or failed at every attempt")
                .tag("reason", reason)
                .register(meters);
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
                boolean forGood = permanent(e);
                if (forGood || attempts >= properties.maxAttempts()) {
                    if (outbox.parked(m.id(), node, attempts, error(e))) {
                        (forGood ? refused : exhausted).increment();
                        log.warn("Mail {} ({}) to {} parked, not tried again ({}, attempt {}): {}", m.id(), m.kind(),
                                m.recipient(), forGood ? "refused for good" : "last attempt", attempts, error(e));
                    }
                } else {
                    outbox.failed(m.id(), node, attempts, clock.instant().plus(properties.backOff(attempts)),
                            error(e));
                    log.warn("Mail {} ({}) to {} not sent (attempt {}): {}", m.id(), m.kind(), m.recipient(),
                            attempts, error(e));
                }
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

    /**
     * Whether trying again cannot help: the address is malformed, or the server refused the recipient or the
     * message with a 5xx. Not a refused sender (our own configuration: every mail would be parked) nor anything
     * else (server down, 4xx, a timeout), which the back-off and max-attempts handle. Spring wraps what the SMTP
     * transport threw in a {@link MailSendException} per message, and jakarta.mail chains the per-address replies.
     */
    static boolean permanent(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>(List.of(e));
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SMTPSenderFailedException || t instanceof SMTPSendFailedException f
                    && f.getCommand() != null && f.getCommand().toUpperCase(Locale.ROOT).startsWith("MAIL")) {
                continue; // MAIL FROM refused: our sender address, not this mail
            }
            if (t instanceof AddressException) {
                return true;
            }
            if (t instanceof SMTPAddressFailedException a && a.getReturnCode() / 100 == 5
                    || t instanceof SMTPSendFailedException f && f.getReturnCode() / 100 == 5) {
                return true;
            }
            if (t instanceof SendFailedException f && f.getInvalidAddresses() != null
                    && f.getInvalidAddresses().length > 0 && (f.getValidSentAddresses() == null
                    || f.getValidSentAddresses().length == 0)) {
                return true; // jakarta.mail lists here the recipients refused with a 5xx
            }
            if (t instanceof MailSendException s) {
                todo.addAll(s.getFailedMessages().values());
            }
            if (t instanceof MessagingException m && m.getNextException() != null) {
                todo.add(m.getNextException());
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
        }
        return false;
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
