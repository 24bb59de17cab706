package vn.truongso.lessonplan;

import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import vn.truongso.inbox.TaskFields;

/** A lesson plan's tasks show its subject, grade and week (start variables of lesson-plan-approval.bpmn). */
@Component
class LessonPlanTaskFields implements TaskFields {

    static final String SUBJECT = "subject";
    static final String GRADE = "grade";
    static final String WEEK = "week";

    @Override
    public Set<String> processKeys() {
        return Set.of(LessonPlanService.PROCESS_KEY);
    }

    @Override
    public Map<Field, String> shown() {
        return Map.of(Field.SUBJECT, SUBJECT, Field.GRADE, GRADE, Field.WEEK, WEEK);
    }
}
