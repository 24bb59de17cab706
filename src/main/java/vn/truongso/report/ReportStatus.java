package vn.truongso.report;

/** Where one school's report of a campaign is. */
public enum ReportStatus {
    NOT_STARTED("Chưa thực hiện"),
    DRAFTING("Đang chuẩn bị"),
    AWAITING_SIGNATURE("Chờ hiệu trưởng ký"),
    SUBMITTED("Đã gửi, chờ tiếp nhận"),
    RETURNED("Bị trả lại"),
    ACCEPTED("Đã tiếp nhận");

    private final String text;

    ReportStatus(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Nothing valid has reached the office yet: still to be reminded. */
    boolean awaitingSchool() {
        return this == NOT_STARTED || this == DRAFTING || this == AWAITING_SIGNATURE || this == RETURNED;
    }
}
