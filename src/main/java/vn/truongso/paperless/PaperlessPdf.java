package vn.truongso.paperless;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import vn.truongso.common.PdfTextWriter;
import vn.truongso.common.PdfTextWriter.Align;
import vn.truongso.common.PdfTextWriter.Layout;
import vn.truongso.common.PdfTextWriter.Run;
import vn.truongso.common.VietnameseFont.Face;

/**
 * The paperless PDFs' page style (certificate of completion, figures report) on top of {@link PdfTextWriter}:
 * 50-point margins, text wrapped to width with hard line breaks kept, tables, a signer's block on the right half,
 * and the bar chart of the figures report.
 */
final class PaperlessPdf implements AutoCloseable {

    static final float MARGIN = 50;
    /** Lines of {@code size} take {@code size + 4} points. */
    private static final Layout LAYOUT = new Layout(MARGIN, MARGIN, MARGIN, MARGIN, 1, 4, 0);

    private final PdfTextWriter w = new PdfTextWriter(LAYOUT);

    PaperlessPdf(String title, String subject) {
        w.info().setTitle(title);
        w.info().setSubject(subject);
        w.info().setCreator("TruongSo – Trường Số");
    }

    static float contentWidth() {
        return LAYOUT.contentWidth();
    }

    /** Text centred on the page, wrapped if wider than it. */
    void centered(String text, float size, Face face) {
        lines(text, face, size, MARGIN, contentWidth(), Align.CENTER);
    }

    /** A paragraph, wrapped to the page width. */
    void paragraph(String text, float size) {
        paragraph(text, size, Face.REGULAR);
    }

    void paragraph(String text, float size, Face face) {
        lines(text, face, size, MARGIN, contentWidth(), Align.LEFT);
    }

    /** Bold text centred in the right half of the page, where Vietnamese documents put the signer's block. */
    void signerBlock(String text, float size) {
        float half = contentWidth() / 2;
        lines(text, Face.BOLD, size, MARGIN + half, half, Align.CENTER);
    }

    private void lines(String text, Face face, float size, float x, float width, Align align) {
        for (String para : text.split("\n", -1)) {
            w.lines(List.of(new Run(para, face)), size, x, width, align, 0);
        }
    }

    /** Starts a new page unless {@code points} fit on this one (e.g. a signer's block with room to sign). */
    void keep(float points) {
        w.ensure(points);
    }

    void gap(float points) {
        w.gap(points);
    }

    /** A table with a header row; columns get the given shares of the page width; text wraps inside cells. */
    void table(float[] shares, List<String[]> rows, float size) {
        w.table(shares, rows, size);
    }

    /** A horizontal bar chart of shares (0..1) with an optional target mark per bar. */
    void bars(List<String> labels, List<Double> values, List<Double> targets, float size) {
        float labelWidth = contentWidth() * 0.42f;
        float barMax = contentWidth() - labelWidth - 50;
        float barHeight = size + 4;
        try {
            for (int i = 0; i < labels.size(); i++) {
                List<String> label = w.wrap(labels.get(i), Face.REGULAR, size, labelWidth - 6);
                float h = Math.max(barHeight, label.size() * (size + 3)) + 8;
                w.ensure(h);
                float y = w.y();
                float ty = y - size - 2;
                for (String line : label) {
                    w.show(line, Face.REGULAR, size, MARGIN, ty);
                    ty -= size + 3;
                }
                PDPageContentStream cs = w.graphics();
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
                w.show(v == null ? "–" : percent(v), Face.REGULAR, size, x0 + barMax + 4, y - size - 2);
                w.gap(h);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100).replace('.', ',');
    }

    byte[] bytes() {
        return w.bytes();
    }

    @Override
    public void close() {
        w.close();
    }
}
