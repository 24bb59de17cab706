package vn.truongso.notification;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;

/** Leaves a message for people; stored in the same transaction as the step that caused it. */
@Service
@Transactional
public class Notifier {

    private final NotificationRepository notifications;
    private final UserDirectory users;
    private final Clock clock;

    Notifier(NotificationRepository notifications, UserDirectory users, Clock clock) {
        this.notifications = notifications;
        this.users = users;
        this.clock = clock;
    }

    public void toUser(String username, String kind, String message, String link) {
        notifications.save(new Notification(username, kind, message, link, clock.instant()));
    }

    /** Everyone in the given Camunda groups, each once. */
    public void toGroups(Collection<String> groupIds, String kind, String message, String link) {
        LinkedHashSet<String> recipients = new LinkedHashSet<>();
        for (String g : groupIds) {
            users.membersOf(g).stream().map(CurrentUser::username).forEach(recipients::add);
        }
        recipients.forEach(r -> toUser(r, kind, message, link));
    }
}
