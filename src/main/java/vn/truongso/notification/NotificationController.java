package vn.truongso.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.common.ApiException;
import vn.truongso.common.Paging;
import vn.truongso.common.VietnamTime;
import vn.truongso.school.UserDirectory;

@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final NotificationRepository notifications;
    private final UserDirectory users;
    private final Clock clock;

    NotificationController(NotificationRepository notifications, UserDirectory users, Clock clock) {
        this.notifications = notifications;
        this.users = users;
        this.clock = clock;
    }

    record NotificationView(Long id, String kind, String message, String link, OffsetDateTime createdAt,
                            OffsetDateTime readAt) {
    }

    record NotificationPage(List<NotificationView> items, long total, int page, int size) {
    }

    @GetMapping
    NotificationPage mine(@RequestParam(defaultValue = "false") boolean unread,
                          @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Paging.check(page, size);
        String me = users.current().username();
        Paging.requireReachable(page, size);
        PageRequest req = PageRequest.of(page, size);
        Page<Notification> result = unread
                ? notifications.findByRecipientAndReadAtIsNullOrderByCreatedAtDescIdDesc(me, req)
                : notifications.findByRecipientOrderByCreatedAtDescIdDesc(me, req);
        return new NotificationPage(result.map(NotificationController::view).getContent(), result.getTotalElements(),
                page, size);
    }

    @PostMapping("/{id}/read")
    @Transactional
    NotificationView read(@PathVariable Long id) {
        Notification n = notifications.findByIdAndRecipient(id, users.current().username())
                .orElseThrow(() -> ApiException.notFound("thông báo"));
        n.markRead(clock.instant());
        return view(n);
    }

    private static NotificationView view(Notification n) {
        return new NotificationView(n.getId(), n.getKind(), n.getMessage(), n.getLink(),
                VietnamTime.of(n.getCreatedAt()), VietnamTime.of(n.getReadAt()));
    }
}
