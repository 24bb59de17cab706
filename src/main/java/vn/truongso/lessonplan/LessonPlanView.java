package vn.truongso.lessonplan;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import vn.truongso.signing.RemoteSignatures;
import vn.truongso.document.DocumentView;
import vn.truongso.steps.StepHistory;

/** GET /api/lesson-plans/{id}: where the plan is, who holds it, everything that happened, how paperless. */
public record LessonPlanView(UUID id, UUID documentId, String subject, int grade, String lessonTitle, int week,
                      String schoolYear, String schoolCode, String teacher, String teacherName,
                      LessonPlanStatus status, String statusText, String signatureNote, String processInstanceId,
                      OffsetDateTime submittedAt, OffsetDateTime approvedAt, CurrentStep currentStep,
                      List<StepHistory.Step> history, StepHistory.Share paperless,
                      List<DocumentView.VersionView> versions, RemoteSignatures.Confirmation signTransaction) {

    public record CurrentStep(String taskId, String step, String name, String assignee, List<String> candidateGroups,
                       OffsetDateTime since, OffsetDateTime due) {
    }
}
