package vn.truongso.signing;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A page's glyphs as a reader takes them: lines from the top, and within a line <em>runs</em> of text that stand
 * together (a wide gap starts a new run: the next column of a table, the next heading beside this one).
 */
final class Runs {

    /** Text without white space, one entry in {@code glyphOf} per character, and the line (0 = top) it is on. */
    record Run(int line, String text, List<Rectangle2D> glyphOf) {

        Rectangle2D box() {
            return box(0, text.length());
        }

        /** The union of the glyph boxes of characters [from, to). */
        Rectangle2D box(int from, int to) {
            Rectangle2D box = (Rectangle2D) glyphOf.get(from).clone();
            for (int i = from + 1; i < to; i++) {
                box.add(glyphOf.get(i));
            }
            return box;
        }
    }

    /** A gap wider than this many glyph heights separates two runs. */
    private static final double RUN_GAP = 1.2;

    private Runs() {
    }

    static List<Run> of(List<PageContent.Glyph> glyphs) {
        List<PageContent.Glyph> sorted = new ArrayList<>(glyphs);
        sorted.sort(Comparator.comparingDouble((PageContent.Glyph g) -> -g.box().getCenterY()));
        List<List<PageContent.Glyph>> lines = new ArrayList<>();
        List<PageContent.Glyph> line = null;
        double lineCentre = 0;
        for (PageContent.Glyph g : sorted) {
            double centre = g.box().getCenterY();
            if (line == null || lineCentre - centre > g.box().getHeight() / 2) {
                line = new ArrayList<>();
                lines.add(line);
                lineCentre = centre;
            }
            line.add(g);
        }
        List<Run> runs = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            List<PageContent.Glyph> l = lines.get(n);
            l.sort(Comparator.comparingDouble(g -> g.box().getMinX()));
            StringBuilder text = new StringBuilder();
            List<Rectangle2D> glyphOf = new ArrayList<>();
            double lastRight = Double.NaN;
            for (PageContent.Glyph g : l) {
                boolean gap = !Double.isNaN(lastRight) && g.box().getMinX() - lastRight > RUN_GAP * g.box().getHeight();
                if (gap && !text.isEmpty()) {
                    runs.add(new Run(n, text.toString(), glyphOf));
                    text = new StringBuilder();
                    glyphOf = new ArrayList<>();
                }
                String t = SignaturePlacer.squeeze(g.text());
                for (int i = 0; i < t.length(); i++) {
                    glyphOf.add(g.box());
                }
                text.append(t);
                lastRight = Double.isNaN(lastRight) ? g.box().getMaxX() : Math.max(lastRight, g.box().getMaxX());
            }
            if (!text.isEmpty()) {
                runs.add(new Run(n, text.toString(), glyphOf));
            }
        }
        return runs;
    }
}
