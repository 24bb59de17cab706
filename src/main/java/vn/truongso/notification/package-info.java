/**
 * Notifications stored for each user, read in the application, and their e-mail (issue 14, docs/email.md,
 * docs/notifications.md), chosen per category.
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
 *       {@code PREFERENCE_DELIVERY_NOT_OFFERED} (SIGNING as a digest); two changes at the same moment: the loser is
 *       tried once more (last writer wins), else 409 {@code PREFERENCES_CHANGED_CONCURRENTLY}. A change publishes
 *       {@link vn.truongso.notification.NotificationPreferencesChanged} (the audit trail records it).</li>
 * </ul>
 *
 * <p>Public: {@link vn.truongso.notification.Notifier} ({@code toUser}, {@code toGroups}: stores the
 * {@code notification} row and, when the person wants this kind {@link vn.truongso.notification.Delivery#AT_ONCE at
 * once} and has an address, queues its mail in {@code mail_outbox}, both in the caller's transaction; no mail at all
 * without {@code spring.mail.host}), {@link vn.truongso.notification.Delivery} and
 * {@link vn.truongso.notification.NotificationPreferences#deliveryFor} (each person's choice per kind).
 *
 * <p>Kinds stored and mailed: {@code TASK_ASSIGNED} (any user task created, from {@link vn.truongso.steps.TaskAssigned}:
 * to its assignee, else its candidate groups but the submitter, and whoever acts for a school's principals by a
 * delegation covering the process; link {@code /inbox/{taskId}}), {@code DELEGATION_GRANTED|REVOKED} (ký thay, to the
 * vice-principal and the school's principals but the one who did it), {@code SIGN_WAITING} and
 * {@code SIGN_EXPIRED} (a sign transaction, module remotesign; never the code), and those of the process modules:
 * {@code LESSON_PLAN_RETURNED|APPROVED}, {@code REVIEW_REMINDER|ESCALATED}, {@code REPORT_*}, {@code DOCUMENT_RECEIVED|RETURNED},
 * {@code ENROLMENT_*} (with {@code ENROLMENT_RECEIVED}: the parent's receipt of an online application),
 * {@code TOTP_ENROLLED|CHANGED|RESET}, {@code CREDENTIAL_REVOKED}. Their subjects and wording:
 * {@code templates/mail/events.properties}; bodies: {@code templates/mail/*.html|txt}.
 *
 * <p>Jobs: {@code OutboxSender} (every {@code truongso.mail.send-interval}, only with {@code spring.mail.host}) claims due
 * mails with a conditional UPDATE ({@code claimed_by}, {@code claimed_until}: one node sends each), sends them
 * (multipart text + HTML, UTF-8) and marks them sent, or keeps them with an exponential back-off
 * ({@code retry-first} doubled up to {@code retry-max}) and {@code last_error}; a refusal for good (malformed
 * address, SMTP 5xx for the recipient or message) or the {@code max-attempts}-th failure parks it ({@code parked_at}:
 * never claimed again, one WARN, {@code truongso.mail.parked{reason}}, gauge {@code truongso.mail.outbox.parked}).
 * {@code MailDigest} at 06:30 Asia/Ho_Chi_Minh on working days ({@link vn.truongso.common.WorkingCalendar}): one mail
 * per person with the notifications since the last digest whose kind they get as DIGEST, counted by what each task's
 * model calls it (BPMN property {@code digestLabel}: "Thầy/Cô có 12 kế hoạch bài dạy chờ duyệt"); the day is claimed
 * in {@code mail_digest_run}.
 *
 * <p>Tables: {@code notification}, {@code mail_outbox}, {@code mail_digest_run}. Configuration: {@code truongso.mail.*}
 * ({@code MailProperties}: from, base-url, send-interval, batch-size, claim-for, retry-first, retry-max, max-attempts,
 * keep-sent, digest-time) and Spring Boot's {@code spring.mail.*}.
 */
package vn.truongso.notification;
