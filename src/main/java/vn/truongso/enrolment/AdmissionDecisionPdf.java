package vn.truongso.enrolment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
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
 * drawn in.
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
    static final float PAGE_W = PDRectangle.A4.getWidth();
    static final float PAGE_H = PDRectangle.A4.getHeight();
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
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Writer w = new Writer(doc);
            String school = upper(d.schoolName());
            String title = "Quyết định về việc công nhận học sinh trúng tuyển vào lớp " + d.grade() + " năm học "
                    + nfc(d.schoolYear());
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title + " – " + nfc(d.childName()));
            info.setSubject(nfc(d.numberText()));
            info.setAuthor(school);
            info.setCreator("TruongSo – Trường Số");
            GregorianCalendar created = new GregorianCalendar(TimeZone.getTimeZone(VietnamTime.ZONE));
            created.setTimeInMillis(clock.millis());
            info.setCreationDate(created);

            header(w, d, school);
            w.gap(BODY * 1.2f);
            w.paragraph(List.of(b("QUYẾT ĐỊNH")), TITLE, Align.CENTER, 0, 0);
            float summaryTop = w.y;
            w.paragraph(List.of(b("Về việc công nhận học sinh trúng tuyển vào lớp " + d.grade() + " năm học "
                    + nfc(d.schoolYear()))), BODY, Align.CENTER, 0, 0);
            float summaryWidth = Math.min(CONTENT_W, w.width("Về việc công nhận học sinh trúng tuyển vào lớp "
                    + d.grade() + " năm học " + nfc(d.schoolYear()), Style.BOLD, BODY));
            if (summaryTop - w.y > BODY * LEADING * 1.5f) {
                summaryWidth = CONTENT_W; // wrapped: the rule goes under the widest line, the full measure
            }
            w.rule(LEFT + CONTENT_W / 2, w.y - 3, Math.max(summaryWidth / 3, 60));
            w.gap(5);
            w.gap(BODY * 1.0f);
            w.paragraph(List.of(b("HIỆU TRƯỞNG " + school)), BODY, Align.CENTER, 0, BODY * 0.4f);
            w.gap(BODY * 0.2f);
            for (String basis : bases(d)) {
                w.paragraph(List.of(i(basis)), BODY, Align.JUSTIFY, INDENT, BODY * 0.35f);
            }
            w.gap(BODY * 0.2f);
            w.paragraph(List.of(b("QUYẾT ĐỊNH:")), BODY, Align.CENTER, 0, BODY * 0.5f);
            for (List<Run> article : articles(d)) {
                w.paragraph(article, BODY, Align.JUSTIFY, INDENT, BODY * 0.45f);
            }
            signature(w, d);
            w.finish();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Top left the authority and the school over the number; top right the national heading over place and date. */
    private static void header(Writer w, Decision d, String school) throws IOException {
        float top = w.y;
        // Left column.
        w.y = top;
        w.columnLines(upper(d.authorityName()), Style.REGULAR, HEAD, LEFT, LEFT_COL_W);
        float schoolWidth = w.columnLines(school, Style.BOLD, HEAD, LEFT, LEFT_COL_W);
        w.rule(LEFT + LEFT_COL_W / 2, w.y - 3, Math.max(schoolWidth / 3, 40));
        w.gap(5);
        float leftBottom = w.y;
        // Right column: the national name in capitals, the motto under it with a rule as long as the motto.
        w.y = top;
        String nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        float nationSize = Math.min(HEAD, HEAD * (RIGHT_COL_W - 4) / w.width(nation, Style.BOLD, HEAD));
        w.columnLines(nation, Style.BOLD, nationSize, RIGHT_COL_X, RIGHT_COL_W);
        String motto = "Độc lập - Tự do - Hạnh phúc";
        float mottoWidth = w.columnLines(motto, Style.BOLD, BODY, RIGHT_COL_X, RIGHT_COL_W);
        w.rule(RIGHT_COL_X + RIGHT_COL_W / 2, w.y - 3, mottoWidth);
        w.gap(5);
        float rightBottom = w.y;
        // The number and the place and date share a line (Decree 30, boxes 3 and 4).
        float line = Math.min(leftBottom, rightBottom) - BODY * 0.5f;
        w.y = line;
        w.columnLines(nfc(d.numberText()), Style.REGULAR, BODY, LEFT, LEFT_COL_W);
        float numberBottom = w.y;
        w.y = line;
        w.columnLines(nfc(d.place()) + ", " + dateText(d.date()), Style.ITALIC, BODY, RIGHT_COL_X, RIGHT_COL_W);
        w.y = Math.min(numberBottom, w.y);
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
    private static void signature(Writer w, Decision d) throws IOException {
        List<String> titles = d.authorityLines().stream().map(AdmissionDecisionPdf::upper).toList();
        float needed = BODY * 0.8f + titles.size() * BODY * LEADING + SIGNATURE_SPACE + BODY * LEADING;
        w.gap(BODY * 0.8f);
        w.ensure(needed - BODY * 0.8f);
        float top = w.y;
        // Left: the recipients.
        w.line(List.of(new Run("Nơi nhận:", Style.BOLD_ITALIC)), 12, LEFT, LEFT_COL_W);
        for (String recipient : List.of("- Như Điều 3;", "- Lưu: VT.")) {
            w.line(List.of(r(recipient)), 11, LEFT, LEFT_COL_W);
        }
        // Right: the signer.
        w.y = top;
        for (String t : titles) {
            w.columnLines(t, Style.BOLD, BODY, RIGHT_COL_X, RIGHT_COL_W);
        }
        w.gap(SIGNATURE_SPACE);
        w.columnLines(nfc(d.principalName()), Style.BOLD, BODY, RIGHT_COL_X, RIGHT_COL_W);
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
        return new Run(text, Style.REGULAR);
    }

    private static Run b(String text) {
        return new Run(text, Style.BOLD);
    }

    private static Run i(String text) {
        return new Run(text, Style.ITALIC);
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

    private enum Style {
        REGULAR(Face.REGULAR), BOLD(Face.BOLD), ITALIC(Face.ITALIC), BOLD_ITALIC(Face.BOLD_ITALIC);

        private final Face face;

        Style(Face face) {
            this.face = face;
        }
    }

    private enum Align { LEFT, CENTER, JUSTIFY }

    private record Run(String text, Style style) {
    }

    /** A word: pieces of text in their styles, no spaces inside. */
    private record Word(List<Run> pieces) {
    }

    /**
     * Writes lines down the page from the top margin, starting a new page (numbered from the second, centred in the
     * top margin as Decree 30 asks) when the next line would go into the bottom margin.
     */
    private static final class Writer {

        private final PDDocument doc;
        /** The faces used so far; only those are embedded. */
        private final Map<Face, PDType0Font> fonts = new EnumMap<>(Face.class);
        private PDPageContentStream cs;
        private int pages;
        float y;

        Writer(PDDocument doc) throws IOException {
            this.doc = doc;
            newPage();
        }

        private PDType0Font font(Style style) {
            return fonts.computeIfAbsent(style.face, face -> VietnameseFont.serif(doc, face));
        }

        private void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            pages++;
            y = PAGE_H - TOP;
            if (pages > 1) {
                String number = String.valueOf(pages);
                show(number, Style.REGULAR, BODY, (PAGE_W + LEFT - RIGHT - width(number, Style.REGULAR, BODY)) / 2,
                        PAGE_H - TOP / 2 - BODY / 2);
            }
        }

        void ensure(float height) throws IOException {
            if (y - height < BOTTOM) {
                newPage();
            }
        }

        void gap(float points) {
            y -= points;
        }

        float width(String text, Style style, float size) {
            try {
                return font(style).getStringWidth(text) / 1000 * size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private float width(Word word, float size) {
            float sum = 0;
            for (Run piece : word.pieces()) {
                sum += width(piece.text(), piece.style(), size);
            }
            return sum;
        }

        /** Centred lines in a column, wrapped to its width; the widest line's width. */
        float columnLines(String text, Style style, float size, float x, float colWidth) throws IOException {
            float widest = 0;
            for (List<Word> line : wrap(words(List.of(new Run(text, style))), size, colWidth, 0)) {
                widest = Math.max(widest, lineWidth(line, size));
                drawLine(line, size, x, colWidth, Align.CENTER, 0, true);
            }
            return widest;
        }

        /** A paragraph over the full measure, first line indented; {@code after} points below it. */
        void paragraph(List<Run> runs, float size, Align align, float indent, float after) throws IOException {
            List<List<Word>> lines = wrap(words(runs), size, CONTENT_W, indent);
            for (int n = 0; n < lines.size(); n++) {
                drawLine(lines.get(n), size, LEFT, CONTENT_W, align, n == 0 ? indent : 0, n == lines.size() - 1);
            }
            y -= after;
        }

        /** One unwrapped line in a box. */
        void line(List<Run> runs, float size, float x, float boxWidth) throws IOException {
            drawLine(words(runs), size, x, boxWidth, Align.LEFT, 0, true);
        }

        void rule(float centreX, float atY, float length) throws IOException {
            cs.setLineWidth(0.6f);
            cs.moveTo(centreX - length / 2, atY);
            cs.lineTo(centreX + length / 2, atY);
            cs.stroke();
        }

        void finish() throws IOException {
            cs.close();
        }

        private static List<Word> words(List<Run> runs) {
            List<Word> words = new ArrayList<>();
            List<Run> pieces = new ArrayList<>();
            for (Run run : runs) {
                StringBuilder piece = new StringBuilder();
                for (char c : run.text().toCharArray()) {
                    if (Character.isWhitespace(c)) {
                        if (!piece.isEmpty()) {
                            pieces.add(new Run(piece.toString(), run.style()));
                            piece.setLength(0);
                        }
                        if (!pieces.isEmpty()) {
                            words.add(new Word(List.copyOf(pieces)));
                            pieces.clear();
                        }
                    } else {
                        piece.append(c);
                    }
                }
                if (!piece.isEmpty()) {
                    pieces.add(new Run(piece.toString(), run.style()));
                }
            }
            if (!pieces.isEmpty()) {
                words.add(new Word(List.copyOf(pieces)));
            }
            return words;
        }

        /** Greedy word wrap by measured width; a word wider than a line is cut between letters. */
        private List<List<Word>> wrap(List<Word> words, float size, float max, float indent) {
            float space = width(" ", Style.REGULAR, size);
            List<List<Word>> lines = new ArrayList<>();
            List<Word> line = new ArrayList<>();
            float used = 0;
            float room = max - indent;
            for (Word word : words) {
                for (Word part : splitToFit(word, size, max)) {
                    float w = width(part, size);
                    if (!line.isEmpty() && used + space + w > room) {
                        lines.add(line);
                        line = new ArrayList<>();
                        used = 0;
                        room = max;
                    }
                    used += (line.isEmpty() ? 0 : space) + w;
                    line.add(part);
                }
            }
            if (!line.isEmpty() || lines.isEmpty()) {
                lines.add(line);
            }
            return lines;
        }

        private List<Word> splitToFit(Word word, float size, float max) {
            if (width(word, size) <= max) {
                return List.of(word);
            }
            List<Word> parts = new ArrayList<>();
            List<Run> pieces = new ArrayList<>();
            float used = 0;
            for (Run piece : word.pieces()) {
                StringBuilder text = new StringBuilder();
                int i = 0;
                while (i < piece.text().length()) {
                    int cp = piece.text().codePointAt(i);
                    String ch = new String(Character.toChars(cp));
                    float w = width(ch, piece.style(), size);
                    if (used + w > max && (used > 0)) {
                        if (!text.isEmpty()) {
                            pieces.add(new Run(text.toString(), piece.style()));
                            text.setLength(0);
                        }
                        parts.add(new Word(List.copyOf(pieces)));
                        pieces.clear();
                        used = 0;
                    }
                    text.append(ch);
                    used += w;
                    i += Character.charCount(cp);
                }
                if (!text.isEmpty()) {
                    pieces.add(new Run(text.toString(), piece.style()));
                }
            }
            if (!pieces.isEmpty()) {
                parts.add(new Word(List.copyOf(pieces)));
            }
            return parts;
        }

        private float lineWidth(List<Word> line, float size) {
            float sum = 0;
            for (Word word : line) {
                sum += width(word, size);
            }
            return sum + Math.max(0, line.size() - 1) * width(" ", Style.REGULAR, size);
        }

        /**
         * Draws a line at the next baseline. Words are drawn with the space that follows them, so text extraction
         * sees real spaces; justified lines get the extra room spread over the gaps.
         */
        private void drawLine(List<Word> line, float size, float x, float boxWidth, Align align, float indent,
                              boolean last) throws IOException {
            float lineHeight = size * LEADING;
            ensure(lineHeight);
            float baseline = y - size;
            y -= lineHeight;
            float natural = lineWidth(line, size);
            float room = boxWidth - indent;
            float start = x + indent;
            float extra = 0;
            if (align == Align.CENTER) {
                start = x + Math.max(0, (boxWidth - natural) / 2);
            } else if (align == Align.JUSTIFY && !last && line.size() > 1 && natural < room) {
                extra = (room - natural) / (line.size() - 1);
            }
            float space = width(" ", Style.REGULAR, size);
            float cx = start;
            for (int n = 0; n < line.size(); n++) {
                List<Run> pieces = line.get(n).pieces();
                for (int p = 0; p < pieces.size(); p++) {
                    Run piece = pieces.get(p);
                    boolean trailing = n < line.size() - 1 && p == pieces.size() - 1;
                    show(trailing ? piece.text() + " " : piece.text(), piece.style(), size, cx, baseline);
                    cx += width(piece.text(), piece.style(), size);
                }
                cx += space + extra;
            }
        }

        private void show(String text, Style style, float size, float x, float baseline) throws IOException {
            cs.beginText();
            cs.setFont(font(style), size);
            cs.newLineAtOffset(x, baseline);
            cs.showText(text);
            cs.endText();
        }
    }
}
