package vn.truongso.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;

/**
 * The inbox's subject-group filter reads the variable a process names in {@link TaskFields#subjectGroupHeads}: one
 * for all processes, and none means no task belongs to a subject group. (InboxFilterTest filters real lesson plans.)
 */
class SubjectGroupFilterTest {

    private static TaskFields heads(String variable) {
        return new TaskFields() {
            @Override
            public Set<String> processKeys() {
                return Set.of("p-" + variable);
            }

            @Override
            public Map<Field, String> shown() {
                return Map.of();
            }

            @Override
            public Optional<String> subjectGroupHeads() {
                return Optional.ofNullable(variable);
            }
        };
    }

    @Test
    void processesNamingDifferentVariablesAreRefusedAtStart() {
        assertThatThrownBy(() -> new InboxQueries(null, null, null, null, null,
                List.of(heads("headGroup"), heads("heads"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("headGroup").hasMessageContaining("heads");
    }

    @Test
    void withoutAProcessOfSubjectGroupsTheFilterFindsNothing() {
        // No engine behind it: the answer must come before any query.
        InboxQueries inbox = new InboxQueries(null, null, null, null, null, List.of(heads(null)));
        CurrentUser head = new CurrentUser("tt.hung", "Trần Thế Hùng", null, "THCSHB", "Trường THCS Hòa Bình",
                Set.of(Role.HEAD), "THCSHB-KHTN", List.of("THCSHB-KHTN.HEAD"), false);

        InboxQueries.TaskPage page = inbox.inbox(head, new InboxQueries.Filter(null, null, null, "THCSHB-KHTN"), 0, 50,
                false);

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isZero();
    }
}
