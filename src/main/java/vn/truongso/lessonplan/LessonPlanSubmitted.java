package vn.truongso.lessonplan;

import java.util.UUID;

/**
 * A teacher submitted a lesson plan for approval. Published inside the transaction that starts its process.
 *
 * @param documentSha256 SHA-256 (hex) of the document version submitted
 */
public record LessonPlanSubmitted(UUID lessonPlanId, UUID documentId, String schoolCode, String teacher,
                                  int documentVersion, String documentSha256, String processInstanceId) {
}
