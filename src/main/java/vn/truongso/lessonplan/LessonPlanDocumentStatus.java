package vn.truongso.lessonplan;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.register.DocumentStatusSource;

/** Tells the document search the status of a lesson plan's document (the latest plan submitted with it). */
@Component
@Transactional(readOnly = true)
class LessonPlanDocumentStatus implements DocumentStatusSource {

    private final LessonPlanRepository plans;

    LessonPlanDocumentStatus(LessonPlanRepository plans) {
        this.plans = plans;
    }

    @Override
    public Map<UUID, Status> statusOf(Collection<UUID> documentIds) {
        Map<UUID, Status> out = new HashMap<>();
        if (documentIds.isEmpty()) {
            return out;
        }
        for (LessonPlan p : plans.findByDocumentIdInOrderBySubmittedAtAsc(documentIds)) {
            out.put(p.getDocumentId(), new Status(p.getStatus().name(), p.getStatus().text()));
        }
        return out;
    }
}
