package vn.truongso.verification;

import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import vn.truongso.common.VietnamTime;
import vn.truongso.verification.VerificationReport.ByteRangeProblem;
import vn.truongso.verification.VerificationReport.Change;
import vn.truongso.verification.VerificationReport.ChangeKind;
import vn.truongso.verification.VerificationReport.Coverage;
import vn.truongso.verification.VerificationReport.Kind;
import vn.truongso.verification.VerificationReport.SignatureReport;
import vn.truongso.verification.VerificationReport.Status;
import vn.truongso.verification.VerificationReport.Verdict;

/**
 * The plain Vietnamese inside a {@link VerificationReport}, for the people who read it: the document's and each
 * signature's summary, what changed after signing, why DSS did not pass a signature, and the revocation line.
 * (The command line's rendering of a whole report is {@link ReportText}.)
 */
final class ReportWording {

    static final String NO_READABLE_SIGNATURE_NOTE = "Tệp có dấu vết của chữ ký số nhưng không đọc được chữ ký nào: "
            + "chữ ký có thể đã bị gỡ bỏ hoặc bị hỏng.";
    static final String UNREADABLE_NOTE = "Không đọc được cấu trúc tệp PDF để kiểm tra chữ ký.";
    static final String NO_TRUSTED_TIME =
            "Chữ ký chưa có dấu thời gian tin cậy: thời điểm ký do phần mềm của người ký tự ghi.";
    static final String UNKNOWN_SIGNING_CERTIFICATE = "Không xác định được chứng thư của người ký.";
    static final String TRUST_ANCHOR_NOT_CHECKED = "Chứng thư tin cậy gốc: không cần kiểm tra thu hồi.";
    static final String NO_REVOCATION_DATA = "Không có thông tin thu hồi (CRL/OCSP) cho chứng thư này.";

    private ReportWording() {
    }

    /** The document's summary when DSS read the file but found no signature in it. */
    static String noReadableSignature(boolean signatureTraces) {
        return signatureTraces ? "KHÔNG HỢP LỆ: tệp có dấu vết chữ ký số nhưng không đọc được chữ ký nào."
                : "Tài liệu không có chữ ký số.";
    }

    /** The document's summary when DSS could not read the file at all. */
    static String unreadable(boolean signatureTraces) {
        return signatureTraces ? "KHÔNG HỢP LỆ: tệp có dấu vết chữ ký số nhưng không đọc được để kiểm tra."
                : "Không tìm thấy chữ ký số nào đọc được trong tệp.";
    }

    static String overlappingElements(List<Integer> pages) {
        return "Trên " + pages(pages) + " có các phần tử chồng lên nhau; hãy xem kỹ nội dung hiển thị.";
    }

    static String documentSummary(Verdict verdict, List<SignatureReport> all, int signatureCount) {
        int timestamps = all.size() - signatureCount;
        String counted = signatureCount + " chữ ký số" + (timestamps > 0 ? " và " + timestamps + " dấu thời gian" : "");
        SignatureReport first = all.get(0);
        return switch (verdict) {
            case VALID -> "Tài liệu có " + counted + ", tất cả hợp lệ; " + afterSigning(first.coverage());
            case VALID_WITH_WARNINGS -> "Tài liệu có " + counted + " hợp lệ; " + afterSigning(first.coverage())
                    + " Lưu ý: " + all.stream().flatMap(s -> s.warnings().stream()).findFirst().orElse("");
            case INDETERMINATE -> {
                SignatureReport s = all.stream().filter(x -> x.status() == Status.INDETERMINATE).findFirst()
                        .orElse(first);
                yield "Chưa xác định được tính hợp lệ của chữ ký trên tài liệu: " + reason(s) + "; "
                        + afterSigning(first.coverage());
            }
            case INVALID -> {
                List<Change> changes = all.stream().flatMap(s -> s.coverage().changes().stream())
                        .filter(c -> !c.allowed()).toList();
                if (!changes.isEmpty()) {
                    yield "CẢNH BÁO: tài liệu đã bị thay đổi sau khi ký (" + what(changes)
                            + ") — KHÔNG được coi là hợp lệ.";
                }
                yield all.stream().filter(x -> x.status() == Status.INVALID).findFirst().orElse(first).summary();
            }
            case NO_SIGNATURE -> "Tài liệu không có chữ ký số.";
        };
    }

    static String describe(ChangeKind kind, List<Integer> pages) {
        String onPages = pages.isEmpty() ? "" : " (" + pages(pages) + ")";
        return switch (kind) {
            case LATER_SIGNATURE -> "Bổ sung chữ ký số khác (được phép).";
            case DOCUMENT_TIMESTAMP -> "Bổ sung dấu thời gian cho tài liệu (được phép).";
            case VALIDATION_DATA -> "Bổ sung dữ liệu phục vụ kiểm tra dài hạn: chứng thư, CRL/OCSP (được phép).";
            case METADATA -> "Thay đổi thông tin mô tả của tệp (metadata); không ảnh hưởng nội dung hiển thị.";
            case PAGE_APPEARANCE -> capitalize(pages.isEmpty() ? "một trang" : pages(pages))
                    + " hiển thị khác so với lúc ký.";
            case PAGE_COUNT -> "Các trang của tài liệu khác so với lúc ký" + onPages + ".";
            case PAGE_CONTENT -> "Nội dung dùng để hiển thị trang bị sửa đổi" + onPages + ".";
            case ANNOTATIONS -> "Chú thích hoặc đối tượng hiển thị trên trang bị thêm, sửa hoặc xoá" + onPages + ".";
            case FORM_FIELDS -> "Trường biểu mẫu bị thêm hoặc sửa đổi.";
            case DOCUMENT_STRUCTURE -> "Cấu trúc gốc của tài liệu (danh mục tài liệu) bị sửa đổi.";
            case OTHER_OBJECTS -> "Các đối tượng trong tệp bị sửa đổi.";
            case UNEXPLAINED_BYTES -> "Có dữ liệu được nối thêm sau khi ký mà không xác định được nội dung.";
            case UNREADABLE -> "Không phân tích được phần dữ liệu được thêm sau khi ký.";
        };
    }

    /** Short Vietnamese phrases for what changed, e.g. "trang 1 hiển thị khác; các đối tượng trong tệp bị sửa đổi". */
    static String what(List<Change> changes) {
        Set<String> parts = new LinkedHashSet<>();
        changes.stream().sorted(Comparator.comparing(Change::kind)).forEach(c -> parts.add(switch (c.kind()) {
            case PAGE_APPEARANCE -> (c.pages().isEmpty() ? "trang" : pages(c.pages())) + " hiển thị khác";
            case PAGE_COUNT -> "các trang khác so với lúc ký";
            case PAGE_CONTENT -> "nội dung " + (c.pages().isEmpty() ? "trang" : pages(c.pages())) + " bị sửa";
            case ANNOTATIONS -> "chú thích trên trang bị thêm/sửa";
            case FORM_FIELDS -> "trường biểu mẫu bị sửa";
            case DOCUMENT_STRUCTURE -> "cấu trúc tài liệu bị sửa";
            case OTHER_OBJECTS -> "các đối tượng trong tệp bị sửa đổi";
            case UNEXPLAINED_BYTES -> "có dữ liệu lạ được nối thêm";
            case UNREADABLE -> "có phần thay đổi không phân tích được";
            default -> "";
        }));
        parts.remove("");
        return String.join("; ", parts);
    }

    /** What happened to the document after this signature, as the second half of a summary. */
    private static String afterSigning(Coverage c) {
        if (c.wholeDocument()) {
            return "tài liệu không bị thay đổi sau khi ký.";
        }
        List<Change> bad = c.changes().stream().filter(x -> !x.allowed()).toList();
        if (!bad.isEmpty()) {
            return "CẢNH BÁO: tài liệu đã bị thay đổi sau khi ký (" + what(bad) + ").";
        }
        Set<String> added = new LinkedHashSet<>();
        for (Change x : c.changes()) {
            switch (x.kind()) {
                case LATER_SIGNATURE -> added.add("chữ ký khác");
                case DOCUMENT_TIMESTAMP -> added.add("dấu thời gian");
                case VALIDATION_DATA -> added.add("dữ liệu kiểm tra dài hạn");
                case METADATA -> added.add("thông tin mô tả");
                default -> {
                }
            }
        }
        return added.isEmpty() ? "tài liệu không bị thay đổi nội dung sau khi ký."
                : "sau khi ký, tài liệu chỉ được bổ sung " + String.join(", ", added) + ".";
    }

    // --- the Vietnamese line ---

    /** The signature with its one-line Vietnamese summary filled in. */
    static SignatureReport withSummary(SignatureReport s) {
        String who = s.signer() == null ? "(không rõ người ký)" : s.signer();
        boolean timestamp = s.kind() == Kind.DOCUMENT_TIMESTAMP;
        String what = timestamp ? "Dấu thời gian" : "Chữ ký";
        String when = s.signingTime() == null ? "" : (timestamp ? ", lúc " : ", ký lúc ") + s.signingTime().format(VietnamTime.SECOND)
                + switch (s.signingTimeSource()) {
                    case CLAIMED_BY_SIGNER -> " (thời điểm do người ký tự khai)";
                    case DOCUMENT_TIMESTAMP -> " (chậm nhất, theo dấu thời gian của tài liệu)";
                    default -> "";
                };
        Coverage c = s.coverage();
        String summary = switch (s.status()) {
            case VALID -> what + " hợp lệ của " + who + when + "; " + afterSigning(c);
            case VALID_WITH_WARNINGS -> what + " hợp lệ của " + who + when + "; " + afterSigning(c) + " Lưu ý: "
                    + s.warnings().get(0);
            case INDETERMINATE -> "Chưa xác định được tính hợp lệ của " + what.toLowerCase() + " của " + who
                    + " (" + reason(s) + "); " + afterSigning(c);
            case INVALID -> {
                List<Change> bad = c.changes().stream().filter(x -> !x.allowed()).toList();
                if (!c.byteRangeProblems().isEmpty()) {
                    yield "KHÔNG HỢP LỆ: vùng dữ liệu được ký của " + what.toLowerCase() + " của " + who
                            + " bất thường (" + byteRangeText(c.byteRangeProblems()) + ")"
                            + (bad.isEmpty() ? "." : "; tài liệu đã bị thay đổi sau khi ký (" + what(bad) + ").");
                }
                if (!bad.isEmpty()) {
                    yield "CẢNH BÁO: tài liệu đã bị thay đổi sau khi ký (" + what(bad) + "); " + what.toLowerCase()
                            + " của " + who + " không còn bảo đảm nội dung đang hiển thị.";
                }
                yield "KHÔNG HỢP LỆ: " + what.toLowerCase() + " của " + who + " không hợp lệ (" + reason(s) + ").";
            }
        };
        return new SignatureReport(s.id(), s.kind(), s.fieldName(), s.status(), summary, s.signer(),
                s.signerSubject(), s.signingTime(), s.signingTimeSource(), s.claimedSigningTime(), s.timestamps(),
                s.coverage(), s.certificateChain(), s.trusted(), s.revocation(), s.level(), s.indication(),
                s.subIndication(), s.warnings(), s.dssErrors(), s.dssWarnings());
    }

    private static String byteRangeText(List<ByteRangeProblem> problems) {
        return problems.stream().map(p -> switch (p) {
            case MALFORMED -> "/ByteRange sai định dạng";
            case BEYOND_FILE -> "/ByteRange vượt quá kích thước tệp";
            case GAP_NOT_SIGNATURE_VALUE -> "khoảng không được ký chứa dữ liệu khác ngoài giá trị chữ ký";
            case NOT_AT_REVISION_END -> "phần được ký không kết thúc ở cuối một phiên bản của tệp";
            case OVERLAP -> "chồng lấn với vùng ký của chữ ký khác";
        }).collect(Collectors.joining("; "));
    }

    /** Why DSS did not pass a signature, in Vietnamese. */
    static String reason(SignatureReport s) {
        if (s.subIndication() == null) {
            return s.indication() == null ? "không rõ lý do" : "kết quả của DSS: " + s.indication();
        }
        boolean noRevocation = s.dssErrors().stream().anyMatch(m -> m.toLowerCase().contains("no revocation data"));
        return switch (s.subIndication()) {
            case "HASH_FAILURE" -> "nội dung được ký đã bị sửa: giá trị băm không khớp";
            case "SIG_CRYPTO_FAILURE" -> "giá trị chữ ký không khớp với chứng thư của người ký";
            case "FORMAT_FAILURE" -> "cấu trúc chữ ký hoặc tài liệu không hợp lệ";
            case "REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE" -> "chứng thư số đã bị thu hồi";
            case "NO_CERTIFICATE_CHAIN_FOUND", "NO_CERTIFICATE_CHAIN_FOUND_NO_POE" ->
                    "chứng thư số không chuỗi về nguồn tin cậy nào đã cấu hình";
            case "NO_SIGNING_CERTIFICATE_FOUND" -> "không tìm thấy chứng thư số của người ký";
            case "CERTIFICATE_CHAIN_GENERAL_FAILURE" -> noRevocation
                    ? "không có thông tin thu hồi cho chứng thư số" : "không kiểm tra được chuỗi chứng thư số";
            case "TRY_LATER" -> "chưa có thông tin thu hồi đủ mới, hãy kiểm tra lại sau";
            case "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED", "EXPIRED" ->
                    "chứng thư số đã hết hạn hoặc chưa có hiệu lực tại thời điểm kiểm tra";
            case "NOT_YET_VALID" -> "chứng thư số chưa có hiệu lực";
            case "CRYPTO_CONSTRAINTS_FAILURE", "CRYPTO_CONSTRAINTS_FAILURE_NO_POE" ->
                    "thuật toán mật mã không còn được chấp nhận";
            case "SIGNED_DATA_NOT_FOUND" -> "không tìm thấy dữ liệu được ký";
            case "REVOCATION_OUT_OF_BOUNDS_NO_POE" -> "thông tin thu hồi không nằm trong thời hạn dùng được";
            case "SIGNATURE_POLICY_NOT_AVAILABLE", "POLICY_PROCESSING_ERROR" -> "không áp dụng được chính sách chữ ký";
            default -> "DSS: " + s.subIndication();
        };
    }

    // --- revocation ---

    /** The revocation line of a certificate, e.g. "Chưa bị thu hồi (OCSP lấy từ hệ thống PKI của trường lúc kiểm tra)." */
    static String revocation(String status, String type, String source, Date revokedAt, boolean alsoEmbedded) {
        String state = switch (status) {
            case "GOOD" -> "Chưa bị thu hồi";
            case "REVOKED" -> "ĐÃ BỊ THU HỒI" + (revokedAt == null ? ""
                    : " từ " + VietnamTime.of(revokedAt).format(VietnamTime.SECOND));
            default -> "Không rõ trạng thái thu hồi";
        };
        String also = alsoEmbedded ? "; tài liệu cũng mang dữ liệu thu hồi nhúng" : "";
        return state + " (" + (type == null ? "dữ liệu thu hồi" : type) + " " + from(source) + also + ").";
    }

    /** Where the revocation data came from. */
    private static String from(String source) {
        return switch (source) {
            case "FETCHED" -> "lấy từ hệ thống PKI của trường lúc kiểm tra";
            case "EMBEDDED_DSS" -> "nhúng trong tài liệu (/DSS)";
            default -> "nhúng trong chữ ký";
        };
    }

    // --- small helpers ---

    static String pages(List<Integer> pages) {
        return "trang " + pages.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
