package vn.truongso.notification;

import org.springframework.stereotype.Service;

/**
 * Each person's choice of {@link Delivery} per kind of event. Seam between the mail sender and the preferences
 * store; until the store lands every kind is sent at once.
 */
@Service
public class NotificationPreferences {

    /** @param kind the notification's kind as stored (e.g. {@code TASK_ASSIGNED}, {@code LESSON_PLAN_RETURNED}) */
    public Delivery deliveryFor(String username, String kind) {
        return Delivery.AT_ONCE;
    }
}
