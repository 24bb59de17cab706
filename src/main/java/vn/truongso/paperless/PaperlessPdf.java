package vn.truongso.paperless;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import vn.truongso.common.VietnameseFont;
import vn.truongso.common.VietnameseFont.Face;

/**
 * A small A4 page writer for the paperless PDFs (certificate of completion, figures report): Vietnamese text in the
 * Times-compatible serif of {@link VietnameseFont#serif} (real bold and italic faces, each embedded as a subset and
 * measured in its own widths), wrapped to width, tables with ruled cells and a bold header row, bars. Starts a new
 * page when one is full.
 */
final class PaperlessPdf implements AutoCloseable {

    static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth();
    private static final float HEIGHT = PDRectangle.A4.getHeight();

    private final PDDocument doc = new PDDocument();
    /** The faces used so far; only those are embedded. */
    private final Map<Face, PDType0Font> fonts = new EnumMap<>(Face.class);
    private PDPageContentStream cs;
    private float y;

    PaperlessPdf(String title, String subject) {
        doc.getDocumentInformation().setTitle(title);
        doc.getDocumentInformation().setSubject(subject);
        doc.getDocumentInformation().setCreator("TruongSo – Trường Số");
        newPage();
    }

    static float contentWidth() {
        return WIDTH - 2 * MARGIN;
    }

    private void newPage() {
        try {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            y = HEIGHT - MARGIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void room(float needed) {
        if (y - needed < MARGIN) {
            newPage();
        }
    }

    private PDType0Font font(Face face) {
        return fonts.computeIfAbsent(face, f -> VietnameseFont.serif(doc, f));
    }

    float width(String text, Face face, float size) {
        try {
            return font(face).getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text centred on the page, wrapped if wider than it. */
    void centered(String text, float size, Face face) {
        for (String line : wrap(text, face, size, contentWidth())) {
            room(size + 6);
            y -= size + 4;
            show(line, face, (WIDTH - width(line, face, size)) / 2, y, size);
        }
    }

    /** A paragraph, wrapped to the page width. */
    void paragraph(String text, float size) {
        paragraph(text, size, Face.REGULAR);
    }

    void paragraph(String text, float size, Face face) {
        for (String line : wrap(text, face, size, contentWidth())) {
            room(size + 5);
            y -= size + 4;
            show(line, face, MARGIN, y, size);
        }
    }

    /** Bold text centred in the right half of the page, where Vietnamese documents put the signer's block. */
    void signerBlock(String text, float size) {
        float half = contentWidth() / 2;
        for (String line : wrap(text, Face.BOLD, size, half)) {
            room(size + 6);
            y -= size + 4;
            show(line, Face.BOLD, MARGIN + half + (half - width(line, Face.BOLD, size)) / 2, y, size);
        }
    }

    /** Starts a new page unless {@code points} fit on this one (e.g. a signer's block with room to sign). */
    void keep(float points) {
        room(points);
    }

    void gap(float points) {
        y -= points;
    }

    /** A table with a header row; columns get the given shares of the page width; text wraps inside cells. */
    void table(float[] shares, List<String[]> rows, float size) {
        float[] widths = new float[shares.length];
        for (int i = 0; i < shares.length; i++) {
            widths[i] = shares[i] * contentWidth();
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
            room(h);
            try {
                float x = MARGIN;
                if (header) {
                    cs.setNonStrokingColor(new Color(230, 236, 245));
                    cs.addRect(MARGIN, y - h, contentWidth(), h);
                    cs.fill();
                    cs.setNonStrokingColor(Color.BLACK);
                }
                for (int i = 0; i < widths.length; i++) {
                    cs.addRect(x, y - h, widths[i], h);
                    cs.setLineWidth(0.5f);
                    cs.stroke();
                    float ty = y - 3 - size;
                    for (String line : cells.get(i)) {
                        show(line, face, x + 3, ty, size);
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

    /** A horizontal bar chart of shares (0..1) with an optional target mark per bar. */
    void bars(List<String> labels, List<Double> values, List<Double> targets, float size) {
        float labelWidth = contentWidth() * 0.42f;
        float barMax = contentWidth() - labelWidth - 50;
        float barHeight = size + 4;
        try {
            for (int i = 0; i < labels.size(); i++) {
                List<String> label = wrap(labels.get(i), Face.REGULAR, size, labelWidth - 6);
                float h = Math.max(barHeight, label.size() * (size + 3)) + 8;
                room(h);
                float ty = y - size - 2;
                for (String line : label) {
                    show(line, Face.REGULAR, MARGIN, ty, size);
                    ty -= size + 3;
                }
                float x0 = MARGIN + labelWidth;
                cs.setStrokingColor(Color.GRAY);
                cs.addRect(x0, y - barHeight - 2, barMax, barHeight);
                cs.setLineWidth(0.5f);
                cs.stroke();
                Double v = values.get(i);
                if (v != null) {
                    cs.setNonStrokingColor(new Color(46, 125, 50));
                    cs.addRect(x0, y - barHeight - 2, (float) (barMax * Math.max(0, Math.min(1, v))), barHeight);
                    cs.fill();
                    cs.setNonStrokingColor(Color.BLACK);
                }
                Double t = targets.get(i);
                if (t != null) {
                    float tx = x0 + (float) (barMax * Math.min(1, t));
                    cs.setStrokingColor(new Color(198, 40, 40));
                    cs.setLineWidth(1.5f);
                    cs.moveTo(tx, y - barHeight - 5);
                    cs.lineTo(tx, y + 1);
                    cs.stroke();
                }
                cs.setStrokingColor(Color.BLACK);
                show(v == null ? "–" : percent(v), Face.REGULAR, x0 + barMax + 4, y - size - 2, size);
                y -= h;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", share * 100).replace('.', ',');
    }

    private void show(String text, Face face, float x, float atY, float size) {
        try {
            cs.beginText();
            cs.setFont(font(face), size);
            cs.newLineAtOffset(x, atY);
            cs.showText(text);
            cs.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Greedy word wrap by the widths of {@code face}; a word wider than a line stands alone on it. */
    private List<String> wrap(String text, Face face, float size, float max) {
        List<String> lines = new ArrayList<>();
        for (String para : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, face, size) <= max || line.isEmpty()) {
                    line.setLength(0);
                    line.append(candidate);
                } else {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    byte[] bytes() {
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
}
