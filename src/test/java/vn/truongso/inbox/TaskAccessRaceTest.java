package vn.truongso.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import vn.truongso.common.ApiException;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Delegations;
import vn.truongso.school.Role;

/**
 * The engine's reads are not one snapshot: between finding a task and reading whom it is offered to, another
 * approver's completion may commit. Whatever this request then sees of the task — gone, or offered to nobody and held
 * by nobody — it was open in this user's school a moment ago, so the answer is 409 TASK_ALREADY_COMPLETED, never 404
 * (found by CI: the head's approval against the principal's after escalation answered 404).
 */
class TaskAccessRaceTest {

    static final String TASK = "task-1";
    final CurrentUser head = new CurrentUser("tt.hung", "Lê Văn Hùng", "Tổ trưởng", "THCSHB", "Trường THCS Hòa Bình",
            Set.of(Role.HEAD), "THCSHB-KHTN", List.of("THCSHB:head:THCSHB-KHTN"), false);
    final TaskService tasks = mock(TaskService.class, RETURNS_DEEP_STUBS);
    final HistoryService history = mock(HistoryService.class, RETURNS_DEEP_STUBS);
    final Task open = mock(Task.class);
    final TaskAccess access = new TaskAccess(tasks, mock(RuntimeService.class), history, mock(TaskRules.class),
            mock(Delegations.class));

    @Test
    void aTaskCompletedBetweenFindingItAndReadingItsGroupsIsAConflict() {
        when(tasks.createTaskQuery().taskId(TASK).tenantIdIn("THCSHB").singleResult()).thenReturn(open, (Task) null);
        when(tasks.getIdentityLinksForTask(TASK)).thenThrow(new NullValueException("Cannot find task " + TASK));
        // Even when history does not show it finished yet.
        when(history.createHistoricTaskInstanceQuery().taskId(TASK).tenantIdIn("THCSHB").finished().count())
                .thenReturn(0L);

        assertConflict();
    }

    @Test
    void aTaskStillVisibleButOfferedToNobodyAndHeldByNobodyIsBeingCompleted() {
        when(tasks.createTaskQuery().taskId(TASK).tenantIdIn("THCSHB").singleResult()).thenReturn(open, open);
        when(tasks.getIdentityLinksForTask(TASK)).thenReturn(List.of());

        assertConflict();
    }

    @Test
    void aTaskHeldByAnotherPersonByNameIsStillNotFoundForThisUser() {
        when(open.getAssignee()).thenReturn("gv.lan");
        when(tasks.createTaskQuery().taskId(TASK).tenantIdIn("THCSHB").singleResult()).thenReturn(open, open);
        when(tasks.getIdentityLinksForTask(TASK)).thenReturn(List.of());

        assertThatThrownBy(() -> access.actionable(TASK, head)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status().value()).isEqualTo(404));
    }

    private void assertConflict() {
        assertThatThrownBy(() -> access.actionable(TASK, head)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("TASK_ALREADY_COMPLETED");
        });
    }
}
