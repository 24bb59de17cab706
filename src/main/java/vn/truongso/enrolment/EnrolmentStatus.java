package vn.truongso.enrolment;

/** Where an application (hồ sơ tuyển sinh) is. */
public enum EnrolmentStatus {
    CHECKING("Văn thư đang kiểm tra hồ sơ", true),
    PAPERS_REQUESTED("Cần bổ sung giấy tờ", true),
    ACCEPTED("Hồ sơ hợp lệ, chờ xét tuyển", true),
    ADMITTED("Trúng tuyển", true),
    NOT_ADMITTED("Không trúng tuyển (ngoài chỉ tiêu)", false),
    REJECTED("Hồ sơ bị từ chối", false),
    LAPSED("Hồ sơ hết hạn (không bổ sung giấy tờ đúng hạn)", false),
    WITHDRAWN("Phụ huynh đã rút hồ sơ", false);

    private final String text;
    private final boolean active;

    EnrolmentStatus(String text, boolean active) {
        this.text = text;
        this.active = active;
    }

    public String text() {
        return text;
    }

    /** Whether it still holds the child's place among the year's applications (no second one meanwhile). */
    public boolean active() {
        return active;
    }
}
