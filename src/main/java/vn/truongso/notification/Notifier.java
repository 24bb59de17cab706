package vn.truongso.notification;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Delegations;
import vn.truongso.school.UserDirectory;

/**
 * Leaves a message for people; stored in the same transaction as the step that caused it, and so is its e-mail
 * (queued for the sender when the person wants this kind at once): a step that rolls back leaves neither.
 */
@Service
@Transactional
public class Notifier {

    private final NotificationRepository notifications;
    private final UserDirectory users;
    private final MailQueue mail;
    private final Delegations delegations;
    private final Clock clock;

    Notifier(NotificationRepository notifications, UserDirectory users, MailQueue mail, Delegations delegations,
             Clock clock) {
        this.notifications = notifications;
        this.users = users;
        this.mail = mail;
        this.delegations = delegations;
        this.clock = clock;
    }

    public void toUser(String username, String kind, String message, String link) {
        toUser(username, kind, message, link, null);
    }

    /**
     * @param fromOrganisationCode the school or office the message comes from, named in its e-mail (null: the
     *                             recipient's own), e.g. the school that answers a parent
     */
    public void toUser(String username, String kind, String message, String link, String fromOrganisationCode) {
        toUser(username, kind, message, link, fromOrganisationCode, null);
    }

    /** @param digestLabel what the morning digest counts it as ("kế hoạch bài dạy chờ duyệt"); null: by its kind */
    void toUser(String username, String kind, String message, String link, String fromOrganisationCode,
                String digestLabel) {
        notifications.save(new Notification(username, kind, message, link, digestLabel, clock.instant()));
        mail.atOnce(username, kind, message, link, fromOrganisationCode);
    }

    /** Everyone in the given Camunda groups, each once. */
    public void toGroups(Collection<String> groupIds, String kind, String message, String link) {
        toGroups(groupIds, kind, message, link, null);
    }

    /** Everyone in the given Camunda groups but {@code except} (e.g. the one who caused it), each once. */
    public void toGroups(Collection<String> groupIds, String kind, String message, String link, String except) {
        toCandidates(groupIds, null, kind, message, link, except, null);
    }

    /**
     * Everyone a task of process {@code processKey} offered to these groups reaches, but {@code except}: their members
     * and whoever acts for a school's principals by a delegation covering the process (ký thay), each once.
     */
    public void toCandidates(Collection<String> groupIds, String processKey, String kind, String message, String link,
                             String except) {
        toCandidates(groupIds, processKey, kind, message, link, except, null);
    }

    /** @param processKey null: the groups' members only */
    void toCandidates(Collection<String> groupIds, String processKey, String kind, String message, String link,
                      String except, String digestLabel) {
        LinkedHashSet<String> recipients = new LinkedHashSet<>();
        for (String g : groupIds) {
            users.membersOf(g).stream().map(CurrentUser::username).forEach(recipients::add);
            if (processKey != null) {
                recipients.addAll(delegations.actingFor(g, processKey));
            }
        }
        if (except != null) {
            recipients.remove(except);
        }
        recipients.forEach(r -> toUser(r, kind, message, link, null, digestLabel));
    }
}
