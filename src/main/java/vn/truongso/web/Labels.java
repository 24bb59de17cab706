package vn.truongso.web;

import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Vietnamese words for the codes the clerk's, officer's, parent's and dashboard pages show ({@code ${@labels.…}}):
 * document kinds, verdicts, audit actions, report periods, figures. A code without a word is shown as it is.
 */
@Component("labels")
public class Labels {

    /** Whether a list of codes (enum constants) holds {@code code}. */
    public boolean has(java.util.Collection<?> codes, String code) {
        return codes != null && codes.stream().anyMatch(c -> String.valueOf(c).equals(code));
    }

    /** A calendar date as dd/MM/yyyy. */
    public String date(java.time.LocalDate day) {
        return day == null ? "—" : day.format(vn.truongso.common.VietnamTime.DAY);
    }

    public String kind(Object kind) {
        if (kind == null) {
            return "—";
        }
        return switch (kind.toString()) {
            case "LESSON_PLAN" -> "Kế hoạch bài dạy";
            case "REPORT" -> "Báo cáo";
            case "DECISION" -> "Quyết định";
            case "LETTER" -> "Công văn";
            case "APPLICATION_PAPER" -> "Giấy tờ hồ sơ";
            default -> "Văn bản khác";
        };
    }

    public String verdict(Object verdict) {
        if (verdict == null) {
            return "—";
        }
        return switch (verdict.toString()) {
            case "VALID" -> "Hợp lệ";
            case "VALID_WITH_WARNINGS" -> "Hợp lệ, có lưu ý";
            case "INDETERMINATE" -> "Chưa xác định được";
            case "INVALID" -> "Không hợp lệ";
            case "NO_SIGNATURE" -> "Không có chữ ký số";
            default -> verdict.toString();
        };
    }

    public String signatureKind(Object kind) {
        return kind != null && "DOCUMENT_TIMESTAMP".equals(kind.toString()) ? "Dấu thời gian văn bản" : "Chữ ký số";
    }

    public String audit(String action) {
        if (action == null) {
            return "—";
        }
        return switch (action) {
            case "DOCUMENT_UPLOADED" -> "Tải lên văn bản";
            case "DOCUMENT_VERSION_ADDED" -> "Thêm phiên bản mới";
            case "DOCUMENT_VERSION_PRODUCED" -> "Hệ thống tạo phiên bản mới";
            case "DOCUMENT_SIGNED" -> "Ký số văn bản";
            case "TASK_COMPLETED" -> "Xử lý bước công việc";
            case "SIGN_TRANSACTION_CONFIRMED" -> "Xác nhận ký";
            case "SIGN_TRANSACTION_REJECTED" -> "Từ chối ký";
            case "SIGN_TRANSACTION_CODE_REFUSED" -> "Mã xác nhận ký sai";
            case "LESSON_PLAN_SUBMITTED" -> "Nộp kế hoạch bài dạy";
            case "LESSON_PLAN_APPROVED" -> "Duyệt kế hoạch bài dạy";
            case "ENROLMENT_APPLIED" -> "Nộp hồ sơ tuyển sinh";
            case "REPORT_SUBMITTED" -> "Gửi báo cáo";
            case "REPORT_MISSED" -> "Báo cáo quá hạn";
            default -> action.startsWith("CREDENTIAL_") ? "Thay đổi chứng thư ký số"
                    : action.startsWith("DELEGATION_") ? "Thay đổi ủy quyền ký thay"
                    : action.startsWith("LOGIN_") ? "Đăng nhập không thành công" : action;
        };
    }

    public String period(Object period) {
        if (period == null) {
            return "—";
        }
        return switch (period.toString()) {
            case "SEMI_ANNUAL" -> "6 tháng";
            case "ANNUAL" -> "Năm";
            case "AD_HOC" -> "Đột xuất";
            default -> period.toString();
        };
    }

    public String credentialStatus(String status) {
        if (status == null) {
            return "—";
        }
        return switch (status) {
            case "ACTIVE" -> "Đang hoạt động";
            case "SUSPENDED" -> "Tạm ngừng";
            case "REVOKED" -> "Đã thu hồi";
            default -> status;
        };
    }

    /** A figure's value as people read it: 62,5 % for a share, whole numbers for counts, 1,5 giờ. */
    public String figure(String unit, Double value, String note) {
        if (value == null) {
            return note == null ? "—" : note;
        }
        return switch (unit == null ? "" : unit) {
            case "SHARE" -> percent(value);
            case "HOURS" -> String.format(Locale.ROOT, "%.1f giờ", value).replace('.', ',');
            default -> String.valueOf(Math.round(value));
        };
    }

    public String percent(Double share) {
        if (share == null) {
            return "—";
        }
        String s = String.format(Locale.ROOT, "%.1f", share * 100).replace('.', ',');
        return (s.endsWith(",0") ? s.substring(0, s.length() - 2) : s) + " %";
    }

    /** Where a notification's stored link opens in the pages, or null when no page shows it. */
    public String notificationLink(String link) {
        return NotificationPages.pageLink(link);
    }
}
