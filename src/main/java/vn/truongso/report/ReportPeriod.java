package vn.truongso.report;

/** Kỳ báo cáo. */
public enum ReportPeriod {
    /** báo cáo 6 tháng */
    SEMI_ANNUAL,
    /** báo cáo năm */
    ANNUAL,
    /** báo cáo đột xuất */
    AD_HOC
}
