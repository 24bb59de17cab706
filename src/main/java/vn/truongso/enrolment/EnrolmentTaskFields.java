package vn.truongso.enrolment;

import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import vn.truongso.inbox.TaskFields;

/** An application's and an admission round's tasks show the grade (a start variable of both models). */
@Component
class EnrolmentTaskFields implements TaskFields {

    static final String GRADE = "grade";

    @Override
    public Set<String> processKeys() {
        return Set.of(EnrolmentService.PROCESS_KEY, RoundService.PROCESS_KEY);
    }

    @Override
    public Map<Field, String> shown() {
        return Map.of(Field.GRADE, GRADE);
    }
}
