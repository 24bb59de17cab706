package vn.truongso.common;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import vn.truongso.common.VietnameseFont.Face;

/**
 * Writes Vietnamese text down A4 pages, for the documents we generate: the serif of {@link VietnameseFont#serif} in
 * its real faces (only the faces used are embedded, each as a subset, and every width is measured in the face it is
 * drawn in), greedy word wrap by measured width, left, centred or justified lines in any box, ruled tables, and a new
 * page when the next line would go into the bottom margin.
 * <p>
 * The writer owns its {@link PDDocument}: {@link #bytes()} saves it, {@link #close()} releases it. Not thread-safe;
 * one writer per document.
 */
public final class PdfTextWriter implements AutoCloseable {

    public static final float PAGE_W = PDRectangle.A4.getWidth();
    public static final float PAGE_H = PDRectangle.A4.getHeight();

    /**
     * The margins in points, the height a line of text of a size takes ({@code size × leading + extra}) and, when
     * above 0, the size of the page numbers printed from the second page on, centred in the top margin.
     */
    public record Layout(float top, float bottom, float left, float right, float leading, float extra,
                         float pageNumberSize) {

        public float contentWidth() {
            return PAGE_W - left - right;
        }

        float lineHeight(float size) {
            return size * leading + extra;
        }
    }

    public enum Align { LEFT, CENTER, JUSTIFY }

    /** A piece of text in one face. */
    public record Run(String text, Face face) {

        public static Run regular(String text) {
            return new Run(text, Face.REGULAR);
        }

        public static Run bold(String text) {
            return new Run(text, Face.BOLD);
        }

        public static Run italic(String text) {
            return new Run(text, Face.ITALIC);
        }
    }

    /** A word: pieces of text in their faces, no spaces inside. */
    private record Word(List<Run> pieces) {
    }

    private final PDDocument doc = new PDDocument();
    private final Layout layout;
    /** The faces used so far; only those are embedded. */
    private final Map<Face, PDType0Font> fonts = new EnumMap<>(Face.class);
    private PDPageContentStream cs;
    private int pages;
    private float y;

    public PdfTextWriter(Layout layout) {
        this.layout = layout;
        newPage();
    }

    /** The document's information dictionary (title, author…), to fill in. */
    public PDDocumentInformation info() {
        return doc.getDocumentInformation();
    }

    public Layout layout() {
        return layout;
    }

    /** Where the next line starts, from the bottom of the page. */
    public float y() {
        return y;
    }

    /** Moves the next line's top to {@code y}, e.g. back up to lay out a second column beside the first. */
    public void moveTo(float y) {
        this.y = y;
    }

    public void gap(float points) {
        y -= points;
    }

    /** Starts a new page unless {@code height} points fit on this one (e.g. a signer's block with room to sign). */
    public void ensure(float height) {
        if (y - height < layout.bottom()) {
            newPage();
        }
    }

    public float width(String text, Face face, float size) {
        try {
            return font(face).getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A paragraph over the full measure, first line indented; the widest line's width. */
    public float paragraph(List<Run> runs, float size, Align align, float indent) {
        return lines(runs, size, layout.left(), layout.contentWidth(), align, indent);
    }

    /**
     * Runs wrapped to a box {@code boxWidth} wide at {@code x}, first line indented; the last line of a justified
     * paragraph is set left. Answers the widest line's width.
     */
    public float lines(List<Run> runs, float size, float x, float boxWidth, Align align, float indent) {
        List<List<Word>> lines = wrap(words(runs), size, boxWidth, indent);
        float widest = 0;
        for (int n = 0; n < lines.size(); n++) {
            widest = Math.max(widest, lineWidth(lines.get(n), size));
            drawLine(lines.get(n), size, x, boxWidth, align, n == 0 ? indent : 0, n == lines.size() - 1);
        }
        return widest;
    }

    /** One unwrapped, left-aligned line in a box. */
    public void line(List<Run> runs, float size, float x, float boxWidth) {
        drawLine(words(runs), size, x, boxWidth, Align.LEFT, 0, true);
    }

    /** A horizontal rule centred on {@code centreX}. */
    public void rule(float centreX, float atY, float length) {
        try {
            cs.setLineWidth(0.6f);
            cs.moveTo(centreX - length / 2, atY);
            cs.lineTo(centreX + length / 2, atY);
            cs.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A table over the full measure with a shaded bold header row; columns get the given shares of the width, text
     * wraps inside cells, and a row that does not fit goes to the next page whole.
     */
    public void table(float[] shares, List<String[]> rows, float size) {
        float[] widths = new float[shares.length];
        for (int i = 0; i < shares.length; i++) {
            widths[i] = shares[i] * layout.contentWidth();
        }
        boolean header = true;
        y -= 4;
        for (String[] row : rows) {
            Face face = header ? Face.BOLD : Face.REGULAR;
            List<List<String>> cells = new ArrayList<>();
            int lines = 1;
            for (int i = 0; i < widths.length; i++) {
                List<String> w = wrap(i < row.length && row[i] != null ? row[i] : "", face, size, widths[i] - 6);
                cells.add(w);
                lines = Math.max(lines, w.size());
            }
            float h = lines * (size + 3) + 6;
            ensure(h);
            try {
                float x = layout.left();
                if (header) {
                    cs.setNonStrokingColor(new Color(230, 236, 245));
                    cs.addRect(layout.left(), y - h, layout.contentWidth(), h);
                    cs.fill();
                    cs.setNonStrokingColor(Color.BLACK);
                }
                for (int i = 0; i < widths.length; i++) {
                    cs.addRect(x, y - h, widths[i], h);
                    cs.setLineWidth(0.5f);
                    cs.stroke();
                    float ty = y - 3 - size;
                    for (String line : cells.get(i)) {
                        show(line, face, size, x + 3, ty);
                        ty -= size + 3;
                    }
                    x += widths[i];
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            y -= h;
            header = false;
        }
    }

    /** Text in one face wrapped to {@code max} points, as lines; a line break in the text starts a new line. */
    public List<String> wrap(String text, Face face, float size, float max) {
        List<String> out = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            for (List<Word> line : wrap(words(List.of(new Run(paragraph, face))), size, max, 0)) {
                StringBuilder b = new StringBuilder();
                for (Word word : line) {
                    if (!b.isEmpty()) {
                        b.append(' ');
                    }
                    word.pieces().forEach(p -> b.append(p.text()));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    /** Text at a baseline, unwrapped. */
    public void show(String text, Face face, float size, float x, float baseline) {
        try {
            cs.beginText();
            cs.setFont(font(face), size);
            cs.newLineAtOffset(x, baseline);
            cs.showText(text);
            cs.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current page's content stream, for drawings (bars, marks) beside the text. */
    public PDPageContentStream graphics() {
        return cs;
    }

    /** Ends the last page and saves the document. */
    public byte[] bytes() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            cs.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            doc.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PDType0Font font(Face face) {
        return fonts.computeIfAbsent(face, f -> VietnameseFont.serif(doc, f));
    }

    private void newPage() {
        try {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pages++;
        y = PAGE_H - layout.top();
        float size = layout.pageNumberSize();
        if (pages > 1 && size > 0) {
            String number = String.valueOf(pages);
            float x = layout.left() + (layout.contentWidth() - width(number, Face.REGULAR, size)) / 2;
            show(number, Face.REGULAR, size, x, PAGE_H - layout.top() / 2 - size / 2);
        }
    }

    private float width(Word word, float size) {
        float sum = 0;
        for (Run piece : word.pieces()) {
            sum += width(piece.text(), piece.face(), size);
        }
        return sum;
    }

    private static List<Word> words(List<Run> runs) {
        List<Word> words = new ArrayList<>();
        List<Run> pieces = new ArrayList<>();
        for (Run run : runs) {
            StringBuilder piece = new StringBuilder();
            for (char c : run.text().toCharArray()) {
                if (Character.isWhitespace(c)) {
                    if (!piece.isEmpty()) {
                        pieces.add(new Run(piece.toString(), run.face()));
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
                pieces.add(new Run(piece.toString(), run.face()));
            }
        }
        if (!pieces.isEmpty()) {
            words.add(new Word(List.copyOf(pieces)));
        }
        return words;
    }

    /** Greedy word wrap by measured width; a word wider than a line is cut between letters. */
    private List<List<Word>> wrap(List<Word> words, float size, float max, float indent) {
        float space = width(" ", Face.REGULAR, size);
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
                float w = width(ch, piece.face(), size);
                if (used + w > max && (used > 0)) {
                    if (!text.isEmpty()) {
                        pieces.add(new Run(text.toString(), piece.face()));
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
                pieces.add(new Run(text.toString(), piece.face()));
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
        return sum + Math.max(0, line.size() - 1) * width(" ", Face.REGULAR, size);
    }

    /**
     * Draws a line at the next baseline ({@code size} under the line's top). Words are drawn with the space that
     * follows them, so text extraction sees real spaces; justified lines get the extra room spread over the gaps.
     */
    private void drawLine(List<Word> line, float size, float x, float boxWidth, Align align, float indent,
                          boolean last) {
        float lineHeight = layout.lineHeight(size);
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
        float space = width(" ", Face.REGULAR, size);
        float cx = start;
        for (int n = 0; n < line.size(); n++) {
            List<Run> pieces = line.get(n).pieces();
            for (int p = 0; p < pieces.size(); p++) {
                Run piece = pieces.get(p);
                boolean trailing = n < line.size() - 1 && p == pieces.size() - 1;
                show(trailing ? piece.text() + " " : piece.text(), piece.face(), size, cx, baseline);
                cx += width(piece.text(), piece.face(), size);
            }
            cx += space + extra;
        }
    }
}
