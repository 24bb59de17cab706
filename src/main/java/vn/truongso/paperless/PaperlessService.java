package vn.truongso.paperless;

import vn.truongso.common.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;
import vn.truongso.common.VietnamTime;
import vn.truongso.common.VietnameseFont.Face;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentView;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;
import vn.truongso.steps.StepHistory;
import vn.truongso.steps.StepKind;

/** The certificate of completion of a document (from its recorded steps), and the figures as CSV. */
@Service
@Transactional
public class PaperlessService {


    private final StepHistory history;
    private final DocumentService documents;
    private final UserDirectory users;

    PaperlessService(StepHistory history, DocumentService documents, UserDirectory users) {
        this.history = history;
        this.documents = documents;
        this.users = users;
    }

    // ---- certificate of completion -----------------------------------------------------------------------------

    /** One A4 page (more if the process had many steps) listing every step of the document's completed process. */
    @Transactional(readOnly = true)
    byte[] certificate(UUID documentId, CurrentUser user) {
        DocumentView doc = documents.get(documentId, user); // 404 unless this user may read the document
        StepHistory.Instance p = history.lastCompleted(documentId)
                .orElseThrow(() -> ApiException.conflict("PROCESS_NOT_COMPLETED",
                        "Văn bản chưa hoàn thành quy trình xử lý; chưa có giấy chứng nhận hoàn thành."));
        List<StepHistory.Step> own = history.of(p.processInstanceId());
        String school = p.tenantId() == null ? "" : users.organisationName(p.tenantId()).orElse(p.tenantId());
        try (PaperlessPdf pdf = new PaperlessPdf("Giấy chứng nhận hoàn thành quy trình – " + doc.title(),
                "Chứng nhận hoàn thành quy trình xử lý văn bản")) {
            pdf.centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 11, Face.BOLD);
            pdf.centered("Độc lập – Tự do – Hạnh phúc", 11, Face.BOLD);
            pdf.gap(14);
            pdf.centered("GIẤY CHỨNG NHẬN HOÀN THÀNH QUY TRÌNH", 15, Face.BOLD);
            pdf.gap(8);
            pdf.paragraph("Đơn vị: " + school, 10);
            pdf.paragraph("Văn bản: " + doc.title() + " (phiên bản " + doc.version() + ", " + doc.pages() + " trang)", 10);
            pdf.paragraph("Quy trình: " + (p.processName() == null ? p.processKey() : p.processName())
                    + (p.businessKey() == null ? "" : " – mã hồ sơ " + p.businessKey()), 10);
            pdf.paragraph("Nộp lúc: " + time(p.startedAt()) + " · Hoàn thành lúc: " + time(p.endedAt()), 10);
            pdf.gap(8);
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"STT", "Bước xử lý", "Người thực hiện", "Thời gian", "Hình thức", "Ký số"});
            int n = 0;
            long done = 0;
            long digital = 0;
            for (StepHistory.Step s : own) {
                if (s.channel() == null) {
                    continue; // cancelled, or a signature that was not given: not a step of the completed record
                }
                done++;
                digital += s.channel() == Channel.DIGITAL ? 1 : 0;
                rows.add(new String[] {String.valueOf(++n), s.name() == null ? s.step() : s.name(),
                        fullName(s.actor()), time(s.endedAt()),
                        s.channel() == Channel.DIGITAL ? "Điện tử" : "Trên giấy", signature(s)});
            }
            pdf.table(new float[] {0.06f, 0.32f, 0.19f, 0.19f, 0.11f, 0.13f}, rows, 9);
            pdf.gap(10);
            pdf.paragraph("Số bước thực hiện trên môi trường số: " + digital + "/" + done
                    + (done == 0 ? "" : " (" + PaperlessPdf.percent((double) digital / done) + ")") + ".", 10);
            pdf.paragraph("Thời gian theo giờ Việt Nam (+07:00). Giấy chứng nhận do hệ thống TruongSo lập từ nhật ký "
                    + "các bước xử lý; chữ ký số trên văn bản được kiểm tra tại GET /api/documents/" + documentId
                    + "/verification.", 8, Face.ITALIC);
            return pdf.bytes();
        }
    }

    private static String signature(StepHistory.Step s) {
        if (s.kind() != StepKind.SIGNATURE) {
            return "—";
        }
        return Boolean.TRUE.equals(s.signedElectronically()) ? "Có (ký số)" : "Không (ký tay)";
    }

    private String fullName(String username) {
        return username == null ? "—" : users.find(username).map(CurrentUser::fullName).orElse(username);
    }

    static String time(java.time.OffsetDateTime at) {
        return at == null ? "—" : at.format(VietnamTime.SECOND);
    }

    // ---- CSV -------------------------------------------------------------------------------------------------

    /** UTF-8 with a BOM (so Excel reads the Vietnamese letters), comma-separated, RFC 4180 quoting. */
    public static byte[] csv(PaperlessFigures.Summary s) {
        StringBuilder out = new StringBuilder("\uFEFF");
        List<PaperlessFigures.Figure> columns = s.overall().figures();
        List<String> header = new ArrayList<>(List.of("Loại dòng", "Mã", "Tên", "Từ ngày", "Đến ngày"));
        for (PaperlessFigures.Figure f : columns) {
            header.add(f.label() + unit(f));
            if (f.target() != null) {
                header.add(f.label() + " – chỉ tiêu " + f.targetYear() + " (%)");
                header.add(f.label() + " – đạt chỉ tiêu");
            }
        }
        line(out, header.stream().map(PaperlessService::text).toList());
        line(out, row("Tổng hợp", s.overall(), s, columns));
        for (PaperlessFigures.Group g : s.processes()) {
            line(out, row("Quy trình", g, s, columns));
        }
        for (PaperlessFigures.Group g : s.rows()) {
            line(out, row("TEACHER".equals(s.rowKind()) ? "Giáo viên" : "Trường", g, s, columns));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A text cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return: a
     * school or teacher named "=HYPERLINK(…)") gets a leading apostrophe (OWASP, CSV injection). Numbers we compute
     * are written by {@link #number} and left as they are.
     */
    static String text(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    private static String unit(PaperlessFigures.Figure f) {
        return "SHARE".equals(f.unit()) ? " (%)" : "";
    }

    private static List<String> row(String kind, PaperlessFigures.Group g, PaperlessFigures.Summary s,
                                    List<PaperlessFigures.Figure> columns) {
        List<String> cells = new ArrayList<>(List.of(text(kind), text(g.code()), text(g.name()), s.from().toString(),
                s.to().toString()));
        for (PaperlessFigures.Figure c : columns) {
            PaperlessFigures.Figure f = g.figure(c.key());
            cells.add(f.value() == null ? text(f.note()) : number(f));
            if (c.target() != null) {
                cells.add(String.format(Locale.ROOT, "%.0f", c.target() * 100));
                cells.add(f.onTrack() == null ? "" : f.onTrack() ? "Đạt" : "Chưa đạt");
            }
        }
        return cells;
    }

    private static String number(PaperlessFigures.Figure f) {
        return switch (f.unit()) {
            case "SHARE" -> String.format(Locale.ROOT, "%.1f", f.value() * 100);
            case "HOURS" -> String.format(Locale.ROOT, "%.2f", f.value());
            default -> String.valueOf(Math.round(f.value()));
        };
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                c = "\"" + c.replace("\"", "\"\"") + "\"";
            }
            out.append(c);
        }
        out.append("\r\n");
    }
}
