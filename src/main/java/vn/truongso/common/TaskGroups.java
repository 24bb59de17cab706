package vn.truongso.common;

import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/** The candidate groups of a user task, read the same way by the inbox and by every process's status page. */
public final class TaskGroups {

    private TaskGroups() {
    }

    /** Empty when the task has none, or has just been completed by someone else. */
    public static List<String> candidates(TaskService tasks, String taskId) {
        try {
            return tasks.getIdentityLinksForTask(taskId).stream()
                    .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                    .map(IdentityLink::getGroupId).toList();
        } catch (NullValueException gone) {
            return List.of();
        }
    }
}
