package vn.truongso.notification;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.common.ApiException;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;

/** The caller's own notifications and notification preferences; never another person's. */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final NotificationInbox inbox;
    private final NotificationPreferences preferences;
    private final UserDirectory users;

    NotificationController(NotificationInbox inbox, NotificationPreferences preferences, UserDirectory users) {
        this.inbox = inbox;
        this.preferences = preferences;
        this.users = users;
    }

    record UnreadCount(long unread) {
    }

    record MarkedRead(int changed) {
    }

    @GetMapping
    NotificationInbox.ItemPage mine(@RequestParam(defaultValue = "false") boolean unread,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "50") int size) {
        return inbox.of(users.current().username(),
                unread ? NotificationInbox.Listing.UNREAD : NotificationInbox.Listing.NEWEST, page, size);
    }

    /** The pages' bell: how many of the caller's notifications are unread. */
    @GetMapping("/count")
    UnreadCount count() {
        return new UnreadCount(inbox.unreadCount(users.current().username()));
    }

    @PostMapping("/{id}/read")
    NotificationInbox.Item read(@PathVariable Long id) {
        return inbox.markRead(users.current().username(), id);
    }

    /** Marks all the caller's unread notifications read; answers how many changed. */
    @PostMapping("/read-all")
    MarkedRead readAll() {
        return new MarkedRead(inbox.markAllRead(users.current().username()));
    }

    @GetMapping("/preferences")
    List<NotificationPreferences.Preference> myPreferences() {
        return preferences.of(users.current());
    }

    /**
     * Changes the caller's own choices, all or nothing. The body is either an object {@code {"TASKS": "DIGEST",
     * "RETURNS": "AT_ONCE"}} or a list {@code [{"category": "TASKS", "delivery": "DIGEST"}]}; answers the whole
     * list as GET does.
     */
    @PutMapping("/preferences")
    List<NotificationPreferences.Preference> changePreferences(@RequestBody JsonNode body) {
        CurrentUser me = users.current();
        return preferences.change(me, choices(body));
    }

    /** The two shapes of the body as category → delivery; anything else is a 400 with PREFERENCES_MALFORMED. */
    static Map<String, String> choices(JsonNode body) {
        Map<String, String> choices = new LinkedHashMap<>();
        if (body != null && body.isObject()) {
            for (var it = body.fields(); it.hasNext(); ) {
                var field = it.next();
                if (!field.getValue().isTextual()) {
                    throw malformed();
                }
                choices.put(field.getKey(), field.getValue().asText());
            }
            return choices;
        }
        if (body != null && body.isArray()) {
            for (JsonNode item : body) {
                JsonNode category = item.get("category");
                JsonNode delivery = item.get("delivery");
                if (!item.isObject() || category == null || !category.isTextual() || delivery == null
                        || !delivery.isTextual()) {
                    throw malformed();
                }
                if (choices.put(category.asText(), delivery.asText()) != null) {
                    throw ApiException.badRequest("PREFERENCE_DUPLICATE", "Nhóm thông báo " + category.asText()
                            + " được chọn hai lần.");
                }
            }
            return choices;
        }
        throw malformed();
    }

    private static ApiException malformed() {
        return ApiException.badRequest("PREFERENCES_MALFORMED", "Nội dung phải là {\"nhóm\": \"cách nhận\", …} "
                + "hoặc danh sách [{\"category\": …, \"delivery\": …}], ví dụ {\"TASKS\": \"DIGEST\"}.");
    }
}
