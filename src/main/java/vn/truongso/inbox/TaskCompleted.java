package vn.truongso.inbox;

import java.util.UUID;

/**
 * Someone completed a task from their inbox with a decision. Published inside the transaction that completes it.
 *
 * @param organisationCode the task's tenant: the school or office whose process it is
 * @param documentId       the process's document ({@code documentId} variable), if it has one
 */
public record TaskCompleted(String taskId, String taskKey, String taskName, String processInstanceId,
                            String organisationCode, UUID documentId, String actor, String decision, String channel) {
}
