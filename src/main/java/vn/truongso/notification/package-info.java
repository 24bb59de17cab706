/**
 * Notifications for each user (GET /api/notifications): reminders, escalations, results, tasks that arrive — and
 * their e-mail (issue 14, docs/email.md).
 *
 * <p>Public: {@link vn.truongso.notification.Notifier} ({@code toUser}, {@code toGroups}: stores the
 * {@code notification} row and, when the person wants this kind {@link vn.truongso.notification.Delivery#AT_ONCE at
 * once} and has an address, queues its mail in {@code mail_outbox}, both in the caller's transaction; no mail at all
 * without {@code spring.mail.host}), {@link vn.truongso.notification.Delivery} and
 * {@link vn.truongso.notification.NotificationPreferences#deliveryFor} (each person's choice per kind).
 *
 * <p>Kinds stored and mailed: {@code TASK_ASSIGNED} (any user task created, from {@link vn.truongso.steps.TaskAssigned}:
 * to its assignee, else its candidate groups but the submitter; link {@code /inbox/{taskId}}), {@code SIGN_WAITING} and
 * {@code SIGN_EXPIRED} (a sign transaction, module remotesign; never the code), and those of the process modules:
 * {@code LESSON_PLAN_RETURNED|APPROVED}, {@code REVIEW_REMINDER|ESCALATED}, {@code REPORT_*}, {@code DOCUMENT_RECEIVED|RETURNED},
 * {@code ENROLMENT_*} (with {@code ENROLMENT_RECEIVED}: the parent's receipt of an online application),
 * {@code TOTP_ENROLLED|CHANGED|RESET}, {@code CREDENTIAL_REVOKED}. Their subjects and wording:
 * {@code templates/mail/events.properties}; bodies: {@code templates/mail/*.html|txt}.
 *
 * <p>Jobs: {@code OutboxSender} (every {@code truongso.mail.send-interval}, only with {@code spring.mail.host}) claims due
 * mails with a conditional UPDATE ({@code claimed_by}, {@code claimed_until}: one node sends each), sends them
 * (multipart text + HTML, UTF-8) and marks them sent, or keeps them with an exponential back-off
 * ({@code retry-first} doubled up to {@code retry-max}, never given up) and {@code last_error}. {@code MailDigest} at
 * 06:30 Asia/Ho_Chi_Minh on working days ({@link vn.truongso.common.WorkingCalendar}): one mail per person with the
 * notifications since the last digest whose kind they get as DIGEST; the day is claimed in {@code mail_digest_run}.
 *
 * <p>Tables: {@code notification}, {@code mail_outbox}, {@code mail_digest_run}. Configuration: {@code truongso.mail.*}
 * ({@code MailProperties}: from, base-url, send-interval, batch-size, claim-for, retry-first, retry-max, keep-sent,
 * digest-time)
 * and Spring Boot's {@code spring.mail.*}.
 */
package vn.truongso.notification;
