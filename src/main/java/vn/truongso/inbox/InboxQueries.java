package vn.truongso.inbox;

import static vn.truongso.steps.ProcessVariables.SUBMITTER;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.Paging;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Groups;

/** What the inbox shows: a user's tasks, filtered and counted a page at a time, and one task. Changes nothing. */
@Service
@Transactional(readOnly = true)
public class InboxQueries {

    private final TaskService tasks;
    private final TaskRules rules;
    private final TaskAccess access;
    private final TaskViews views;
    private final Clock clock;
    /** The variable holding a task's subject group's heads ({@link TaskFields#subjectGroupHeads}); null if none has. */
    private final String subjectGroupHeads;

    InboxQueries(TaskService tasks, TaskRules rules, TaskAccess access, TaskViews views, Clock clock,
                 List<TaskFields> fields) {
        Set<String> heads = fields.stream().flatMap(f -> f.subjectGroupHeads().stream()).collect(Collectors.toSet());
        if (heads.size() > 1) {
            throw new IllegalStateException("The inbox filters by subject group through one process variable, not "
                    + heads);
        }
        this.subjectGroupHeads = heads.stream().findFirst().orElse(null);
        this.tasks = tasks;
        this.rules = rules;
        this.access = access;
        this.views = views;
        this.clock = clock;
    }

    /** {@code subject}, {@code grade}, {@code week}: the {@link TaskFields} details, null unless its process fills them. */
    public record TaskView(String id, String name, String step, String processKey, String processInstanceId,
                           String businessKey, String title, String requester, String subject, Integer grade,
                           Integer week, String documentId, Integer documentVersion, String documentSha256,
                           String assignee, OffsetDateTime created, OffsetDateTime due, boolean overdue,
                           List<String> decisions) {
    }

    public record TaskPage(List<TaskView> items, long total, int page, int size) {
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

    TaskPage inbox(CurrentUser user, Filter filter, int page, int size) {
        return inbox(user, filter, page, size, false);
    }

    /** @param oldestFirst the pages show what waits longest first; the API keeps its newest-first order */
    public TaskPage inbox(CurrentUser user, Filter filter, int page, int size, boolean oldestFirst) {
        Paging.check(page, size);
        if (user.organisationCode() == null || filter.subjectGroup() != null && subjectGroupHeads == null) {
            return new TaskPage(List.of(), 0, page, size); // no process's tasks belong to a subject group
        }
        Date now = Date.from(clock.instant());
        TaskAccess.Reach reach = access.reach(user);
        TaskQuery q = query(user, reach, filter, now);
        // Reviews of the user's own documents are not theirs to do: left out (rare, so the common page stays one query).
        Set<String> own = query(user, reach, filter, now)
                .processVariableValueEquals(SUBMITTER, user.username()).list().stream()
                .filter(t -> rules.of(t.getProcessDefinitionId(), t.getTaskDefinitionKey()).review())
                .map(Task::getId).collect(Collectors.toCollection(HashSet::new));
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
        return new TaskPage(views.views(found, now), total, page, size);
    }

    /**
     * One task as its inbox shows it, if this user may act on it now (the same check as claiming and completing:
     * someone else's claimed task is 409, a review of their own document 403, anything else not theirs 404).
     */
    public TaskView task(String taskId, CurrentUser user) {
        access.actionable(taskId, user);
        return views.view(taskId);
    }

    private TaskQuery query(CurrentUser user, TaskAccess.Reach reach, Filter filter, Date now) {
        TaskQuery q = tasks.createTaskQuery().tenantIdIn(user.organisationCode()).active();
        List<String> groups = reach.groups();
        if (groups.isEmpty()) {
            q.taskAssignee(user.username());
        } else {
            q.or().taskAssignee(user.username()).taskCandidateGroupIn(groups).endOr();
        }
        return filtered(q, filter, now);
    }

    private TaskQuery filtered(TaskQuery q, Filter filter, Date now) {
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
            q.processVariableValueEquals(subjectGroupHeads, Groups.headsOf(filter.subjectGroup()));
        }
        return q;
    }

    /**
     * The tasks the inbox query finds only because a delegated group is offered them, in processes its delegations do
     * not cover (unassigned candidates only, as the query finds them): not the delegate's to see.
     */
    private Set<String> outOfScope(CurrentUser user, TaskAccess.Reach reach, Filter filter, Date now) {
        Set<String> out = new HashSet<>();
        reach.limited().forEach((group, covered) -> filtered(tasks.createTaskQuery()
                .tenantIdIn(user.organisationCode()).active().taskCandidateGroup(group), filter, now)
                .list().stream().filter(t -> !covered.contains(TaskAccess.processKey(t))).forEach(t -> out.add(t.getId())));
        if (!out.isEmpty() && !reach.own().isEmpty()) {
            // offered to one of their own groups as well: theirs after all
            tasks.createTaskQuery().taskIdIn(out.toArray(String[]::new)).taskCandidateGroupIn(reach.own()).list()
                    .forEach(t -> out.remove(t.getId()));
        }
        return out;
    }
}
