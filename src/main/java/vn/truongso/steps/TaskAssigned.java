package vn.truongso.steps;

import java.util.List;

/**
 * A user task was created for a person or for candidate groups (published by the step tracking, inside the engine's
 * transaction, for every user task of every process): whoever listens tells the people concerned.
 *
 * @param assignee        the person it is assigned to, or null when it waits in its candidate groups
 * @param candidateGroups the Camunda groups that may claim it
 * @param candidateUsers  people who may claim it by name
 * @param displayTitle    what it is about (process variable {@code displayTitle}), may be null
 * @param requesterName   who asked for it (process variable {@code requesterName}), may be null
 * @param submitter       who submitted the instance (process variable {@code submitter}): never a reviewer of it
 * @param digestLabel     what a morning digest counts such tasks as (the task's BPMN property {@code digestLabel},
 *                        e.g. "kế hoạch bài dạy chờ duyệt"), null when the model names none
 */
public record TaskAssigned(String taskId, String taskName, String processKey, String businessKey, String tenantId,
                           String assignee, List<String> candidateGroups, List<String> candidateUsers,
                           String displayTitle, String requesterName, String submitter, String digestLabel) {
}
