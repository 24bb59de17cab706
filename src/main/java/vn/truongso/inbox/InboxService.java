package vn.truongso.inbox;

import static vn.truongso.steps.ProcessVariables.DECISION;
import static vn.truongso.steps.ProcessVariables.DISPLAY_TITLE;
import static vn.truongso.steps.ProcessVariables.DOCUMENT_ID;
import static vn.truongso.steps.ProcessVariables.DOCUMENT_SHA256;
import static vn.truongso.steps.ProcessVariables.DOCUMENT_VERSION;
import static vn.truongso.steps.ProcessVariables.LAST_ACTOR;
import static vn.truongso.steps.ProcessVariables.LAST_AUTHORITY;
import static vn.truongso.steps.ProcessVariables.LAST_CHANNEL;
import static vn.truongso.steps.ProcessVariables.LAST_COMMENT;
import static vn.truongso.steps.ProcessVariables.REQUESTER_NAME;
import static vn.truongso.steps.ProcessVariables.SUBMITTER;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;
import vn.truongso.common.Channel;
import vn.truongso.common.Paging;
import vn.truongso.common.TaskGroups;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentHolds;
import vn.truongso.signing.RemoteSignatures;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Delegations;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;
import vn.truongso.signing.Authority;

@Service
@Transactional
public class InboxService {

    /** Process variables every process sets so that any task can be shown in the inbox. */
    private static final List<String> SHOWN = List.of(DISPLAY_TITLE, REQUESTER_NAME, DOCUMENT_ID, DOCUMENT_VERSION,
            DOCUMENT_SHA256);
    /** The process variable naming the candidate group of a lesson plan's head review: its subject group's heads. */
    private static final String HEAD_GROUP = "headGroup";

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final TaskRules rules;
    private final RemoteSignatures signatures;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final List<TaskInputs> inputs;
    private final DocumentHolds holds;
    private final Delegations delegations;
    /** Per process key, the detail fields its tasks show and the variables they come from (its {@link TaskFields}). */
    private final Map<String, Map<TaskFields.Field, String>> details = new HashMap<>();
    /** The variables read for a page of tasks: {@link #SHOWN} and every process's detail variables. */
    private final String[] shown;

    InboxService(TaskService tasks, RuntimeService runtime, HistoryService history, TaskRules rules,
                 RemoteSignatures signatures, Clock clock, ApplicationEventPublisher events, List<TaskInputs> inputs,
                 DocumentHolds holds, Delegations delegations, List<TaskFields> fields) {
        Set<String> names = new java.util.LinkedHashSet<>(SHOWN);
        for (TaskFields f : fields) {
            f.processKeys().forEach(key -> details.computeIfAbsent(key, k -> new EnumMap<>(TaskFields.Field.class))
                    .putAll(f.shown()));
            names.addAll(f.shown().values());
        }
        this.shown = names.toArray(String[]::new);
        this.holds = holds;
        this.delegations = delegations;
        this.inputs = inputs;
        this.tasks = tasks;
        this.runtime = runtime;
        this.history = history;
        this.rules = rules;
        this.signatures = signatures;
        this.clock = clock;
        this.events = events;
    }

    /** {@code subject}, {@code grade}, {@code week}: the {@link TaskFields} details, null unless its process fills them. */
    public record TaskView(String id, String name, String step, String processKey, String processInstanceId,
                    String businessKey, String title, String requester, String subject, Integer grade, Integer week,
                    String documentId, Integer documentVersion, String documentSha256, String assignee, OffsetDateTime created, OffsetDateTime due, boolean overdue,
                    List<String> decisions) {
    }

    public record TaskPage(List<TaskView> items, long total, int page, int size) {
    }

    /** @param inputs what the task needs besides the decision (checked by the process's {@link TaskInputs}) */
    public record Completion(String decision, String comment, String channel, Map<String, Object> inputs) {
        public Completion(String decision, String comment, String channel) {
            this(decision, comment, channel, null);
        }
    }

    /**
     * What the inbox shows; every part may be null (not filtered).
     *
     * @param submitter    the username of who submitted the document (giáo viên nộp), e.g. {@code gv.lan}
     * @param subjectGroup a subject group (tổ chuyên môn) id, e.g. {@code THCSHB-KHTN}: its lesson plans' tasks
     */
    public record Filter(String processKey, Boolean overdue, String submitter, String subjectGroup) {
        public Filter {
            processKey = blankToNull(processKey);
            submitter = blankToNull(submitter);
            subjectGroup = blankToNull(subjectGroup);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    @Transactional(readOnly = true)
    TaskPage inbox(CurrentUser user, Filter filter, int page, int size) {
        return inbox(user, filter, page, size, false);
    }

    /** @param oldestFirst the pages show what waits longest first; the API keeps its newest-first order */
    @Transactional(readOnly = true)
    public TaskPage inbox(CurrentUser user, Filter filter, int page, int size, boolean oldestFirst) {
        Paging.check(page, size);
        if (user.organisationCode() == null) {
            return new TaskPage(List.of(), 0, page, size);
        }
        Date now = Date.from(clock.instant());
        Reach reach = reach(user);
        TaskQuery q = query(user, reach, filter, now);
        // Reviews of the user's own documents are not theirs to do: left out (rare, so the common page stays one query).
        Set<String> own = query(user, reach, filter, now)
                .processVariableValueEquals(SUBMITTER, user.username()).list().stream()
                .filter(t -> rules.of(t.getProcessDefinitionId(), t.getTaskDefinitionKey()).review())
                .map(Task::getId).collect(Collectors.toCollection(java.util.HashSet::new));
        // So are the principal's tasks of processes a delegation does not cover.
        own.addAll(outOfScope(user, reach, filter, now));
        long total = q.count() - own.size();
        if ((long) page * size >= total) {
            return new TaskPage(List.of(), total, page, size); // past the end (page × size may overflow an int)
        }
        if (oldestFirst) {
            q.orderByTaskCreateTime().asc().orderByTaskId().asc();
        } else {
            q.orderByTaskCreateTime().desc().orderByTaskId().asc();
        }
        List<Task> found = own.isEmpty() ? q.listPage(page * size, size)
                : q.listPage(0, page * size + size + own.size()).stream().filter(t -> !own.contains(t.getId()))
                        .skip((long) page * size).limit(size).toList();
        Map<String, Map<String, Object>> vars = variables(found);
        Map<String, String> businessKeys = businessKeys(found);
        pinned(vars);
        List<TaskView> items = found.stream().map(t -> view(t, vars.getOrDefault(t.getId(), Map.of()),
                businessKeys.get(t.getProcessInstanceId()), now)).toList();
        return new TaskPage(items, total, page, size);
    }

    private TaskQuery query(CurrentUser user, Reach reach, Filter filter, Date now) {
        TaskQuery q = tasks.createTaskQuery().tenantIdIn(user.organisationCode()).active();
        List<String> groups = reach.groups();
        if (groups.isEmpty()) {
            q.taskAssignee(user.username());
        } else {
            q.or().taskAssignee(user.username()).taskCandidateGroupIn(groups).endOr();
        }
        return filtered(q, filter, now);
    }

    private static TaskQuery filtered(TaskQuery q, Filter filter, Date now) {
        if (filter.processKey() != null) {
            q.processDefinitionKey(filter.processKey());
        }
        if (Boolean.TRUE.equals(filter.overdue())) {
            q.dueBefore(now);
        }
        if (filter.submitter() != null) {
            q.processVariableValueEquals(SUBMITTER, filter.submitter());
        }
        if (filter.subjectGroup() != null) {
            q.processVariableValueEquals(HEAD_GROUP, Groups.headsOf(filter.subjectGroup()));
        }
        return q;
    }

    /**
     * Where the user's tasks come from: their own candidate groups, and — while a delegation of the principal's
     * approvals (ký thay) is in force for them — their school's principal group, for the processes it covers. The one
     * place the inbox decides which offered tasks are whose: listing, claiming, completing and batches all ask it.
     */
    record Reach(List<String> own, List<Delegations.Grant> grants) {

        /** Every group to look in: own and delegated. */
        List<String> groups() {
            List<String> all = new java.util.ArrayList<>(own);
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
            Set<String> unlimited = new java.util.HashSet<>();
            for (Delegations.Grant g : grants) {
                if (g.scope().processKeys().isEmpty()) {
                    unlimited.add(g.principalGroup());
                } else {
                    out.computeIfAbsent(g.principalGroup(), k -> new java.util.HashSet<>())
                            .addAll(g.scope().processKeys());
                }
            }
            unlimited.forEach(out::remove);
            own.forEach(out::remove);
            return out;
        }
    }

    private Reach reach(CurrentUser user) {
        return new Reach(user.groups(), delegations.activeFor(user));
    }

    /**
     * The tasks the inbox query finds only because a delegated group is offered them, in processes its delegations do
     * not cover (unassigned candidates only, as the query finds them): not the delegate's to see.
     */
    private Set<String> outOfScope(CurrentUser user, Reach reach, Filter filter, Date now) {
        Set<String> out = new java.util.HashSet<>();
        reach.limited().forEach((group, covered) -> filtered(tasks.createTaskQuery()
                .tenantIdIn(user.organisationCode()).active().taskCandidateGroup(group), filter, now)
                .list().stream().filter(t -> !covered.contains(processKey(t))).forEach(t -> out.add(t.getId())));
        if (!out.isEmpty() && !reach.own().isEmpty()) {
            // offered to one of their own groups as well: theirs after all
            tasks.createTaskQuery().taskIdIn(out.toArray(String[]::new)).taskCandidateGroupIn(reach.own()).list()
                    .forEach(t -> out.remove(t.getId()));
        }
        return out;
    }

    /**
     * One task as its inbox shows it, if this user may act on it now (the same check as claiming and completing:
     * someone else's claimed task is 409, a review of their own document 403, anything else not theirs 404).
     */
    @Transactional(readOnly = true)
    public TaskView task(String taskId, CurrentUser user) {
        actionable(taskId, user);
        return view(taskId);
    }

    public TaskView claim(String taskId, CurrentUser user) {
        raceSafe(taskId, user, () -> {
            if (actionable(taskId, user).getAssignee() == null) {
                tasks.claim(taskId, user.username());
            }
        });
        return view(taskId);
    }

    public TaskView unclaim(String taskId, CurrentUser user) {
        Task task = actionable(taskId, user);
        if (task.getAssignee() != null) {
            // Only tasks offered to a group can go back to it; a task assigned by name stays with its person.
            if (candidateGroups(taskId).isEmpty()) {
                throw ApiException.conflict("TASK_PERSONAL", "Việc này được giao riêng cho bạn, không thể trả lại nhóm.");
            }
            tasks.setAssignee(taskId, null);
        }
        return view(taskId);
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

    static final int MAX_BATCH = 500;

    public record Batch(List<String> taskIds) {
    }

    /**
     * Approves many tasks at once, all or none: every task must be this user's to approve now. Everything they sign
     * goes into one sign transaction, so one code confirms the whole batch.
     */
    public BatchResult approveBatch(Batch batch, CurrentUser user) {
        List<String> ids = batch == null || batch.taskIds() == null ? List.of()
                : batch.taskIds().stream().filter(java.util.Objects::nonNull).map(String::strip).distinct().toList();
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

    public record BatchResult(int approved, RemoteSignatures.Confirmation signTransaction) {
    }

    /**
     * The engine's reads are not atomic with a concurrent completion: a task found a moment ago may be half gone
     * (its execution or links deleted) when we touch it. Whatever fails then, if the task is gone, the answer is 409.
     */
    private void raceSafe(String taskId, CurrentUser user, Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            ApiException refused = stepRefusal(e);
            if (refused != null) {
                throw refused;
            }
            if (lockConflict(e)) {
                // Someone else's completion of this task holds its rows and has not committed yet: the task still
                // looks open to us, but it is theirs.
                throw ApiException.conflict("CONCURRENT_UPDATE",
                        "Người khác đang xử lý việc này cùng lúc với bạn. Vui lòng tải lại.");
            }
            Task still;
            try {
                still = find(taskId, user);
            } catch (RuntimeException aborted) {
                // PostgreSQL refuses every further statement of a transaction that failed: the race is all we know.
                throw ApiException.conflict("CONCURRENT_UPDATE",
                        "Người khác đang xử lý việc này cùng lúc với bạn. Vui lòng tải lại.");
            }
            if (still == null) {
                throw goneOrMissing(taskId, user);
            }
            throw e;
        }
    }

    /**
     * A process step that refused the completion (the revise step without a new version, say): the engine wraps what a
     * step's method expression throws, and the user is answered as if the step had thrown it here.
     */
    static ApiException stepRefusal(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
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
        Task task = actionable(taskId, user);
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
                task.getProcessInstanceId(), task.getTenantId(), uuidOrNull(documentId), user.username(), decision,
                channel.name()));
    }

    /**
     * The capacity the user acts in on this task when it is not their own: offered to none of their own groups but to
     * the principal's, which they reach by a delegation (or reached when they claimed it) — they act for the
     * principal, "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG (ký thay)". Null when the task is theirs in their own right.
     */
    private String authority(Task task, CurrentUser user) {
        List<String> candidates = candidateGroups(task.getId());
        if (candidates.isEmpty() || reach(user).ownGroupOffers(candidates)
                || !candidates.contains(Groups.role(task.getTenantId(), Role.PRINCIPAL))) {
            return null;
        }
        return Authority.asPrincipal(user).summary();
    }

    private static String processKey(Task task) {
        return task.getProcessDefinitionId() == null ? null : task.getProcessDefinitionId().split(":")[0];
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

    private static java.util.UUID uuidOrNull(Object value) {
        try {
            return value == null ? null : java.util.UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The task if this user may act on it now: same organisation, and theirs or offered to one of their groups.
     * Someone else's claimed task is a conflict; a task already done is a conflict; anything else is not found.
     */
    private Task actionable(String taskId, CurrentUser user) {
        Task task = find(taskId, user);
        if (task == null) {
            throw goneOrMissing(taskId, user);
        }
        boolean mine = user.username().equals(task.getAssignee());
        List<String> candidates = candidateGroups(taskId);
        Reach reach = reach(user);
        boolean offered = reach.ownGroupOffers(candidates) || reach.delegationOffers(candidates, processKey(task));
        if (!mine && !offered) {
            // No candidate links may also mean the task was completed a moment ago.
            throw find(taskId, user) == null ? goneOrMissing(taskId, user) : ApiException.notFound("công việc");
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

    private Task find(String taskId, CurrentUser user) {
        return user.organisationCode() == null ? null
                : tasks.createTaskQuery().taskId(taskId).tenantIdIn(user.organisationCode()).singleResult();
    }

    private ApiException goneOrMissing(String taskId, CurrentUser user) {
        boolean done = user.organisationCode() != null && history.createHistoricTaskInstanceQuery().taskId(taskId)
                .tenantIdIn(user.organisationCode()).finished().count() > 0;
        return done ? ApiException.conflict("TASK_ALREADY_COMPLETED", "Việc này đã được xử lý xong.")
                : ApiException.notFound("công việc");
    }

    private List<String> candidateGroups(String taskId) {
        return TaskGroups.candidates(tasks, taskId);
    }

    private TaskView view(String taskId) {
        Task t = tasks.createTaskQuery().taskId(taskId).singleResult();
        List<Task> one = List.of(t);
        Map<String, Map<String, Object>> vars = variables(one);
        pinned(vars);
        return view(t, vars.getOrDefault(t.getId(), Map.of()),
                businessKeys(one).get(t.getProcessInstanceId()), Date.from(clock.instant()));
    }

    private Map<String, String> businessKeys(List<Task> found) {
        Set<String> pids = found.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        Map<String, String> out = new HashMap<>();
        if (!pids.isEmpty()) {
            runtime.createProcessInstanceQuery().processInstanceIds(pids).list()
                    .forEach(pi -> out.put(pi.getId(), pi.getBusinessKey()));
        }
        return out;
    }

    /**
     * The shown variables of each task: its process instance's, overlaid by those of the task's own scope (e.g. an
     * event sub-process that received one school's report among many: its title and document are that report's).
     * Keyed by task id; two queries for the whole page.
     */
    private Map<String, Map<String, Object>> variables(List<Task> found) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        if (found.isEmpty()) {
            return out;
        }
        String[] pids = found.stream().map(Task::getProcessInstanceId).distinct().toArray(String[]::new);
        Map<String, Map<String, Object>> byInstance = new HashMap<>();
        for (VariableInstance v : runtime.createVariableInstanceQuery().processInstanceIdIn(pids)
                .variableNameIn(shown).disableCustomObjectDeserialization().list()) {
            if (v.getExecutionId().equals(v.getProcessInstanceId())) {
                byInstance.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
            }
        }
        String[] scopes = found.stream().filter(t -> t.getExecutionId() != null
                        && !t.getExecutionId().equals(t.getProcessInstanceId()))
                .map(Task::getExecutionId).distinct().toArray(String[]::new);
        Map<String, Map<String, Object>> byScope = new HashMap<>();
        if (scopes.length > 0) {
            for (VariableInstance v : runtime.createVariableInstanceQuery().executionIdIn(scopes)
                    .variableNameIn(shown).disableCustomObjectDeserialization().list()) {
                byScope.computeIfAbsent(v.getExecutionId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
            }
        }
        for (Task t : found) {
            Map<String, Object> vars = new HashMap<>(byInstance.getOrDefault(t.getProcessInstanceId(), Map.of()));
            vars.putAll(byScope.getOrDefault(t.getExecutionId(), Map.of()));
            out.put(t.getId(), vars);
        }
        return out;
    }

    /**
     * The version each task's reviewer sees: the one its task names (a report as sent), else the one its process
     * pinned on the document (what is reviewed and signed), in one query for the page.
     */
    private void pinned(Map<String, Map<String, Object>> vars) {
        Set<java.util.UUID> ids = vars.values().stream().filter(v -> v.get(DOCUMENT_VERSION) == null)
                .map(v -> uuidOrNull(v.get(DOCUMENT_ID))).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Map<java.util.UUID, DocumentHolds.Pinned> pins = holds.pinned(ids);
        for (Map<String, Object> v : vars.values()) {
            java.util.UUID id = uuidOrNull(v.get(DOCUMENT_ID));
            DocumentHolds.Pinned p = v.get(DOCUMENT_VERSION) == null && id != null ? pins.get(id) : null;
            if (p != null) {
                v.put(DOCUMENT_VERSION, p.version());
                v.put(DOCUMENT_SHA256, p.sha256());
            }
        }
    }

    private TaskView view(Task t, Map<String, Object> vars, String businessKey, Date now) {
        String processKey = t.getProcessDefinitionId() == null ? null : t.getProcessDefinitionId().split(":")[0];
        Map<TaskFields.Field, String> detail = details.getOrDefault(processKey, Map.of());
        return new TaskView(t.getId(), t.getName(), t.getTaskDefinitionKey(), processKey, t.getProcessInstanceId(),
                businessKey, str(vars.get(DISPLAY_TITLE)), str(vars.get(REQUESTER_NAME)),
                str(detail(vars, detail, TaskFields.Field.SUBJECT)), num(detail(vars, detail, TaskFields.Field.GRADE)),
                num(detail(vars, detail, TaskFields.Field.WEEK)), str(vars.get(DOCUMENT_ID)),
                num(vars.get(DOCUMENT_VERSION)), str(vars.get(DOCUMENT_SHA256)), t.getAssignee(),
                VietnamTime.of(t.getCreateTime()), VietnamTime.of(t.getDueDate()),
                t.getDueDate() != null && t.getDueDate().before(now),
                rules.of(t.getProcessDefinitionId(), t.getTaskDefinitionKey()).decisions());
    }

    /** A detail field's value, when the task's process fills that field. */
    private static Object detail(Map<String, Object> vars, Map<TaskFields.Field, String> detail, TaskFields.Field f) {
        String name = detail.get(f);
        return name == null ? null : vars.get(name);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static Integer num(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }
}
