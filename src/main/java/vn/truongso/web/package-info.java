/**
 * The pages: what teachers, heads, principals and the other roles use in a browser, in Vietnamese, server-rendered
 * (Thymeleaf, htmx only as progressive enhancement, every asset served by this application).
 *
 * <p>Contract:
 * <ul>
 *   <li>Paths: {@code /} (each person's home by role), {@code /login}, {@code /logout}, {@code /home},
 *       {@code /lesson-plans/**} (a teacher's plans), {@code /inbox/**} (tasks), {@code /signing/**} (confirming a
 *       sign transaction with the one-time code), {@code /files/**} (a document's PDF and page previews),
 *       {@code /notifications/**} (everyone's notifications, the header's bell, e-mail preferences), and the
 *       assets {@code /assets/**}, {@code /webjars/**}. {@link vn.truongso.web.PagePaths} lists them; the access
 *       matrix test refuses a page path it has no rule for.</li>
 *   <li>No rule of its own: every read and action calls the same public service the REST controller calls
 *       (lessonplan.LessonPlanService, inbox.InboxQueries and InboxCommands, document.DocumentService, remotesign.SignerDesk,
 *       notification.NotificationInbox and NotificationPreferences); what the API refuses, the pages refuse, with the service's Vietnamese message. Pages only choose what to show.</li>
 *   <li>Signed in with a form and a session (CSRF on), through the same throttled password check as the API; the
 *       Camunda webapps use this login too.</li>
 *   <li>A new role's pages: a controller here, a home in {@link vn.truongso.web.HomePages#homeOf}, a path prefix in
 *       {@link vn.truongso.web.PagePaths}, templates under {@code templates/pages/} on {@code layout.html}.</li>
 * </ul>
 */
package vn.truongso.web;
