package vn.truongso.document;

public enum DocumentKind {
    /** kế hoạch bài dạy */
    LESSON_PLAN,
    /** báo cáo */
    REPORT,
    /** quyết định */
    DECISION,
    /** công văn */
    LETTER,
    /** giấy tờ kèm hồ sơ (giấy khai sinh, xác nhận cư trú…) */
    APPLICATION_PAPER,
    OTHER
}
