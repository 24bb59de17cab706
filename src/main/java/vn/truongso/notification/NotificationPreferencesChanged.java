package vn.truongso.notification;

import java.util.Map;

/** A person changed how they hear of some categories (for the audit trail); only the categories that changed. */
public record NotificationPreferencesChanged(String username, String organisationCode,
                                             Map<NotificationCategory, Delivery> changes) {
}
