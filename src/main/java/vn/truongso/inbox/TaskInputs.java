package vn.truongso.inbox;

import java.util.Map;
import vn.truongso.school.CurrentUser;

/**
 * What a process's task needs besides a decision and a comment (a report's document, a deadline for missing papers):
 * the process's module checks it and turns it into process variables. The inbox stays the one way to act on a task.
 */
public interface TaskInputs {

    /** Whether this module checks the inputs of {@code taskKey} in process {@code processKey}. */
    boolean handles(String processKey, String taskKey);

    /**
     * Checks the inputs given with {@code decision} and returns the process variables to set with the completion.
     * Throws an {@link vn.truongso.common.ApiException} when they are wrong: the task then stays as it was.
     *
     * @param inputs never null; empty when the client sent none
     */
    Map<String, Object> check(String processInstanceId, String taskKey, String decision, Map<String, Object> inputs,
                              CurrentUser user);
}
