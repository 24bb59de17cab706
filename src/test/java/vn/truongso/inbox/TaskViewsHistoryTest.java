package vn.truongso.inbox;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The inbox shows its tasks' titles from history: a history level that keeps no variables is refused at start. */
class TaskViewsHistoryTest {

    @Test
    void aHistoryLevelWithoutVariablesDoesNotStart() {
        assertThatThrownBy(() -> TaskViews.requireVariableHistory("activity"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("history-level");
        assertThatThrownBy(() -> TaskViews.requireVariableHistory("none")).isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> TaskViews.requireVariableHistory("full")).doesNotThrowAnyException();
        assertThatCode(() -> TaskViews.requireVariableHistory("audit")).doesNotThrowAnyException();
    }
}
