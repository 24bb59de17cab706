package vn.truongso.paperless;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;
import vn.truongso.common.VietnamTime;
import vn.truongso.common.VietnameseFont.Face;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentView;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;
import vn.truongso.signing.RemoteSignatures;
import vn.truongso.steps.ProcessStart;
import vn.truongso.steps.ProcessStarter;

/**
 * The school's paperless figures as a Vietnamese PDF report (table and bar chart against the targets), stored as a
 * document of the school and signed by the principal through the remote signing flow (bpmn/paperless-report.bpmn
 * calls bpmn/remote-signature.bpmn): evidence for the school's self-assessment against the digital-transformation
 * indicators.
 */
@Service
@Transactional
public class PaperlessReports {

    static final String PROCESS_KEY = "paperlessReport";

    private final PaperlessFigures figures;
    private final DocumentService documents;
    private final ProcessStarter starter;
    private final RemoteSignatures signatures;

    PaperlessReports(PaperlessFigures figures, DocumentService documents, ProcessStarter starter,
                     RemoteSignatures signatures) {
        this.figures = figures;
        this.documents = documents;
        this.starter = starter;
        this.signatures = signatures;
    }

    public record ReportRequest(LocalDate from, LocalDate to) {
    }

    /** The report made and waiting for the principal's signature: confirm the transaction with the code. */
    public record ReportStarted(UUID documentId, String title, int pages, String processInstanceId,
                         RemoteSignatures.Confirmation signTransaction) {
    }

    public ReportStarted start(ReportRequest request, CurrentUser principal) {
        if (!principal.has(Role.PRINCIPAL) || principal.organisationCode() == null) {
            throw ApiException.forbidden();
        }
        PaperlessFigures.Summary s = figures.summary(new PaperlessFigures.Query(principal.organisationCode(), null,
                request == null ? null : request.from(), request == null ? null : request.to(), null, null), principal);
        String title = "Báo cáo số liệu chuyển đổi số, giảm giấy tờ " + s.from().format(VietnamTime.DAY) + " – "
                + s.to().format(VietnamTime.DAY);
        byte[] pdf = render(s, title, principal);
        DocumentView doc = documents.store(new DocumentService.Upload(pdf, "bao-cao-khong-giay-" + s.from() + "-"
                + s.to() + ".pdf", "application/pdf"), title, DocumentKind.REPORT, principal);
        String pid = starter.start(ProcessStart.of(PROCESS_KEY, doc.id().toString(), principal.username(),
                        principal.organisationCode(), title)
                .requester(principal.fullName())
                .document(doc.id())
                .with("principal", principal.username()));
        RemoteSignatures.Confirmation confirmation = signatures.requestConfirmation(principal.username())
                .orElseThrow(() -> new IllegalStateException("The report's signature was not prepared"));
        return new ReportStarted(doc.id(), title, doc.pages(), pid, confirmation);
    }

    static byte[] render(PaperlessFigures.Summary s, String title, CurrentUser principal) {
        try (PaperlessPdf pdf = new PaperlessPdf(title, "Số liệu chuyển đổi số của " + s.scope().name())) {
            pdf.paragraph(s.scope().name().toUpperCase(new Locale("vi")), 10, Face.BOLD);
            pdf.centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 11, Face.BOLD);
            pdf.centered("Độc lập – Tự do – Hạnh phúc", 11, Face.BOLD);
            pdf.gap(12);
            pdf.centered("BÁO CÁO SỐ LIỆU CHUYỂN ĐỔI SỐ, GIẢM GIẤY TỜ", 14, Face.BOLD);
            pdf.centered("Từ ngày " + s.from().format(VietnamTime.DAY) + " đến ngày " + s.to().format(VietnamTime.DAY),
                    10, Face.ITALIC);
            pdf.gap(8);
            pdf.paragraph("Số liệu do hệ thống TruongSo ghi nhận tự động ở từng bước của mọi quy trình (nộp, duyệt, "
                    + "ký): bước làm trên môi trường số hay trên giấy, văn bản được ký số hay ký tay, số trang giấy "
                    + "không phải in. Dùng làm minh chứng tự đánh giá theo bộ chỉ số chuyển đổi số của ngành giáo dục.",
                    9);
            pdf.gap(6);
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"Chỉ số", "Kết quả", "Chỉ tiêu", "Đánh giá"});
            for (PaperlessFigures.Figure f : s.overall().figures()) {
                rows.add(new String[] {f.label(), value(f),
                        f.target() == null ? "—" : PaperlessPdf.percent(f.target()) + " (năm " + f.targetYear() + ")",
                        f.onTrack() == null ? "—" : f.onTrack() ? "Đạt" : "Chưa đạt"});
            }
            pdf.table(new float[] {0.52f, 0.16f, 0.18f, 0.14f}, rows, 9);
            pdf.gap(12);
            pdf.paragraph("Biểu đồ: kết quả so với chỉ tiêu (vạch đỏ: chỉ tiêu)", 10, Face.BOLD);
            pdf.gap(4);
            List<String> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            List<Double> targets = new ArrayList<>();
            for (PaperlessFigures.Figure f : s.overall().figures()) {
                if ("SHARE".equals(f.unit())) {
                    labels.add(f.label());
                    values.add(f.value());
                    targets.add(f.target());
                }
            }
            pdf.bars(labels, values, targets, 8);
            if (!s.processes().isEmpty()) {
                pdf.gap(10);
                pdf.paragraph("Theo quy trình", 10, Face.BOLD);
                List<String[]> byProcess = new ArrayList<>();
                byProcess.add(new String[] {"Quy trình", "Số hồ sơ", "Bước xử lý số", "Hồ sơ hoàn toàn số",
                        "Trang giấy tránh được"});
                for (PaperlessFigures.Group g : s.processes()) {
                    byProcess.add(new String[] {g.name(), value(g.figure("instances")), value(g.figure("digitalShare")),
                            value(g.figure("fullyDigitalShare")), value(g.figure("pagesAvoided"))});
                }
                pdf.table(new float[] {0.36f, 0.14f, 0.16f, 0.17f, 0.17f}, byProcess, 9);
            }
            pdf.gap(16);
            pdf.keep(120);
            pdf.signerBlock("HIỆU TRƯỞNG", 11);
            pdf.gap(72); // room for the visible signature, placed under the keyword
            pdf.signerBlock(principal.fullName(), 10);
            return pdf.bytes();
        }
    }

    private static String value(PaperlessFigures.Figure f) {
        if (f.value() == null) {
            return f.note() == null ? "—" : f.note();
        }
        return switch (f.unit()) {
            case "SHARE" -> PaperlessPdf.percent(f.value())
                    + (f.denominator() == null ? "" : " (" + f.numerator() + "/" + f.denominator() + ")");
            case "HOURS" -> String.format(Locale.ROOT, "%.1f giờ", f.value()).replace('.', ',');
            default -> String.valueOf(Math.round(f.value()));
        };
    }
}
