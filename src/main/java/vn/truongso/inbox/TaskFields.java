package vn.truongso.inbox;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a process shows with its tasks besides what every process sets (displayTitle, requesterName, documentId and
 * the version its task names): which of the task view's detail fields it fills, from which of its process variables.
 * A process module implements it as a bean; the inbox knows no process's variables.
 */
public interface TaskFields {

    /** The detail fields of a task in the inbox (GET /api/tasks: {@code subject}, {@code grade}, {@code week}). */
    enum Field {
        /** Text, e.g. the subject of a lesson plan. */
        SUBJECT,
        /** A whole number: the grade (khối, lớp) it is about. */
        GRADE,
        /** A whole number: the school week it is about. */
        WEEK
    }

    /** The process definition keys whose tasks these fields describe. */
    Set<String> processKeys();

    /** Each field these processes fill, and the process variable it is read from. */
    Map<Field, String> shown();

    /**
     * The process variable by which the inbox's subject-group filter (GET /api/tasks?subjectGroup=…) finds these
     * processes' tasks: it holds the candidate group of that subject group's heads (school.Groups.headsOf). Empty for
     * processes of no subject group; all processes that have one must use the same variable.
     */
    default Optional<String> subjectGroupHeads() {
        return Optional.empty();
    }
}
