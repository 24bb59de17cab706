/**
 * Notifications stored for each user, read in the application and (issue 14) chosen per category for e-mail.
 *
 * <p>Contract:
 * <ul>
 *   <li>Leaving one: {@link vn.truongso.notification.Notifier} ({@code toUser}, {@code toGroups}), in the
 *       transaction of the step that caused it; a kind is a stable code such as {@code LESSON_PLAN_RETURNED}.</li>
 *   <li>In the application ({@link vn.truongso.notification.NotificationInbox}, only ever the caller's own):
 *       {@code GET /api/notifications} (newest first, {@code ?unread=true}; each item has {@code read},
 *       {@code readAt} and its {@code category}), {@code GET /api/notifications/count} → {@code {"unread": n}} (the
 *       pages' bell; index {@code notification_unread_idx} on {@code (recipient, read_at)}),
 *       {@code POST /api/notifications/{id}/read} (another's: 404), {@code POST /api/notifications/read-all} →
 *       {@code {"changed": n}}.</li>
 *   <li>Preferences ({@link vn.truongso.notification.NotificationPreferences}): per
 *       {@link vn.truongso.notification.NotificationCategory} (TASKS, RETURNS, RESULTS, REMINDERS, SIGNING,
 *       ACCOUNT, OTHER for a kind no category names) one {@link vn.truongso.notification.Delivery} (AT_ONCE, DIGEST,
 *       NONE). Defaults: TASKS as a digest for principals, vice-principals and heads, everything else at once;
 *       SIGNING offers no digest (a sign transaction lasts minutes); ACCOUNT (security messages) is always at once
 *       and cannot be changed. {@code deliveryFor(username, kind)} is what the mail sender asks: the stored choice,
 *       else the role's default. Table {@code notification_preference (username, category, delivery, changed_at)},
 *       primary key (username, category), holding only choices that differ from the default.</li>
 *   <li>{@code GET /api/notifications/preferences} → the caller's list {@code [{category, label, delivery,
 *       default, changeable, defaultDelivery, offered}]}; {@code PUT} with {@code {"TASKS": "DIGEST", …}} or
 *       {@code [{"category": …, "delivery": …}]}, all or nothing; refusals: 400 {@code PREFERENCES_MALFORMED},
 *       {@code PREFERENCES_EMPTY}, {@code PREFERENCE_CATEGORY_UNKNOWN}, {@code PREFERENCE_DELIVERY_UNKNOWN},
 *       {@code PREFERENCE_DUPLICATE}; 422 {@code PREFERENCE_NOT_CHANGEABLE} (ACCOUNT),
 *       {@code PREFERENCE_DELIVERY_NOT_OFFERED} (SIGNING as a digest). A change publishes
 *       {@link vn.truongso.notification.NotificationPreferencesChanged} (the audit trail records it).</li>
 * </ul>
 */
package vn.truongso.notification;
