package vn.truongso.lessonplan;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import vn.truongso.inbox.TaskFields;

/**
 * A lesson plan's tasks show its subject, grade and week, and belong to its subject group through the group of its
 * heads (start variables of lesson-plan-approval.bpmn).
 */
@Component
class LessonPlanTaskFields implements TaskFields {

    static final String SUBJECT = "subject";
    static final String GRADE = "grade";
    static final String WEEK = "week";
    /** The candidate group of the head review: the heads of the plan's subject group. */
    static final String HEAD_GROUP = "headGroup";

    @Override
    public Set<String> processKeys() {
        return Set.of(LessonPlanService.PROCESS_KEY);
    }

    @Override
    public Map<Field, String> shown() {
        return Map.of(Field.SUBJECT, SUBJECT, Field.GRADE, GRADE, Field.WEEK, WEEK);
    }

    @Override
    public Optional<String> subjectGroupHeads() {
        return Optional.of(HEAD_GROUP);
    }
}
