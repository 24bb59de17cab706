package vn.truongso.notification;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;

/**
 * Queues the mail of one notification, in the caller's transaction, when an SMTP server is configured and its
 * recipient wants this kind at once and has an address; DIGEST and NONE queue nothing now (the morning digest reads
 * the notifications themselves).
 */
@Component
class MailQueue {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MailQueue.class);

    static final String PLATFORM = "Trường Số";

    private final NotificationPreferences preferences;
    private final UserDirectory users;
    private final MailComposer composer;
    private final MailOutbox outbox;
    private final boolean smtp;

    MailQueue(NotificationPreferences preferences, UserDirectory users, MailComposer composer, MailOutbox outbox,
              @Value("${spring.mail.host:}") String smtpHost) {
        this.preferences = preferences;
        this.users = users;
        this.composer = composer;
        this.outbox = outbox;
        this.smtp = !smtpHost.isBlank();
    }

    /**
     * Whether mail is written at all: not without an SMTP server, when nothing would ever send it (the queue would
     * only grow, and turning SMTP on later would send weeks-old news).
     */
    boolean enabled() {
        return smtp;
    }

    void atOnce(String username, String kind, String message, String link, String fromOrganisationCode) {
        if (!smtp || preferences.deliveryFor(username, kind) != Delivery.AT_ONCE) {
            return;
        }
        var address = users.emailOf(username);
        var user = users.find(username);
        if (address.isEmpty() || user.isEmpty()) {
            return;
        }
        MailComposer.Mail mail;
        try {
            mail = composer.notification(kind, greeting(user.get()), message, link,
                    sender(user.get(), fromOrganisationCode));
        } catch (RuntimeException e) {
            // A template that fails must not undo the step that notifies: the in-app notification stays.
            log.error("Mail of {} to {} not written: {}", kind, username, e.toString());
            return;
        }
        outbox.queue(username, address.get(), kind, mail);
    }

    static String greeting(CurrentUser u) {
        return (u.has(Role.PARENT) && u.organisationCode() == null ? "Quý phụ huynh " : "Thầy/Cô ") + u.fullName();
    }

    /** The school or office the mail speaks for: the one that sent it when known, else the recipient's own. */
    String sender(CurrentUser u, String fromOrganisationCode) {
        if (fromOrganisationCode != null) {
            var name = users.organisationName(fromOrganisationCode);
            if (name.isPresent()) {
                return name.get();
            }
        }
        return u.organisationName() != null ? u.organisationName() : PLATFORM;
    }
}
