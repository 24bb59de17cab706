package vn.truongso.lessonplan;

public enum LessonPlanStatus {
    AWAITING_SIGNATURE("Chờ người ký xác nhận ký số bằng mã OTP"),
    HEAD_REVIEW("Chờ tổ trưởng chuyên môn duyệt"),
    RETURNED("Đã trả lại, chờ giáo viên chỉnh sửa"),
    PRINCIPAL_APPROVAL("Chờ hiệu trưởng phê duyệt"),
    APPROVED("Đã phê duyệt");

    private final String text;

    LessonPlanStatus(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
