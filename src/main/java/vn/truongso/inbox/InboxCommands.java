package vn.truongso.inbox;

import static vn.truongso.steps.ProcessVariables.DECISION;
import static vn.truongso.steps.ProcessVariables.DOCUMENT_ID;
import static vn.truongso.steps.ProcessVariables.LAST_ACTOR;
import static vn.truongso.steps.ProcessVariables.LAST_AUTHORITY;
import static vn.truongso.steps.ProcessVariables.LAST_CHANNEL;
import static vn.truongso.steps.ProcessVariables.LAST_COMMENT;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;
import vn.truongso.common.Channel;
import vn.truongso.inbox.InboxQueries.TaskView;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;
import vn.truongso.signing.Authority;
import vn.truongso.signing.RemoteSignatures;

/**
 * What a user does with their tasks: claims one, gives it back to its group, completes it with a decision, approves
 * many at once. Each call is one transaction; the same checks as {@link InboxQueries#task} decide whose a task is.
 */
@Service
@Transactional
public class InboxCommands {

    static final int MAX_BATCH = 500;

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final TaskRules rules;
    private final TaskAccess access;
    private final TaskViews views;
    private final RemoteSignatures signatures;
    private final ApplicationEventPublisher events;
    private final List<TaskInputs> inputs;

    InboxCommands(TaskService tasks, RuntimeService runtime, TaskRules rules, TaskAccess access, TaskViews views,
                  RemoteSignatures signatures, ApplicationEventPublisher events, List<TaskInputs> inputs) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.rules = rules;
        this.access = access;
        this.views = views;
        this.signatures = signatures;
        this.events = events;
        this.inputs = inputs;
    }

    /** @param inputs what the task needs besides the decision (checked by the process's {@link TaskInputs}) */
    public record Completion(String decision, String comment, String channel, Map<String, Object> inputs) {
        public Completion(String decision, String comment, String channel) {
            this(decision, comment, channel, null);
        }
    }

    public record Batch(List<String> taskIds) {
    }

    public record BatchResult(int approved, RemoteSignatures.Confirmation signTransaction) {
    }

    public TaskView claim(String taskId, CurrentUser user) {
        raceSafe(taskId, user, () -> {
            if (access.actionable(taskId, user).getAssignee() == null) {
                tasks.claim(taskId, user.username());
            }
        });
        return views.view(taskId);
    }

    public TaskView unclaim(String taskId, CurrentUser user) {
        Task task = access.actionable(taskId, user);
        if (task.getAssignee() != null) {
            // Only tasks offered to a group can go back to it; a task assigned by name stays with its person.
            if (access.candidateGroups(taskId).isEmpty()) {
                throw ApiException.conflict("TASK_PERSONAL", "Việc này được giao riêng cho bạn, không thể trả lại nhóm.");
            }
            tasks.setAssignee(taskId, null);
        }
        return views.view(taskId);
    }

    /**
     * Claims (if still open) and completes in one transaction. Two people completing the same task at once: the
     * engine's optimistic locking lets exactly one through; the other gets 409 and the process moves once.
     */
    public Optional<RemoteSignatures.Confirmation> complete(String taskId, Completion c, CurrentUser user) {
        raceSafe(taskId, user, () -> doComplete(taskId, c, user));
        // A decision that signs (APPROVE) waits for the signer's code: one sign transaction for it.
        return signatures.requestConfirmation(user.username());
    }

    /**
     * Approves many tasks at once, all or none: every task must be this user's to approve now. Everything they sign
     * goes into one sign transaction, so one code confirms the whole batch.
     */
    public BatchResult approveBatch(Batch batch, CurrentUser user) {
        List<String> ids = batch == null || batch.taskIds() == null ? List.of()
                : batch.taskIds().stream().filter(Objects::nonNull).map(String::strip).distinct().toList();
        if (ids.isEmpty() || ids.size() > MAX_BATCH) {
            throw ApiException.badRequest("BATCH_INVALID", "Hãy chọn từ 1 đến " + MAX_BATCH + " việc để duyệt.");
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            try {
                raceSafe(id, user, () -> doComplete(id, new Completion("APPROVE", null, null), user));
            } catch (ApiException e) {
                // Nothing of the batch stays done; say which task spoiled it.
                throw new ApiException(e.status(), e.code(), "Việc thứ " + (i + 1) + " (" + id + "): " + e.getMessage()
                        + " Không việc nào trong lô được duyệt.");
            }
        }
        return new BatchResult(ids.size(), signatures.requestConfirmation(user.username()).orElse(null));
    }

    /**
     * The engine's reads are not atomic with a concurrent completion: a task found a moment ago may be half gone
     * (its execution or links deleted) when we touch it. Whatever fails then, if the task is gone, the answer is 409.
     */
    private void raceSafe(String taskId, CurrentUser user, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // Ours, or a process step's that refused the completion (the revise step without a new version, say):
            // the engine wraps what a step's expression throws, and the user is answered as if it were thrown here.
            Optional<ApiException> refused = ApiException.within(e);
            if (refused.isPresent()) {
                throw refused.get();
            }
            if (lockConflict(e)) {
                // Someone else's completion of this task holds its rows and has not committed yet: the task still
                // looks open to us, but it is theirs.
                throw ApiException.conflict("CONCURRENT_UPDATE",
                        "Người khác đang xử lý việc này cùng lúc với bạn. Vui lòng tải lại.");
            }
            Task still;
            try {
                still = access.find(taskId, user);
            } catch (RuntimeException aborted) {
                // PostgreSQL refuses every further statement of a transaction that failed: the race is all we know.
                throw ApiException.conflict("CONCURRENT_UPDATE",
                        "Người khác đang xử lý việc này cùng lúc với bạn. Vui lòng tải lại.");
            }
            if (still == null) {
                // Only a task this request had found open gets this far (actionable answers the others itself).
                throw TaskAccess.completedMeanwhile();
            }
            throw e;
        }
    }

    /**
     * H2's lock timeout; PostgreSQL's lock not available, deadlock, serialization failure, and a foreign key violated
     * because the other completion deleted the task's execution under this one (a variable written to it).
     */
    private static final Set<String> LOCK_STATES = Set.of("HYT00", "55P03", "40P01", "40001", "23503", "23506");
    private static final int H2_LOCK_TIMEOUT = 50200;

    static boolean lockConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.dao.PessimisticLockingFailureException) {
                return true;
            }
            for (java.sql.SQLException s = t instanceof java.sql.SQLException q ? q : null; s != null;
                    s = s.getNextException()) {
                if (LOCK_STATES.contains(s.getSQLState()) || s.getErrorCode() == H2_LOCK_TIMEOUT) {
                    return true;
                }
            }
        }
        return false;
    }

    private void doComplete(String taskId, Completion c, CurrentUser user) {
        Task task = access.actionable(taskId, user);
        TaskRules.Rules r = rules.of(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
        String decision = c == null || c.decision() == null ? null : c.decision().trim().toUpperCase();
        if (decision == null || !r.decisions().contains(decision)) {
            throw ApiException.badRequest("DECISION_INVALID",
                    "Quyết định không hợp lệ cho việc này. Chọn một trong: " + String.join(", ", r.decisions()) + ".");
        }
        String comment = c.comment() == null || c.comment().isBlank() ? null : c.comment().strip();
        if (comment != null && comment.length() > 2000) {
            throw ApiException.badRequest("COMMENT_TOO_LONG", "Ý kiến tối đa 2000 ký tự.");
        }
        if (comment == null && r.commentRequiredFor().contains(decision)) {
            // People read this message (the pages show it as it is): the decision by its Vietnamese name.
            throw ApiException.badRequest("COMMENT_REQUIRED", "Vui lòng ghi ý kiến khi "
                    + ("RETURN".equals(decision) ? "trả lại" : "chọn " + decision) + ".");
        }
        Channel channel;
        try {
            channel = c.channel() == null || c.channel().isBlank() ? Channel.DIGITAL
                    : Channel.valueOf(c.channel().trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("CHANNEL_INVALID", "Hình thức xử lý chỉ là DIGITAL hoặc PAPER.");
        }
        String authority = authority(task, user);
        Map<String, Object> local = new HashMap<>();
        local.put(DECISION, decision);
        local.put("comment", comment);
        local.put("channel", channel.name());
        local.put("authority", authority);
        Map<String, Object> process = new HashMap<>(checkedInputs(task, decision, c.inputs(), user));
        process.put(DECISION, decision);
        process.put(LAST_ACTOR, user.username());
        process.put(LAST_AUTHORITY, authority);
        process.put(LAST_COMMENT, comment);
        process.put(LAST_CHANNEL, channel.name());
        if (task.getAssignee() == null) {
            tasks.claim(taskId, user.username());
        }
        tasks.setVariablesLocal(taskId, local);
        Object documentId = runtime.getVariable(task.getProcessInstanceId(), DOCUMENT_ID);
        tasks.complete(taskId, process);
        events.publishEvent(new TaskCompleted(taskId, task.getTaskDefinitionKey(), task.getName(),
                task.getProcessInstanceId(), task.getTenantId(), TaskViews.uuidOrNull(documentId), user.username(),
                decision, channel.name()));
    }

    /**
     * The capacity the user acts in on this task when it is not their own: offered to none of their own groups but to
     * the principal's, which they reach by a delegation (or reached when they claimed it) — they act for the
     * principal, "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG (ký thay)". Null when the task is theirs in their own right.
     */
    private String authority(Task task, CurrentUser user) {
        List<String> candidates = access.candidateGroups(task.getId());
        if (candidates.isEmpty() || access.reach(user).ownGroupOffers(candidates)
                || !candidates.contains(Groups.role(task.getTenantId(), Role.PRINCIPAL))) {
            return null;
        }
        return Authority.asPrincipal(user).summary();
    }

    /** The variables the process's own module makes of the task's inputs; inputs no module checks are refused. */
    private Map<String, Object> checkedInputs(Task task, String decision, Map<String, Object> given, CurrentUser user) {
        Map<String, Object> in = given == null ? Map.of() : given;
        String processKey = task.getProcessDefinitionId().split(":")[0];
        Optional<TaskInputs> handler = inputs.stream()
                .filter(h -> h.handles(processKey, task.getTaskDefinitionKey())).findFirst();
        if (handler.isEmpty()) {
            if (!in.isEmpty()) {
                throw ApiException.badRequest("INPUTS_NOT_ACCEPTED",
                        "Việc này không nhận thông tin kèm theo (inputs): " + String.join(", ", in.keySet()) + ".");
            }
            return Map.of();
        }
        Map<String, Object> vars = handler.get().check(task.getProcessInstanceId(), task.getTaskDefinitionKey(),
                decision, in, user);
        return vars == null ? Map.of() : vars;
    }
}
