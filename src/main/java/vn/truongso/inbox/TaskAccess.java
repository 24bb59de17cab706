package vn.truongso.inbox;

import static vn.truongso.steps.ProcessVariables.SUBMITTER;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import vn.truongso.common.ApiException;
import vn.truongso.common.TaskGroups;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Delegations;

/**
 * Which tasks are whose: the one place the inbox decides it, asked by listing, showing, claiming, completing and
 * batches alike.
 */
@Component
class TaskAccess {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final TaskRules rules;
    private final Delegations delegations;

    TaskAccess(TaskService tasks, RuntimeService runtime, HistoryService history, TaskRules rules,
               Delegations delegations) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.history = history;
        this.rules = rules;
        this.delegations = delegations;
    }

    /**
     * Where the user's tasks come from: their own candidate groups, and — while a delegation of the principal's
     * approvals (ký thay) is in force for them — their school's principal group, for the processes it covers.
     */
    record Reach(List<String> own, List<Delegations.Grant> grants) {

        /** Every group to look in: own and delegated. */
        List<String> groups() {
            List<String> all = new ArrayList<>(own);
            grants.forEach(g -> {
                if (!all.contains(g.principalGroup())) {
                    all.add(g.principalGroup());
                }
            });
            return all;
        }

        boolean ownGroupOffers(List<String> candidates) {
            return candidates.stream().anyMatch(own::contains);
        }

        boolean delegationOffers(List<String> candidates, String processKey) {
            return grants.stream().anyMatch(g -> g.covers(processKey) && candidates.contains(g.principalGroup()));
        }

        /** A delegated group, with the processes its delegations cover; null when one covers every process. */
        Map<String, Set<String>> limited() {
            Map<String, Set<String>> out = new HashMap<>();
            Set<String> unlimited = new HashSet<>();
            for (Delegations.Grant g : grants) {
                if (g.scope().processKeys().isEmpty()) {
                    unlimited.add(g.principalGroup());
                } else {
                    out.computeIfAbsent(g.principalGroup(), k -> new HashSet<>())
                            .addAll(g.scope().processKeys());
                }
            }
            unlimited.forEach(out::remove);
            own.forEach(out::remove);
            return out;
        }
    }

    Reach reach(CurrentUser user) {
        return new Reach(user.groups(), delegations.activeFor(user));
    }

    /**
     * The task if this user may act on it now: same organisation, and theirs or offered to one of their groups.
     * Someone else's claimed task is a conflict; a task already done is a conflict; anything else is not found.
     */
    Task actionable(String taskId, CurrentUser user) {
        Task task = find(taskId, user);
        if (task == null) {
            throw goneOrMissing(taskId, user);
        }
        boolean mine = user.username().equals(task.getAssignee());
        List<String> candidates = candidateGroups(taskId);
        Reach reach = reach(user);
        boolean offered = reach.ownGroupOffers(candidates) || reach.delegationOffers(candidates, processKey(task));
        if (!mine && !offered) {
            // No candidate links may also mean someone completed the task a moment ago: it was open in this user's
            // organisation when we found it, so gone now (or offered to nobody, assigned to nobody) is their race.
            Task again = find(taskId, user);
            throw again == null || candidates.isEmpty() && again.getAssignee() == null ? completedMeanwhile()
                    : ApiException.notFound("công việc");
        }
        if (ownDocumentReview(task, user)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "SELF_APPROVAL_FORBIDDEN", "Đây là văn bản của chính bạn: "
                    + "bạn không thể tự duyệt hay phê duyệt; việc này do người khác thực hiện.");
        }
        if (task.getAssignee() != null && !mine) {
            throw new ApiException(HttpStatus.CONFLICT, "TASK_HELD_BY_OTHER",
                    "Việc này đang do " + task.getAssignee() + " xử lý.");
        }
        return task;
    }

    /** A review or approval (task property review) of a document this user submitted: nobody approves their own. */
    private boolean ownDocumentReview(Task task, CurrentUser user) {
        return rules.of(task.getProcessDefinitionId(), task.getTaskDefinitionKey()).review()
                && user.username().equals(runtime.getVariable(task.getExecutionId(), SUBMITTER));
    }

    /** The open task in the user's organisation, or null. */
    Task find(String taskId, CurrentUser user) {
        return user.organisationCode() == null ? null
                : tasks.createTaskQuery().taskId(taskId).tenantIdIn(user.organisationCode()).singleResult();
    }

    /** A task that was open and is done now: someone completed it, maybe a moment ago, at the same time as us. */
    static ApiException completedMeanwhile() {
        return ApiException.conflict("TASK_ALREADY_COMPLETED", "Việc này đã được xử lý xong.");
    }

    /** For a task not open (any more): 409 when it was completed, else 404. */
    ApiException goneOrMissing(String taskId, CurrentUser user) {
        boolean done = user.organisationCode() != null && history.createHistoricTaskInstanceQuery().taskId(taskId)
                .tenantIdIn(user.organisationCode()).finished().count() > 0;
        return done ? completedMeanwhile() : ApiException.notFound("công việc");
    }

    List<String> candidateGroups(String taskId) {
        return TaskGroups.candidates(tasks, taskId);
    }

    static String processKey(Task task) {
        return task.getProcessDefinitionId() == null ? null : task.getProcessDefinitionId().split(":")[0];
    }
}
