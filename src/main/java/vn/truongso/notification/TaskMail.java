package vn.truongso.notification;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.truongso.steps.TaskAssigned;

/**
 * TASK_ASSIGNED: a task arrived (a lesson plan to review or approve, a report to prepare or sign, an application to
 * check, …) for its assignee, or else for everyone in its candidate groups but the one who submitted the instance,
 * and for whoever acts for the principals of a candidate group by a delegation in force (ký thay) covering it.
 * Runs inside the engine's transaction, like every notification. The digest counts tasks by what their model calls
 * them ({@code digestLabel}: "12 kế hoạch bài dạy chờ duyệt"), else by the task's name the message starts with.
 */
@Component
class TaskMail {

    static final String KIND = "TASK_ASSIGNED";

    private final Notifier notifier;

    TaskMail(Notifier notifier) {
        this.notifier = notifier;
    }

    @EventListener
    void on(TaskAssigned task) {
        String link = "/inbox/" + task.taskId();
        String message = message(task);
        if (task.assignee() != null) {
            notifier.toUser(task.assignee(), KIND, message, link, task.tenantId(), task.digestLabel());
            return;
        }
        Set<String> people = new LinkedHashSet<>(task.candidateUsers());
        people.remove(task.submitter());
        people.forEach(p -> notifier.toUser(p, KIND, message, link, task.tenantId(), task.digestLabel()));
        notifier.toCandidates(task.candidateGroups(), task.processKey(), KIND, message, link, task.submitter(),
                task.digestLabel());
    }

    static String message(TaskAssigned task) {
        String name = task.taskName() == null ? "Việc mới" : task.taskName();
        StringBuilder m = new StringBuilder(name);
        if (task.displayTitle() != null) {
            m.append(": \"").append(task.displayTitle()).append('"');
            if (task.requesterName() != null) {
                m.append(" của ").append(task.requesterName());
            }
        }
        return m.append('.').toString();
    }

    /** The task's name a TASK_ASSIGNED message starts with (what the digest counts by when the model names nothing). */
    static String taskName(String message) {
        int colon = message.indexOf(": \"");
        String name = colon > 0 ? message.substring(0, colon) : message;
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
