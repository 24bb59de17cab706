/**
 * Lesson-plan approval (duyệt kế hoạch bài dạy, KHBD): a teacher submits a PDF, the head of the subject group reviews,
 * the principal approves; the approved plan is filed in the teacher's professional records (hồ sơ chuyên môn).
 * The process itself is bpmn/lesson-plan-approval.bpmn; this package holds its API, state and its steps,
 * {@link vn.truongso.lessonplan.LessonPlanApprovalSteps} (see bpmn/README.md). It is started through
 * {@code steps.ProcessStarter}; its tasks show the plan's subject, grade and week in the inbox, and are found by the
 * inbox's subject-group filter, through {@code LessonPlanTaskFields} (an {@code inbox.TaskFields}).
 */
package vn.truongso.lessonplan;
