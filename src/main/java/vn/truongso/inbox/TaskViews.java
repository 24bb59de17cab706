package vn.truongso.inbox;

import static vn.truongso.steps.ProcessVariables.DISPLAY_TITLE;
import static vn.truongso.steps.ProcessVariables.DOCUMENT_ID;
import static vn.truongso.steps.ProcessVariables.DOCUMENT_SHA256;
import static vn.truongso.steps.ProcessVariables.DOCUMENT_VERSION;
import static vn.truongso.steps.ProcessVariables.REQUESTER_NAME;

import java.time.Clock;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentHolds;
import vn.truongso.inbox.InboxQueries.TaskView;

/**
 * Tasks as the inbox shows them ({@link TaskView}): what every process sets, the detail fields its {@link TaskFields}
 * name, and the document version under review; a few queries for a whole page.
 */
@Component
class TaskViews {

    /** Process variables every process sets so that any task can be shown in the inbox. */
    private static final List<String> SHOWN = List.of(DISPLAY_TITLE, REQUESTER_NAME, DOCUMENT_ID, DOCUMENT_VERSION,
            DOCUMENT_SHA256);

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final TaskRules rules;
    private final DocumentHolds holds;
    private final Clock clock;
    /** Per process key, the detail fields its tasks show and the variables they come from (its {@link TaskFields}). */
    private final Map<String, Map<TaskFields.Field, String>> details = new HashMap<>();
    /** The variables read for a page of tasks: {@link #SHOWN} and every process's detail variables. */
    private final String[] shown;

    TaskViews(TaskService tasks, RuntimeService runtime, HistoryService history, TaskRules rules, DocumentHolds holds,
              Clock clock, List<TaskFields> fields, ProcessEngineConfiguration engine) {
        requireVariableHistory(engine.getHistory());
        Set<String> names = new LinkedHashSet<>(SHOWN);
        for (TaskFields f : fields) {
            f.processKeys().forEach(key -> details.computeIfAbsent(key, k -> new EnumMap<>(TaskFields.Field.class))
                    .putAll(f.shown()));
            names.addAll(f.shown().values());
        }
        this.shown = names.toArray(String[]::new);
        this.tasks = tasks;
        this.runtime = runtime;
        this.history = history;
        this.rules = rules;
        this.holds = holds;
        this.clock = clock;
    }

    /** One open task, now. */
    TaskView view(String taskId) {
        Task t = tasks.createTaskQuery().taskId(taskId).singleResult();
        return views(List.of(t), Date.from(clock.instant())).get(0);
    }

    /** A page of tasks, in their order; {@code now} decides which are overdue. */
    List<TaskView> views(List<Task> found, Date now) {
        Map<String, Map<String, Object>> vars = variables(found);
        Map<String, String> businessKeys = businessKeys(found);
        pinned(vars);
        return found.stream().map(t -> view(t, vars.getOrDefault(t.getId(), Map.of()),
                businessKeys.get(t.getProcessInstanceId()), now)).toList();
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
     * The page's variables are read from history ({@link #variables}): a history level that does not keep variables
     * would show every task without its title, so such a configuration does not start.
     */
    static void requireVariableHistory(String level) {
        if (!ProcessEngineConfiguration.HISTORY_FULL.equalsIgnoreCase(level)
                && !ProcessEngineConfiguration.HISTORY_AUDIT.equalsIgnoreCase(level)) {
            throw new IllegalStateException("camunda.bpm.history-level is '" + level + "': the inbox reads its tasks' "
                    + "variables from history and needs 'audit' or 'full' (application.yml sets 'full')");
        }
    }

    /**
     * The shown variables of each task: its process instance's, overlaid by those of the task's own scope (e.g. an
     * event sub-process that received one school's report among many: its title and document are that report's).
     * Keyed by task id; two queries for the whole page.
     *
     * <p>Read from the historic variable instances (history level full: each holds its variable's latest value), not
     * from the runtime variable query: that one joins every row to its execution and parent execution for a column we
     * do not read, and PostgreSQL answers the join by scanning all of ACT_RU_EXECUTION — 150 ms a page at 100 000
     * open tasks (docs/benchmarks.md). The historic query reads one table by its process-instance index.
     */
    private Map<String, Map<String, Object>> variables(List<Task> found) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        if (found.isEmpty()) {
            return out;
        }
        String[] pids = found.stream().map(Task::getProcessInstanceId).distinct().toArray(String[]::new);
        Map<String, Map<String, Object>> byInstance = new HashMap<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceIdIn(pids)
                .variableNameIn(shown).disableCustomObjectDeserialization().list()) {
            if (v.getProcessInstanceId().equals(v.getExecutionId()) && v.getTaskId() == null) {
                byInstance.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
            }
        }
        List<Task> scoped = found.stream().filter(t -> t.getExecutionId() != null
                && !t.getExecutionId().equals(t.getProcessInstanceId())).toList();
        Map<String, Map<String, Object>> byScope = new HashMap<>();
        if (!scoped.isEmpty()) {
            for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
                    .processInstanceIdIn(scoped.stream().map(Task::getProcessInstanceId).distinct()
                            .toArray(String[]::new))
                    .executionIdIn(scoped.stream().map(Task::getExecutionId).distinct().toArray(String[]::new))
                    .variableNameIn(shown).disableCustomObjectDeserialization().list()) {
                if (v.getTaskId() == null) {
                    byScope.computeIfAbsent(v.getExecutionId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
                }
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
        Set<UUID> ids = vars.values().stream().filter(v -> v.get(DOCUMENT_VERSION) == null)
                .map(v -> uuidOrNull(v.get(DOCUMENT_ID))).filter(Objects::nonNull).collect(Collectors.toSet());
        Map<UUID, DocumentHolds.Pinned> pins = holds.pinned(ids);
        for (Map<String, Object> v : vars.values()) {
            UUID id = uuidOrNull(v.get(DOCUMENT_ID));
            DocumentHolds.Pinned p = v.get(DOCUMENT_VERSION) == null && id != null ? pins.get(id) : null;
            if (p != null) {
                v.put(DOCUMENT_VERSION, p.version());
                v.put(DOCUMENT_SHA256, p.sha256());
            }
        }
    }

    private TaskView view(Task t, Map<String, Object> vars, String businessKey, Date now) {
        String processKey = TaskAccess.processKey(t);
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

    /** A variable holding a document id, as one; null when it is missing or no UUID. */
    static UUID uuidOrNull(Object value) {
        try {
            return value == null ? null : UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static Integer num(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }
}
