/** Notifications stored for each user (GET /api/notifications): reminders, escalations, results. */
package vn.truongso.notification;
