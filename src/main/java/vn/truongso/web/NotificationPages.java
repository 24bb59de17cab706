package vn.truongso.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.truongso.notification.NotificationInbox;
import vn.truongso.notification.NotificationPreferences;
import vn.truongso.school.UserDirectory;

/**
 * Everyone's own notifications (unread first, marked read one by one or all at once) and their choice of how to hear
 * of each category by e-mail: the calls of GET /api/notifications, POST /api/notifications/{id}/read, POST
 * /api/notifications/read-all and GET/PUT /api/notifications/preferences.
 */
@Controller
class NotificationPages {

    static final int PAGE_SIZE = 30;

    private final NotificationInbox inbox;
    private final NotificationPreferences preferences;
    private final UserDirectory users;

    NotificationPages(NotificationInbox inbox, NotificationPreferences preferences, UserDirectory users) {
        this.inbox = inbox;
        this.preferences = preferences;
        this.users = users;
    }

    @GetMapping("/notifications")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        String me = users.current().username();
        model.addAttribute("notifications", inbox.of(me, NotificationInbox.Listing.UNREAD_FIRST, page, PAGE_SIZE));
        return "pages/notifications";
    }

    @PostMapping("/notifications/{id}/read")
    String read(@PathVariable Long id, RedirectAttributes flash) {
        return Pages.act(flash, "/notifications", () -> {
            inbox.markRead(users.current().username(), id);
            return "redirect:/notifications";
        });
    }

    @PostMapping("/notifications/read-all")
    String readAll(RedirectAttributes flash) {
        return Pages.act(flash, "/notifications", () -> {
            int changed = inbox.markAllRead(users.current().username());
            flash.addFlashAttribute(Pages.NOTICE, changed == 0 ? "Không có thông báo nào chưa đọc."
                    : "Đã đánh dấu " + changed + " thông báo là đã đọc.");
            return "redirect:/notifications";
        });
    }

    @GetMapping("/notifications/preferences")
    String preferences(Model model) {
        model.addAttribute("preferences", preferences.of(users.current()));
        return "pages/notification-preferences";
    }

    /** One select per category, named by the category; the service decides what is allowed (all or nothing). */
    @PostMapping("/notifications/preferences")
    String change(@RequestParam Map<String, String> form, RedirectAttributes flash) {
        Map<String, String> choices = new LinkedHashMap<>(form);
        choices.remove("_csrf");
        return Pages.act(flash, "/notifications/preferences", () -> {
            preferences.change(users.current(), choices);
            flash.addFlashAttribute(Pages.NOTICE, "Đã lưu cách nhận thông báo.");
            return "redirect:/notifications/preferences";
        });
    }

    /** Where a notification's link opens in the pages (links are stored as API paths), or null for none. */
    static String pageLink(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        for (String[] api : new String[][] {{"/api/lesson-plans/", "/lesson-plans/"}, {"/api/documents/", "/documents/"},
                {"/api/enrolments/", "/applications/"}, {"/api/report-campaigns/", "/campaigns/"}}) {
            if (link.startsWith(api[0])) {
                return api[1] + link.substring(api[0].length());
            }
        }
        return link.startsWith("/api/") ? null : link;
    }
}
