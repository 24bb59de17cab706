package vn.truongso.school;

import java.util.List;

/**
 * Which of the principal's approvals a delegation (ký thay) gives the vice-principal: one kind, or all of them. Each
 * kind names the BPMN processes (definition keys) whose principal tasks it covers.
 */
public enum DelegationScope {
    /** mọi việc phê duyệt của hiệu trưởng */
    ALL("mọi việc phê duyệt của hiệu trưởng", List.of()),
    /** kế hoạch bài dạy: bpmn/lesson-plan-approval.bpmn */
    LESSON_PLANS("phê duyệt kế hoạch bài dạy", List.of("lessonPlanApproval")),
    /** báo cáo gửi phòng giáo dục: bpmn/school-report.bpmn */
    REPORTS("ký báo cáo", List.of("schoolReport")),
    /** danh sách và quyết định trúng tuyển: bpmn/admission-round.bpmn */
    ENROLMENT("duyệt danh sách và ký quyết định trúng tuyển", List.of("admissionRound"));

    private final String text;
    private final List<String> processKeys;

    DelegationScope(String text, List<String> processKeys) {
        this.text = text;
        this.processKeys = processKeys;
    }

    /** In Vietnamese, for people. */
    public String text() {
        return text;
    }

    /** The process definition keys covered; empty for {@link #ALL}. */
    public List<String> processKeys() {
        return processKeys;
    }

    /** Whether a principal's task of process {@code processKey} is covered. */
    public boolean covers(String processKey) {
        return this == ALL || processKeys.contains(processKey);
    }
}
