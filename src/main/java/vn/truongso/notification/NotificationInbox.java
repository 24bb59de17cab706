package vn.truongso.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;
import vn.truongso.common.Paging;
import vn.truongso.common.VietnamTime;

/**
 * A person's own notifications in the application: the list, the unread count of the pages' bell, marking one or
 * all read. Every method takes the caller's username; no one reads or marks another's. Used by the API and the pages.
 */
@Service
@Transactional(readOnly = true)
public class NotificationInbox {

    private final NotificationRepository notifications;
    private final Clock clock;

    NotificationInbox(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * One notification.
     *
     * @param read true once its recipient opened it or marked all read ({@code readAt} says when)
     */
    public record Item(Long id, String kind, NotificationCategory category, String message, String link,
                       OffsetDateTime createdAt, OffsetDateTime readAt, boolean read) {
    }

    public record ItemPage(List<Item> items, long total, int page, int size) {
    }

    /** How the list is cut and ordered. */
    public enum Listing {
        /** Newest first (the API's order). */
        NEWEST,
        /** Only the unread, newest first. */
        UNREAD,
        /** Unread first, then the read, each newest first (the pages). */
        UNREAD_FIRST
    }

    public ItemPage of(String username, Listing listing, int page, int size) {
        Paging.check(page, size);
        Paging.requireReachable(page, size);
        PageRequest req = PageRequest.of(page, size);
        Page<Notification> result = switch (listing) {
            case NEWEST -> notifications.findByRecipientOrderByCreatedAtDescIdDesc(username, req);
            case UNREAD -> notifications.findByRecipientAndReadAtIsNullOrderByCreatedAtDescIdDesc(username, req);
            case UNREAD_FIRST -> notifications.unreadFirst(username, req);
        };
        return new ItemPage(result.map(NotificationInbox::item).getContent(), result.getTotalElements(), page, size);
    }

    /** The bell's figure: one indexed count. */
    public long unreadCount(String username) {
        return notifications.countByRecipientAndReadAtIsNull(username);
    }

    /** Marks one of the person's notifications read (again: unchanged); another's is "not found". */
    @Transactional
    public Item markRead(String username, Long id) {
        Notification n = notifications.findByIdAndRecipient(id, username)
                .orElseThrow(() -> ApiException.notFound("thông báo"));
        n.markRead(clock.instant());
        return item(n);
    }

    /** Marks every unread notification of the person read; how many were unread. */
    @Transactional
    public int markAllRead(String username) {
        return notifications.markAllRead(username, clock.instant());
    }

    private static Item item(Notification n) {
        return new Item(n.getId(), n.getKind(), NotificationCategory.of(n.getKind()), n.getMessage(), n.getLink(),
                VietnamTime.of(n.getCreatedAt()), VietnamTime.of(n.getReadAt()), n.getReadAt() != null);
    }
}
