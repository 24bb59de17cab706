package vn.truongso.verification;

import java.time.OffsetDateTime;
import vn.truongso.common.VietnamTime;
import vn.truongso.verification.VerificationReport.CertificateInfo;
import vn.truongso.verification.VerificationReport.Change;
import vn.truongso.verification.VerificationReport.Coverage;
import vn.truongso.verification.VerificationReport.Kind;
import vn.truongso.verification.VerificationReport.SignatureReport;
import vn.truongso.verification.VerificationReport.TimestampInfo;

/** The report as plain Vietnamese text, for the command line. */
final class ReportText {

    private ReportText() {
    }

    static String render(String fileName, VerificationReport r) {
        StringBuilder b = new StringBuilder();
        b.append("Tệp: ").append(fileName).append('\n');
        b.append("Kích thước: ").append(r.fileSize()).append(" byte · SHA-256: ").append(r.sha256()).append('\n');
        b.append("Kiểm tra lúc: ").append(time(r.validatedAt())).append('\n');
        b.append("Kết luận: ").append(verdict(r.verdict())).append('\n');
        b.append(r.summary()).append('\n');
        int n = 0;
        for (SignatureReport s : r.signatures()) {
            n++;
            b.append('\n').append('[').append(n).append("] ")
                    .append(s.kind() == Kind.SIGNATURE ? "Chữ ký" : "Dấu thời gian tài liệu")
                    .append(s.fieldName() == null ? "" : " — trường " + s.fieldName()).append('\n');
            line(b, "Kết quả", status(s.status()) + " (DSS: " + s.indication()
                    + (s.subIndication() == null ? "" : " / " + s.subIndication()) + ")");
            line(b, "Tóm tắt", s.summary());
            line(b, s.kind() == Kind.SIGNATURE ? "Người ký" : "Đơn vị cấp dấu thời gian",
                    s.signer() + (s.signerSubject() == null ? "" : " (" + s.signerSubject() + ")"));
            line(b, "Thời điểm", s.signingTime() == null ? "không rõ"
                    : time(s.signingTime()) + " — " + timeSource(s.signingTimeSource()));
            if (s.claimedSigningTime() != null && s.signingTimeSource() != VerificationReport.TimeSource.CLAIMED_BY_SIGNER) {
                line(b, "Người ký tự khai", time(s.claimedSigningTime()));
            }
            for (TimestampInfo t : s.timestamps()) {
                line(b, "Dấu thời gian", t.type() + " " + time(t.time()) + " — " + t.producedBy() + " ("
                        + t.indication() + ")");
            }
            Coverage c = s.coverage();
            line(b, "Phạm vi ký", c.wholeDocument() ? "toàn bộ tài liệu"
                    : c.signedBytes() + "/" + c.fileBytes() + " byte; " + c.revisionsAfter()
                    + " lần cập nhật sau khi ký");
            if (!c.byteRangeProblems().isEmpty()) {
                line(b, "/ByteRange", c.byteRangeProblems() + " " + c.byteRange());
            }
            if (c.changes().isEmpty()) {
                line(b, "Thay đổi sau khi ký", "không có");
            } else {
                line(b, "Thay đổi sau khi ký", "");
                for (Change ch : c.changes()) {
                    b.append("        - [").append(ch.allowed() ? "được phép" : "KHÔNG được phép").append("] ")
                            .append(ch.description())
                            .append(ch.objects().isEmpty() ? "" : " Đối tượng: " + String.join(", ", ch.objects()))
                            .append(" (phát hiện bởi ").append(String.join(", ", ch.detectedBy())).append(")\n");
                }
            }
            line(b, "Chuỗi chứng thư", "");
            for (CertificateInfo ci : s.certificateChain()) {
                b.append("        - ").append(ci.subject()).append(ci.trustAnchor() ? " [tin cậy gốc]" : "")
                        .append(" (hiệu lực đến ").append(time(ci.notAfter())).append(")\n");
            }
            line(b, "Tin cậy", s.trusted() ? "có (chuỗi về chứng thư gốc tin cậy)" : "KHÔNG");
            line(b, "Thu hồi", s.revocation().description());
            line(b, "Mức PAdES", s.level());
            for (String w : s.warnings()) {
                line(b, "Lưu ý", w);
            }
            for (String e : s.dssErrors()) {
                line(b, "Lỗi (DSS)", e);
            }
        }
        for (String note : r.notes()) {
            b.append('\n').append("Ghi chú: ").append(note).append('\n');
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append("    ").append(label).append(": ").append(value == null ? "" : value).append('\n');
    }

    private static String time(OffsetDateTime t) {
        return t == null ? "không rõ" : t.format(VietnamTime.SECOND);
    }

    static String verdict(VerificationReport.Verdict v) {
        return switch (v) {
            case VALID -> "HỢP LỆ";
            case VALID_WITH_WARNINGS -> "HỢP LỆ (có lưu ý)";
            case INDETERMINATE -> "CHƯA XÁC ĐỊNH ĐƯỢC";
            case INVALID -> "KHÔNG HỢP LỆ";
            case NO_SIGNATURE -> "KHÔNG CÓ CHỮ KÝ SỐ";
        };
    }

    private static String status(VerificationReport.Status s) {
        return verdict(VerificationReport.Verdict.valueOf(s.name()));
    }

    private static String timeSource(VerificationReport.TimeSource s) {
        return switch (s) {
            case SIGNATURE_TIMESTAMP -> "theo dấu thời gian của chữ ký";
            case DOCUMENT_TIMESTAMP -> "chậm nhất, theo dấu thời gian của tài liệu";
            case TIMESTAMP_TOKEN -> "thời điểm trong dấu thời gian";
            case CLAIMED_BY_SIGNER -> "do người ký tự khai (mục /M), chưa được chứng thực";
            case NONE -> "không rõ";
        };
    }
}
