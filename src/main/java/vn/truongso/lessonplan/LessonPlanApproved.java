package vn.truongso.lessonplan;

import java.time.Instant;
import java.util.UUID;

/** Published when the principal's approval completes a lesson plan; other capabilities react to it. */
public record LessonPlanApproved(UUID lessonPlanId, UUID documentId, String schoolCode, String teacher,
                                 String processInstanceId, Instant approvedAt) {
}
