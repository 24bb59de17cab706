package vn.truongso.enrolment;

import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import vn.truongso.common.PdfTextWriter;
import vn.truongso.common.PdfTextWriter.Align;
import vn.truongso.common.PdfTextWriter.Layout;
import vn.truongso.common.PdfTextWriter.Run;
import vn.truongso.common.VietnamTime;
import vn.truongso.common.VietnameseFont;
import vn.truongso.common.VietnameseFont.Face;

/**
 * The admission decision (quyết định công nhận học sinh trúng tuyển) for one child, as an A4 PDF laid out after
 * Decree 30/2020/NĐ-CP, appendix I: authority and school top left over the number, national heading top right over
 * place and date, the title and summary, the legal bases, three articles, "Nơi nhận" bottom left and the principal's
 * block bottom right with room for a visible signature under the keyword {@value #SIGNER_KEYWORD}.
 *
 * <p>The decree asks for Times New Roman: all text is in {@link VietnameseFont#serif} (Liberation Serif, metric
 * compatible with it), each style in its real face, embedded as a subset; every width is measured in the face it is
 * drawn in. The text is laid out by {@link PdfTextWriter}; this class decides what goes where.
 */
@Component
public class AdmissionDecisionPdf {

    /** The signer's title as printed; the signing package places a visible signature under its last occurrence. */
    static final String SIGNER_KEYWORD = "HIỆU TRƯỞNG";

    static final float MM = 72f / 25.4f;
    // Decree 30 appendix I margins: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
    static final float TOP = 20 * MM;
    static final float BOTTOM = 20 * MM;
    static final float LEFT = 30 * MM;
    static final float RIGHT = 15 * MM;
    static final float PAGE_W = PdfTextWriter.PAGE_W;
    static final float PAGE_H = PdfTextWriter.PAGE_H;
    static final float CONTENT_W = PAGE_W - LEFT - RIGHT;
    /** Header and signature columns: the left one for the school, the right one for the state and the signer. */
    static final float LEFT_COL_W = CONTENT_W * 0.42f;
    static final float RIGHT_COL_X = LEFT + LEFT_COL_W;
    static final float RIGHT_COL_W = CONTENT_W - LEFT_COL_W;
    /** Room left empty under the signer's title for the visible signature and the seal. */
    static final float SIGNATURE_SPACE = 35 * MM;

    private static final float HEAD = 12.5f;
    private static final float BODY = 13;
    private static final float TITLE = 14;
    private static final float LEADING = 1.3f;
    /** Page numbers from the second page, centred in the top margin, as Decree 30 asks. */
    private static final Layout LAYOUT = new Layout(TOP, BOTTOM, LEFT, RIGHT, LEADING, 0, BODY);
    private static final float INDENT = 10 * MM;
    private static final Locale VI = Locale.forLanguageTag("vi-VN");

    private final Clock clock;

    public AdmissionDecisionPdf() {
        this(Clock.systemUTC());
    }

    @Autowired
    public AdmissionDecisionPdf(Clock clock) {
        this.clock = clock;
    }

    /**
     * The admission decision for {@code Decision d}, as PDF bytes: one page normally, more if the text needs them.
     *
     * @throws IllegalArgumentException if a required field is missing or blank, or the grade is not 1 to 12
     */
    public byte[] render(Decision d) {
        validate(d);
        try (PdfTextWriter w = new PdfTextWriter(LAYOUT)) {
            String school = upper(d.schoolName());
            String title = "Quyết định về việc công nhận học sinh trúng tuyển vào lớp " + d.grade() + " năm học "
                    + nfc(d.schoolYear());
            PDDocumentInformation info = w.info();
            info.setTitle(title + " – " + nfc(d.childName()));
            info.setSubject(nfc(d.numberText()));
            info.setAuthor(school);
            info.setCreator("TruongSo – Trường Số");
            GregorianCalendar created = new GregorianCalendar(TimeZone.getTimeZone(VietnamTime.ZONE));
            created.setTimeInMillis(clock.millis());
            info.setCreationDate(created);

            header(w, d, school);
            w.gap(BODY * 1.2f);
            w.paragraph(List.of(b("QUYẾT ĐỊNH")), TITLE, Align.CENTER, 0);
            float summaryTop = w.y();
            w.paragraph(List.of(b("Về việc công nhận học sinh trúng tuyển vào lớp " + d.grade() + " năm học "
                    + nfc(d.schoolYear()))), BODY, Align.CENTER, 0);
            float summaryWidth = Math.min(CONTENT_W, w.width("Về việc công nhận học sinh trúng tuyển vào lớp "
                    + d.grade() + " năm học " + nfc(d.schoolYear()), Face.BOLD, BODY));
            if (summaryTop - w.y() > BODY * LEADING * 1.5f) {
                summaryWidth = CONTENT_W; // wrapped: the rule goes under the widest line, the full measure
            }
            w.rule(LEFT + CONTENT_W / 2, w.y() - 3, Math.max(summaryWidth / 3, 60));
            w.gap(5);
            w.gap(BODY * 1.0f);
            w.paragraph(List.of(b("HIỆU TRƯỞNG " + school)), BODY, Align.CENTER, 0);
            w.gap(BODY * 0.4f);
            w.gap(BODY * 0.2f);
            for (String basis : bases(d)) {
                w.paragraph(List.of(i(basis)), BODY, Align.JUSTIFY, INDENT);
                w.gap(BODY * 0.35f);
            }
            w.gap(BODY * 0.2f);
            w.paragraph(List.of(b("QUYẾT ĐỊNH:")), BODY, Align.CENTER, 0);
            w.gap(BODY * 0.5f);
            for (List<Run> article : articles(d)) {
                w.paragraph(article, BODY, Align.JUSTIFY, INDENT);
                w.gap(BODY * 0.45f);
            }
            signature(w, d);
            return w.bytes();
        }
    }

    /** Centred lines in a column, wrapped to its width; the widest line's width. */
    private static float column(PdfTextWriter w, String text, Face face, float size, float x, float width) {
        return w.lines(List.of(new Run(text, face)), size, x, width, Align.CENTER, 0);
    }

    /** Top left the authority and the school over the number; top right the national heading over place and date. */
    private static void header(PdfTextWriter w, Decision d, String school) {
        float top = w.y();
        // Left column.
        column(w, upper(d.authorityName()), Face.REGULAR, HEAD, LEFT, LEFT_COL_W);
        float schoolWidth = column(w, school, Face.BOLD, HEAD, LEFT, LEFT_COL_W);
        w.rule(LEFT + LEFT_COL_W / 2, w.y() - 3, Math.max(schoolWidth / 3, 40));
        w.gap(5);
        float leftBottom = w.y();
        // Right column: the national name in capitals, the motto under it with a rule as long as the motto.
        w.moveTo(top);
        String nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        float nationSize = Math.min(HEAD, HEAD * (RIGHT_COL_W - 4) / w.width(nation, Face.BOLD, HEAD));
        column(w, nation, Face.BOLD, nationSize, RIGHT_COL_X, RIGHT_COL_W);
        String motto = "Độc lập - Tự do - Hạnh phúc";
        float mottoWidth = column(w, motto, Face.BOLD, BODY, RIGHT_COL_X, RIGHT_COL_W);
        w.rule(RIGHT_COL_X + RIGHT_COL_W / 2, w.y() - 3, mottoWidth);
        w.gap(5);
        float rightBottom = w.y();
        // The number and the place and date share a line (Decree 30, boxes 3 and 4).
        float line = Math.min(leftBottom, rightBottom) - BODY * 0.5f;
        w.moveTo(line);
        column(w, nfc(d.numberText()), Face.REGULAR, BODY, LEFT, LEFT_COL_W);
        float numberBottom = w.y();
        w.moveTo(line);
        column(w, nfc(d.place()) + ", " + dateText(d.date()), Face.ITALIC, BODY, RIGHT_COL_X, RIGHT_COL_W);
        w.moveTo(Math.min(numberBottom, w.y()));
    }

    /** The legal bases, italic, each ending with a semicolon and the last with a full stop. */
    private static List<String> bases(Decision d) {
        String school = bodyName(d.schoolName());
        List<String> lines = new ArrayList<>();
        lines.add("Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;");
        if (d.grade() == 1) {
            lines.add("Căn cứ Thông tư số 28/2020/TT-BGDĐT ngày 04 tháng 9 năm 2020 của Bộ trưởng Bộ Giáo dục và Đào"
                    + " tạo ban hành Điều lệ Trường tiểu học;");
        } else if (d.grade() == 6 || d.grade() == 10) {
            lines.add("Căn cứ Thông tư số 30/2024/TT-BGDĐT ngày 30 tháng 12 năm 2024 của Bộ trưởng Bộ Giáo dục và"
                    + " Đào tạo ban hành Quy chế tuyển sinh trung học cơ sở và tuyển sinh trung học phổ thông;");
        }
        lines.add("Căn cứ kết quả xét tuyển vào lớp " + d.grade() + " năm học " + nfc(d.schoolYear()) + " của "
                + school + ";");
        lines.add("Theo đề nghị của Hội đồng tuyển sinh nhà trường.");
        return lines;
    }

    private static List<List<Run>> articles(Decision d) {
        String school = bodyName(d.schoolName());
        String year = nfc(d.schoolYear());
        List<List<Run>> articles = new ArrayList<>();
        articles.add(List.of(b("Điều 1. "), r("Công nhận học sinh "), b(nfc(d.childName())),
                r(", sinh ngày " + d.birthDate().format(VietnamTime.DAY) + ", giới tính: " + nfc(d.genderText())
                        + ", số định danh cá nhân: " + nfc(d.personalId()) + ", con ông/bà " + nfc(d.parentName())
                        + ", nơi cư trú: " + nfc(d.addressText()) + ", trúng tuyển vào lớp " + d.grade() + " của "
                        + school + " năm học " + year + ".")));
        articles.add(List.of(b("Điều 2. "), r("Cha mẹ hoặc người giám hộ của học sinh có tên tại Điều 1 có trách"
                + " nhiệm đưa học sinh đến nhập học và hoàn thiện hồ sơ nhập học theo thời gian và hướng dẫn của nhà"
                + " trường.")));
        articles.add(List.of(b("Điều 3. "), r("Quyết định này có hiệu lực kể từ ngày ký. Văn phòng nhà trường,"
                + " giáo viên chủ nhiệm lớp " + d.grade() + ", cha mẹ hoặc người giám hộ và học sinh có tên tại Điều 1"
                + " chịu trách nhiệm thi hành Quyết định này./.")));
        return articles;
    }

    /**
     * Bottom left "Nơi nhận", bottom right the signer's title, empty room for the signature, the signer's name; kept
     * together on one page.
     */
    private static void signature(PdfTextWriter w, Decision d) {
        List<String> titles = d.authorityLines().stream().map(AdmissionDecisionPdf::upper).toList();
        float needed = BODY * 0.8f + titles.size() * BODY * LEADING + SIGNATURE_SPACE + BODY * LEADING;
        w.gap(BODY * 0.8f);
        w.ensure(needed - BODY * 0.8f);
        float top = w.y();
        // Left: the recipients.
        w.line(List.of(new Run("Nơi nhận:", Face.BOLD_ITALIC)), 12, LEFT, LEFT_COL_W);
        for (String recipient : List.of("- Như Điều 3;", "- Lưu: VT.")) {
            w.line(List.of(r(recipient)), 11, LEFT, LEFT_COL_W);
        }
        // Right: the signer.
        w.moveTo(top);
        for (String t : titles) {
            column(w, t, Face.BOLD, BODY, RIGHT_COL_X, RIGHT_COL_W);
        }
        w.gap(SIGNATURE_SPACE);
        column(w, nfc(d.principalName()), Face.BOLD, BODY, RIGHT_COL_X, RIGHT_COL_W);
    }

    /**
     * "ngày 05 tháng 7 năm 2027": Decree 30 appendix I writes a leading zero for days under 10 and for months 1 and 2
     * only (so no digit can be put in front of them); March to December have none.
     */
    static String dateText(LocalDate date) {
        int day = date.getDayOfMonth();
        int month = date.getMonthValue();
        return "ngày " + (day < 10 ? "0" + day : String.valueOf(day)) + " tháng "
                + (month < 3 ? "0" + month : String.valueOf(month)) + " năm " + date.getYear();
    }

    /** The school's name as running text: as given if in mixed case, else "Trường THCS Hòa Bình" from capitals. */
    static String bodyName(String name) {
        String n = nfc(name).strip().replaceAll("\\s+", " ");
        if (!n.equals(n.toUpperCase(VI))) {
            return n;
        }
        StringBuilder out = new StringBuilder();
        for (String word : n.split(" ")) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            String base = Normalizer.normalize(word, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "");
            boolean abbreviation = base.length() > 1 && !base.matches(".*[AEIOUYaeiouy].*");
            out.append(abbreviation ? word : word.charAt(0) + word.substring(1).toLowerCase(VI));
        }
        return out.toString();
    }

    private static void validate(Decision d) {
        if (d == null) {
            throw new IllegalArgumentException("The decision is missing");
        }
        required("authorityName (cơ quan chủ quản)", d.authorityName());
        required("schoolName (tên trường)", d.schoolName());
        required("numberText (số, ký hiệu)", d.numberText());
        required("place (địa danh)", d.place());
        required("date (ngày ban hành)", d.date());
        required("schoolYear (năm học)", d.schoolYear());
        required("childName (họ tên học sinh)", d.childName());
        required("birthDate (ngày sinh)", d.birthDate());
        required("genderText (giới tính)", d.genderText());
        required("personalId (số định danh cá nhân)", d.personalId());
        required("parentName (họ tên cha mẹ)", d.parentName());
        required("addressText (nơi cư trú)", d.addressText());
        required("principalTitle (chức vụ người ký)", d.principalTitle());
        required("principalName (họ tên người ký)", d.principalName());
        if (d.grade() < 1 || d.grade() > 12) {
            throw new IllegalArgumentException("Decision: grade must be 1 to 12, was " + d.grade());
        }
        if (!d.birthDate().isBefore(d.date())) {
            throw new IllegalArgumentException("Decision: birthDate " + d.birthDate() + " is not before the date "
                    + d.date());
        }
    }

    private static void required(String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new IllegalArgumentException("Decision: " + field + " is required");
        }
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s.strip(), Normalizer.Form.NFC);
    }

    private static String upper(String s) {
        return nfc(s).replaceAll("\\s+", " ").toUpperCase(VI);
    }

    private static Run r(String text) {
        return Run.regular(text);
    }

    private static Run b(String text) {
        return Run.bold(text);
    }

    private static Run i(String text) {
        return Run.italic(text);
    }

    /**
     * One decision in the layout of Decree 30/2020/NĐ-CP. Every field is required; grade is 1 to 12.
     *
     * @param principalTitle the signer's title, e.g. "HIỆU TRƯỞNG"
     * @param signingBlock   the authority lines of the signing block, top to bottom, above the room for the
     *                       signature (signing.Authority#lines): "HIỆU TRƯỞNG"; "KT. HIỆU TRƯỞNG" over "PHÓ HIỆU
     *                       TRƯỞNG" when the vice-principal signs for the principal; "Q. HIỆU TRƯỞNG" for an acting
     *                       principal. Empty: made from {@code principalTitle}
     */
    public record Decision(String authorityName, String schoolName, String numberText, String place, LocalDate date,
                           String schoolYear, int grade, String childName, LocalDate birthDate, String genderText,
                           String personalId, String parentName, String addressText, String principalTitle,
                           String principalName, List<String> signingBlock) {

        public Decision {
            signingBlock = signingBlock == null ? List.of() : List.copyOf(signingBlock);
        }

        /** A decision whose signing block is made from the signer's title alone. */
        public Decision(String authorityName, String schoolName, String numberText, String place, LocalDate date,
                        String schoolYear, int grade, String childName, LocalDate birthDate, String genderText,
                        String personalId, String parentName, String addressText, String principalTitle,
                        String principalName) {
            this(authorityName, schoolName, numberText, place, date, schoolYear, grade, childName, birthDate,
                    genderText, personalId, parentName, addressText, principalTitle, principalName, List.of());
        }

        /**
         * The block's lines: as given, or from the title — a deputy's ("PHÓ …") signs for the principal
         * ("KT. HIỆU TRƯỞNG" over it), "Q. …" or "Quyền …" is the acting principal.
         */
        List<String> authorityLines() {
            if (!signingBlock.isEmpty()) {
                return signingBlock;
            }
            String title = upper(principalTitle);
            if (title.startsWith("PHÓ ")) {
                return List.of("KT. " + SIGNER_KEYWORD, title); // ký thay
            }
            if (title.startsWith("QUYỀN ")) {
                return List.of("Q. " + title.substring("QUYỀN ".length())); // quyền
            }
            return List.of(title);
        }
    }
}
