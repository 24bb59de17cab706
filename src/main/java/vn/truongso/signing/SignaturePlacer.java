package vn.truongso.signing;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Decides where a visible signature goes: in the free space under its heading (the keyword's last occurrence), never
 * over the document's own text, lines, images or another signature. How it decides, in order:
 * <ol>
 * <li>the heading's <em>block</em>: its column (up to the neighbouring heading's midpoint or a table border) and the
 * empty band below it down to the next thing drawn in that column;</li>
 * <li>the appearance at its full size at the top of that band, centred under the heading; if the band is smaller,
 * shrunk to fit as long as its text stays readable ({@link Fit});</li>
 * <li>else the nearest free place on the same page, then on the last page;</li>
 * <li>else no visible appearance at all (the signature is still valid) rather than one over the text.</li>
 * </ol>
 * Everything is computed in display space ({@link PageContent}), so a rotated page or one whose boxes do not start at
 * 0,0 is treated as a reader sees it.
 */
final class SignaturePlacer {

    /** Whether an appearance of this size can show its lines at a readable size. */
    @FunctionalInterface
    interface Fit {
        boolean fits(float width, float height);
    }

    /**
     * A page (0-based), a rectangle in that page's user space, the page's rotation (to turn the appearance upright)
     * and, in Vietnamese, where it went and why. An empty rectangle means no visible appearance.
     */
    record Spot(int pageIndex, PDRectangle rect, int rotation, String note) {
        boolean visible() {
            return rect.getWidth() > 0 && rect.getHeight() > 0;
        }
    }

    private static final double GAP = 3;
    private static final double MARGIN = 18;
    private static final double STEP = 4;

    private SignaturePlacer() {
    }

    static Spot place(PDDocument doc, Appearance.Placement placement, Fit fit) throws IOException {
        if (placement instanceof Appearance.At at) {
            if (at.page() < 1 || at.page() > doc.getNumberOfPages()) {
                throw new IllegalArgumentException("Page " + at.page() + " does not exist");
            }
            int index = at.page() - 1;
            PageContent page = PageContent.read(doc.getPage(index));
            PDRectangle user = new PDRectangle(at.x(), at.y(), at.width(), at.height());
            Rectangle2D wanted = page.toDisplay(user);
            if (page.isFree(wanted)) {
                return new Spot(index, user, page.rotation(), "Tại vị trí đã chọn, trang " + at.page() + ".");
            }
            return nearestFree(doc, index, page, wanted, fit, "Vị trí đã chọn có nội dung");
        }
        Appearance.NearKeyword near = (Appearance.NearKeyword) placement;
        Pages pages = new Pages(doc);
        KeywordHit hit = null;
        for (String keyword : near.keywords()) {
            hit = lastOccurrence(pages, keyword);
            if (hit != null) {
                break;
            }
        }
        if (hit == null) {
            int last = doc.getNumberOfPages() - 1;
            PageContent page = pages.content(last);
            Rectangle2D corner = new Rectangle2D.Double(page.width() - MARGIN - near.width(), MARGIN, near.width(),
                    near.height());
            return nearestFree(doc, last, page, corner, fit,
                    "Không tìm thấy «" + String.join("» hay «", near.keywords()) + "»");
        }
        PageContent page = hit.page();
        List<Rectangle2D> obstacles = page.obstacles();
        Rectangle2D key = hit.box();
        double[] column = column(page, key);
        double bandTop = key.getMinY() - GAP;
        double bandBottom = MARGIN;
        for (Rectangle2D o : obstacles) {
            boolean inColumn = o.getMaxX() > column[0] + 0.5 && o.getMinX() < column[1] - 0.5;
            if (inColumn && o.getMaxY() <= key.getMinY() + 0.5 && o.getMaxY() > bandBottom) {
                bandBottom = o.getMaxY() + GAP;
            }
        }
        double w = Math.min(near.width(), column[1] - column[0]);
        double h = Math.min(near.height(), bandTop - bandBottom);
        String where = "«" + hit.keyword() + "», trang " + (hit.pageIndex() + 1);
        if (w > 0 && h > 0 && fit.fits((float) w, (float) h)) {
            double x = clamp(key.getCenterX() - w / 2, column[0], column[1] - w);
            Rectangle2D r = new Rectangle2D.Double(x, bandTop - h, w, h);
            if (page.isFree(r)) {
                boolean shrunk = w < near.width() || h < near.height();
                return new Spot(hit.pageIndex(), page.toUser(r), page.rotation(), (shrunk
                        ? "Dưới " + where + ", thu nhỏ cho vừa khoảng trống."
                        : "Dưới " + where + "."));
            }
        }
        Rectangle2D wanted = new Rectangle2D.Double(key.getCenterX() - near.width() / 2, bandTop - near.height(),
                near.width(), near.height());
        return nearestFree(doc, hit.pageIndex(), page, wanted, fit, "Không đủ chỗ dưới " + where);
    }

    /**
     * The heading's column: up to halfway to the next heading on its line (side-by-side headings share the space
     * between them), or up to a border line crossing it, within the margins of what the page shows.
     */
    private static double[] column(PageContent page, Rectangle2D key) {
        // Within the document's own margins, taken as equal on both sides (a ragged right edge is not a margin).
        double contentLeft = page.obstacles().stream().mapToDouble(Rectangle2D::getMinX).min().orElse(0);
        double contentRight = page.obstacles().stream().mapToDouble(Rectangle2D::getMaxX).max().orElse(page.width());
        double margin = Math.max(MARGIN, Math.min(contentLeft, page.width() - contentRight));
        double left = Math.min(margin, key.getMinX());
        double right = Math.max(page.width() - margin, key.getMaxX());
        for (Runs.Run run : Runs.of(page.glyphs())) {
            Rectangle2D o = run.box();
            if (o.getMaxY() > key.getMinY() && o.getMinY() < key.getMaxY() && !key.contains(o)) {
                // Side-by-side headings stand centred in their cells: the cells meet halfway between the centres.
                double between = (o.getCenterX() + key.getCenterX()) / 2;
                if (o.getMaxX() <= key.getMinX() + 0.5) {
                    left = Math.max(left, Math.max(between, o.getMaxX()) + GAP / 2);
                } else if (o.getMinX() >= key.getMaxX() - 0.5) {
                    right = Math.min(right, Math.min(between, o.getMinX()) - GAP / 2);
                }
            }
        }
        for (Rectangle2D o : page.shapes()) {
            if (o.getMaxY() > key.getMinY() && o.getMinY() < key.getMaxY()) {
                if (o.getMaxX() <= key.getMinX() + 0.5) {
                    left = Math.max(left, o.getMaxX() + GAP);
                } else if (o.getMinX() >= key.getMaxX() - 0.5) {
                    right = Math.min(right, o.getMinX() - GAP);
                }
            }
        }
        return new double[] {left, right};
    }

    /**
     * The free place nearest to the wanted one: full size first, then smaller down to what {@code fit} still accepts,
     * on this page and then on the last page; else an invisible appearance.
     */
    private static Spot nearestFree(PDDocument doc, int pageIndex, PageContent page, Rectangle2D wanted, Fit fit,
                                    String why) throws IOException {
        Rectangle2D r = nearestFree(page, wanted, fit);
        if (r != null) {
            return new Spot(pageIndex, page.toUser(r), page.rotation(),
                    why + ": đặt ở chỗ trống gần nhất, trang " + (pageIndex + 1) + ".");
        }
        int last = doc.getNumberOfPages() - 1;
        if (last != pageIndex) {
            PageContent lastPage = PageContent.read(doc.getPage(last));
            Rectangle2D corner = new Rectangle2D.Double(lastPage.width() - MARGIN - wanted.getWidth(), MARGIN,
                    wanted.getWidth(), wanted.getHeight());
            r = nearestFree(lastPage, corner, fit);
            if (r != null) {
                return new Spot(last, lastPage.toUser(r), lastPage.rotation(),
                        why + ": trang " + (pageIndex + 1) + " hết chỗ trống, đặt ở trang cuối.");
            }
        }
        return new Spot(pageIndex, new PDRectangle(0, 0, 0, 0), page.rotation(),
                why + ": không còn chỗ trống nào, chữ ký không có hình hiển thị (vẫn hợp lệ).");
    }

    private static Rectangle2D nearestFree(PageContent page, Rectangle2D wanted, Fit fit) {
        for (double scale = 1.0; scale > 0.2; scale -= 0.1) {
            double w = wanted.getWidth() * scale;
            double h = wanted.getHeight() * scale;
            if (!fit.fits((float) w, (float) h)) {
                break;
            }
            // The first free candidate (in scan order) at the smallest distance: what a stable sort by distance
            // would put first, without collecting and sorting every free spot (thousands on an empty page).
            double cx = wanted.getCenterX();
            double top = wanted.getMaxY();
            Rectangle2D nearest = null;
            double nearestDistance = 0;
            for (double y = MARGIN; y + h <= page.height() - MARGIN; y += STEP) {
                for (double x = MARGIN; x + w <= page.width() - MARGIN; x += STEP) {
                    Rectangle2D c = new Rectangle2D.Double(x, y, w, h);
                    if (page.isFree(c)) {
                        double d = Math.hypot(c.getCenterX() - cx, c.getMaxY() - top);
                        if (nearest == null || Double.compare(d, nearestDistance) < 0) {
                            nearest = c;
                            nearestDistance = d;
                        }
                    }
                }
            }
            if (nearest != null) {
                return nearest;
            }
        }
        return null;
    }

    /** The keyword's last occurrence in reading order, from the last page back, and the page it is on. */
    private record KeywordHit(String keyword, int pageIndex, PageContent page, Rectangle2D box) {
    }

    /** Each page read (and cut into runs) once, however many keywords are looked for. */
    private static final class Pages {
        private final PDDocument doc;
        private final Map<Integer, PageContent> contents = new HashMap<>();
        private final Map<Integer, List<Runs.Run>> runs = new HashMap<>();

        Pages(PDDocument doc) {
            this.doc = doc;
        }

        PageContent content(int index) throws IOException {
            PageContent c = contents.get(index);
            if (c == null) {
                c = PageContent.read(doc.getPage(index));
                contents.put(index, c);
            }
            return c;
        }

        List<Runs.Run> runs(int index) throws IOException {
            List<Runs.Run> r = runs.get(index);
            if (r == null) {
                r = Runs.of(content(index).glyphs());
                runs.put(index, r);
            }
            return r;
        }
    }

    /**
     * Finds the keyword in the page's glyphs, ignoring white space and case: headings are often laid out with extra
     * spaces or split over two lines ("DUYỆT CỦA" / "HIỆU TRƯỞNG"). A heading continues on the next line only where
     * that line's text stands under it. A heading that opens a block with the signer's title under it ("KT. HIỆU
     * TRƯỞNG" over "PHÓ HIỆU TRƯỞNG") takes that title line into the heading.
     */
    private static KeywordHit lastOccurrence(Pages pages, String keyword) throws IOException {
        String wanted = squeeze(Normalizer.normalize(keyword, Normalizer.Form.NFD).toUpperCase(Locale.ROOT));
        if (wanted.isEmpty()) {
            return null;
        }
        for (int i = pages.doc.getNumberOfPages() - 1; i >= 0; i--) {
            List<Runs.Run> runs = pages.runs(i);
            Rectangle2D box = lastOccurrence(runs, wanted);
            if (box != null) {
                if (Authority.hasTitleLineUnder(keyword)) {
                    box = withTitleLine(runs, box);
                }
                return new KeywordHit(keyword, i, pages.content(i), box);
            }
        }
        return null;
    }

    /**
     * The heading with the line right under it that stands under it (within one line's height): the signer's own
     * title in a "KT." or "TM." block. A line further down (the signer's name after the room for the signature) is
     * not part of it.
     */
    static Rectangle2D withTitleLine(List<Runs.Run> runs, Rectangle2D heading) {
        double lineHeight = Double.MAX_VALUE;
        for (Runs.Run run : runs) {
            if (heading.contains(run.box())) {
                for (Rectangle2D g : run.glyphOf()) {
                    lineHeight = Math.min(lineHeight, g.getHeight());
                }
            }
        }
        if (lineHeight == Double.MAX_VALUE) {
            return heading;
        }
        Rectangle2D title = null;
        for (Runs.Run run : runs) {
            Rectangle2D b = run.box();
            double gap = heading.getMinY() - b.getMaxY();
            boolean under = b.getMaxX() > heading.getMinX() && b.getMinX() < heading.getMaxX();
            if (!under || gap < -0.5 || gap > lineHeight) {
                continue;
            }
            if (title == null || b.getMaxY() > title.getMaxY() + 0.5) {
                title = (Rectangle2D) b.clone(); // a nearer line
            } else if (Math.abs(b.getMaxY() - title.getMaxY()) <= 0.5) {
                title.add(b); // the same line, in pieces
            }
        }
        return title == null ? heading : heading.createUnion(title);
    }

    private static Rectangle2D lastOccurrence(List<Runs.Run> runs, String wanted) {
        Rectangle2D best = null;
        for (int r = 0; r < runs.size(); r++) {
            Runs.Run run = runs.get(r);
            for (int at = run.text().indexOf(wanted.charAt(0)); at >= 0; at = run.text().indexOf(wanted.charAt(0),
                    at + 1)) {
                Rectangle2D box = match(runs, r, at, wanted);
                if (box != null && (best == null || box.getMinY() < best.getMinY() - 0.5
                        || (Math.abs(box.getMinY() - best.getMinY()) <= 0.5 && box.getMinX() > best.getMinX()))) {
                    best = box;
                }
            }
        }
        return best;
    }

    /**
     * The box of the heading holding the keyword when it starts at {@code at} of run {@code r} (possibly going on in
     * runs below), or null. The whole heading, not just the keyword: "HIỆU TRƯỞNG" in "DUYỆT CỦA HIỆU TRƯỞNG" is
     * placed under the middle of the heading, and the rest of the heading is not a neighbour.
     */
    private static Rectangle2D match(List<Runs.Run> runs, int r, int at, String wanted) {
        Runs.Run run = runs.get(r);
        String rest = run.text().substring(at);
        if (rest.startsWith(wanted)) {
            return run.box();
        }
        if (!wanted.startsWith(rest)) {
            return null;
        }
        Rectangle2D head = run.box();
        String remaining = wanted.substring(rest.length());
        for (int n = r + 1; n < runs.size(); n++) {
            Runs.Run below = runs.get(n);
            boolean nextLine = below.line() == run.line() + 1;
            boolean under = below.box().getMaxX() > head.getMinX() && below.box().getMinX() < head.getMaxX();
            if (nextLine && under) {
                Rectangle2D tail = match(runs, n, 0, remaining);
                if (tail != null) {
                    return head.createUnion(tail);
                }
            }
        }
        return null;
    }

    static String squeeze(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
