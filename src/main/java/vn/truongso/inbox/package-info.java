/**
 * The task inbox: each user's tasks from every process (assigned, or offered to their groups in their own
 * organisation), claiming and completing them with a decision, a comment and the channel (DIGITAL or PAPER).
 * A vice-principal holding a delegation of the principal's approvals in force (school.Delegations, ký thay) is offered
 * the principal's tasks of the processes it covers; what he does there is recorded in that capacity (task-local
 * {@code authority}, process {@code lastAuthority}: "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG (ký thay)").
 *
 * <p>The inbox knows no process: it shows what every process sets (steps.ProcessVariables: displayTitle,
 * requesterName, documentId, …), and a process module tells it the rest through beans of its interfaces:
 * {@link vn.truongso.inbox.TaskFields} (the detail fields its tasks show: subject, grade, week; the variable by which
 * they are filtered by subject group) and
 * {@link vn.truongso.inbox.TaskInputs} (what a decision carries besides a comment).
 *
 * <p>Its API (REST /api/tasks and the pages) reads through {@link vn.truongso.inbox.InboxQueries} (a user's tasks,
 * filtered, counted, one at a time) and acts through {@link vn.truongso.inbox.InboxCommands} (claim, give back,
 * complete, approve many); both ask the one package-private TaskAccess whose a task is.
 */
package vn.truongso.inbox;
