package vn.truongso.signing;

import java.awt.geom.AffineTransform;
import java.awt.geom.GeneralPath;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * What a page already shows, so that a signature appearance can be put where nothing is: the box of every glyph, image,
 * stroked line and filled shape, and every annotation. Everything is kept in <em>display space</em>: the page as a
 * reader sees it after /Rotate, in points, origin at the bottom-left of the crop box, y up. "Under a heading" means
 * below it on the screen, whatever the page's rotation or the offset of its boxes.
 */
final class PageContent {

    /** One glyph: its text (upper case, NFD) and its box on the screen. */
    record Glyph(String text, Rectangle2D box) {
    }

    /** A fill at least this share of the page is a background (a coloured page), not content to avoid. */
    private static final double BACKGROUND_SHARE = 0.5;

    private final PDPage page;
    private final AffineTransform toDisplay;
    private final double width;
    private final double height;
    private final List<Glyph> glyphs = new ArrayList<>();
    private final List<Rectangle2D> shapes = new ArrayList<>();
    private final List<Rectangle2D> annotations = new ArrayList<>();
    private int[][] occupancy;

    private PageContent(PDPage page) {
        this.page = page;
        PDRectangle crop = page.getCropBox();
        int rotation = Math.floorMod(page.getRotation(), 360);
        boolean sideways = rotation == 90 || rotation == 270;
        this.width = sideways ? crop.getHeight() : crop.getWidth();
        this.height = sideways ? crop.getWidth() : crop.getHeight();
        // User space → display space: move the crop box to the origin, then turn it the way a viewer does (clockwise).
        AffineTransform t = new AffineTransform();
        switch (rotation) {
            case 90 -> t.setTransform(0, -1, 1, 0, 0, crop.getWidth());
            case 180 -> t.setTransform(-1, 0, 0, -1, crop.getWidth(), crop.getHeight());
            case 270 -> t.setTransform(0, 1, -1, 0, crop.getHeight(), 0);
            default -> t.setToIdentity();
        }
        t.translate(-crop.getLowerLeftX(), -crop.getLowerLeftY());
        this.toDisplay = t;
    }

    /** Reads the page's content stream (and the forms it draws) once. */
    static PageContent read(PDPage page) throws IOException {
        PageContent content = new PageContent(page);
        new Collector(content).processPage(page);
        for (PDAnnotation a : page.getAnnotations()) {
            PDRectangle r = a.getRectangle();
            if (r != null && r.getWidth() > 0 && r.getHeight() > 0 && !a.isHidden() && !a.isNoView()) {
                content.annotations.add(content.display(
                        new Rectangle2D.Float(r.getLowerLeftX(), r.getLowerLeftY(), r.getWidth(), r.getHeight())));
            }
        }
        return content;
    }

    double width() {
        return width;
    }

    double height() {
        return height;
    }

    List<Glyph> glyphs() {
        return glyphs;
    }

    /** Everything a signature appearance must not cover. */
    List<Rectangle2D> obstacles() {
        List<Rectangle2D> all = new ArrayList<>(glyphs.size() + shapes.size() + annotations.size());
        glyphs.forEach(g -> all.add(g.box()));
        all.addAll(shapes);
        all.addAll(annotations);
        return all;
    }

    /**
     * Whether a display-space rectangle lies on the page and touches nothing. Answered from a summed-area table of
     * the obstacles on a 1-point grid (built once), so searching thousands of places stays cheap on a busy page.
     */
    boolean isFree(Rectangle2D r) {
        if (r.getMinX() < 0 || r.getMinY() < 0 || r.getMaxX() > width || r.getMaxY() > height) {
            return false;
        }
        int[][] sums = occupancy();
        int x0 = (int) Math.floor(r.getMinX());
        int y0 = (int) Math.floor(r.getMinY());
        int x1 = Math.min(sums[0].length - 1, (int) Math.ceil(r.getMaxX()));
        int y1 = Math.min(sums.length - 1, (int) Math.ceil(r.getMaxY()));
        return sums[y1][x1] - sums[y0][x1] - sums[y1][x0] + sums[y0][x0] == 0;
    }

    private int[][] occupancy() {
        if (occupancy == null) {
            int w = (int) Math.ceil(width);
            int h = (int) Math.ceil(height);
            boolean[][] taken = new boolean[h][w];
            for (Rectangle2D o : obstacles()) {
                // Grid cells the obstacle overlaps; a box that only touches a cell's edge leaves the cell free.
                int x0 = Math.max(0, (int) Math.floor(o.getMinX()));
                int y0 = Math.max(0, (int) Math.floor(o.getMinY()));
                int x1 = Math.min(w, (int) Math.ceil(o.getMaxX()));
                int y1 = Math.min(h, (int) Math.ceil(o.getMaxY()));
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        taken[y][x] = true;
                    }
                }
            }
            int[][] sums = new int[h + 1][w + 1];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    sums[y + 1][x + 1] = (taken[y][x] ? 1 : 0) + sums[y][x + 1] + sums[y + 1][x] - sums[y][x];
                }
            }
            occupancy = sums;
        }
        return occupancy;
    }

    List<Rectangle2D> texts() {
        return glyphs.stream().map(Glyph::box).toList();
    }

    /** Drawn lines, shapes and images (a table's borders among them), and annotations: everything but text. */
    List<Rectangle2D> shapes() {
        List<Rectangle2D> all = new ArrayList<>(shapes);
        all.addAll(annotations);
        return all;
    }

    /** A user-space rectangle (an annotation's /Rect) in display space. */
    Rectangle2D toDisplay(PDRectangle user) {
        return display(new Rectangle2D.Float(user.getLowerLeftX(), user.getLowerLeftY(), user.getWidth(),
                user.getHeight()));
    }

    /** A display-space rectangle in the page's user space (where an annotation's /Rect lives). */
    PDRectangle toUser(Rectangle2D display) {
        try {
            Rectangle2D u = toDisplay.createInverse().createTransformedShape(display).getBounds2D();
            return new PDRectangle((float) u.getX(), (float) u.getY(), (float) u.getWidth(), (float) u.getHeight());
        } catch (java.awt.geom.NoninvertibleTransformException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The page's rotation, for turning the appearance upright. */
    int rotation() {
        return Math.floorMod(page.getRotation(), 360);
    }

    private Rectangle2D display(Rectangle2D user) {
        return toDisplay.createTransformedShape(user).getBounds2D();
    }

    private void addShape(Rectangle2D user) {
        Rectangle2D d = display(user);
        if (d.getWidth() * d.getHeight() >= BACKGROUND_SHARE * width * height) {
            return;
        }
        if (d.intersects(0, 0, width, height)) {
            shapes.add(d);
        }
    }

    /**
     * A page-sized image (a scan, a photographed form) is not content to avoid as a whole, or nothing could be signed
     * on a scanned page: its dark pixels are. Read at most about 600 pixels across, each cell of ink becomes an
     * obstacle (runs of cells along a row are merged).
     */
    private void inkOf(PDImage image, AffineTransform ctm) throws IOException {
        int subsampling = Math.max(1, (int) Math.ceil(Math.max(image.getWidth(), image.getHeight()) / 600.0));
        java.awt.image.BufferedImage pixels = image.getImage(null, subsampling);
        if (pixels == null) {
            return;
        }
        int cell = Math.max(1, pixels.getWidth() / 150);
        int w = pixels.getWidth();
        int h = pixels.getHeight();
        for (int cy = 0; cy < h; cy += cell) {
            int runStart = -1;
            for (int cx = 0; cx <= w; cx += cell) {
                boolean ink = cx < w && inked(pixels, cx, cy, Math.min(cell, w - cx), Math.min(cell, h - cy));
                if (ink && runStart < 0) {
                    runStart = cx;
                } else if (!ink && runStart >= 0) {
                    // Image space is the unit square, its first row at the top.
                    Rectangle2D unit = new Rectangle2D.Double((double) runStart / w, 1 - (double) (cy + cell) / h,
                            (double) (Math.min(cx, w) - runStart) / w, (double) cell / h);
                    shapes.add(display(ctm.createTransformedShape(unit).getBounds2D()));
                    runStart = -1;
                }
            }
        }
    }

    private static boolean inked(java.awt.image.BufferedImage img, int x0, int y0, int w, int h) {
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int rgb = img.getRGB(x, y);
                int luminance = (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
                if (luminance < 160) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Collects boxes; draws nothing. */
    private static final class Collector extends PDFGraphicsStreamEngine {
        private final PageContent content;
        private final GeneralPath path = new GeneralPath();
        /** Straight pieces of the current path, stroked one by one: a table's border is lines, not a filled box. */
        private final List<Rectangle2D> pieces = new ArrayList<>();
        private Point2D current = new Point2D.Float();
        private Point2D start = new Point2D.Float();

        Collector(PageContent content) {
            super(content.page);
            this.content = content;
        }

        @Override
        protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement)
                throws IOException {
            String unicode = font.toUnicode(code);
            // The em box from below the baseline to above the capitals: Vietnamese stacks tone marks up there.
            float advance = displacement.getX() > 0 ? displacement.getX() : 0.5f;
            GeneralPath em = new GeneralPath(new Rectangle2D.Float(0, -0.25f, advance, 1.25f));
            em.transform(textRenderingMatrix.createAffineTransform());
            Rectangle2D box = content.display(em.getBounds2D());
            if (box.getWidth() <= 0 || box.getHeight() <= 0) {
                return;
            }
            String text = unicode == null ? "" : Normalizer.normalize(unicode, Normalizer.Form.NFD)
                    .toUpperCase(Locale.ROOT);
            if (text.isBlank()) {
                return;
            }
            content.glyphs.add(new Glyph(text.strip(), box));
        }

        @Override
        public void drawImage(PDImage pdImage) throws IOException {
            AffineTransform ctm = getGraphicsState().getCurrentTransformationMatrix().createAffineTransform();
            Rectangle2D box = content.display(ctm.createTransformedShape(new Rectangle2D.Float(0, 0, 1, 1))
                    .getBounds2D());
            if (box.getWidth() * box.getHeight() < BACKGROUND_SHARE * content.width * content.height) {
                content.addShape(ctm.createTransformedShape(new Rectangle2D.Float(0, 0, 1, 1)).getBounds2D());
            } else {
                content.inkOf(pdImage, ctm);
            }
        }

        @Override
        public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
            moveTo((float) p0.getX(), (float) p0.getY());
            lineTo((float) p1.getX(), (float) p1.getY());
            lineTo((float) p2.getX(), (float) p2.getY());
            lineTo((float) p3.getX(), (float) p3.getY());
            closePath();
        }

        @Override
        public void moveTo(float x, float y) {
            path.moveTo(x, y);
            current = new Point2D.Float(x, y);
            start = current;
        }

        @Override
        public void lineTo(float x, float y) {
            path.lineTo(x, y);
            piece(current, new Point2D.Float(x, y));
            current = new Point2D.Float(x, y);
        }

        @Override
        public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
            GeneralPath curve = new GeneralPath();
            curve.moveTo(current.getX(), current.getY());
            curve.curveTo(x1, y1, x2, y2, x3, y3);
            path.curveTo(x1, y1, x2, y2, x3, y3);
            pieces.add(curve.getBounds2D());
            current = new Point2D.Float(x3, y3);
        }

        @Override
        public Point2D getCurrentPoint() {
            return current;
        }

        @Override
        public void closePath() {
            path.closePath();
            piece(current, start);
            current = start;
        }

        private void piece(Point2D a, Point2D b) {
            pieces.add(new Rectangle2D.Double(Math.min(a.getX(), b.getX()), Math.min(a.getY(), b.getY()),
                    Math.abs(a.getX() - b.getX()), Math.abs(a.getY() - b.getY())));
        }

        @Override
        public void endPath() {
            reset();
        }

        @Override
        public void strokePath() {
            // Half the line width on each side; the CTM scales it like everything else.
            Matrix ctm = getGraphicsState().getCurrentTransformationMatrix();
            double half = Math.max(0.5, getGraphicsState().getLineWidth() * Math.max(
                    Math.abs(ctm.getScalingFactorX()), Math.abs(ctm.getScalingFactorY())) / 2);
            for (Rectangle2D p : pieces) {
                content.addShape(new Rectangle2D.Double(p.getX() - half, p.getY() - half,
                        p.getWidth() + 2 * half, p.getHeight() + 2 * half));
            }
            reset();
        }

        @Override
        public void fillPath(int windingRule) {
            content.addShape(path.getBounds2D());
            reset();
        }

        @Override
        public void fillAndStrokePath(int windingRule) {
            content.addShape(path.getBounds2D());
            reset();
        }

        @Override
        public void clip(int windingRule) {
            // A clip changes what is visible, not what is drawn; the path itself is ended by the next operator.
        }

        @Override
        public void shadingFill(COSName shadingName) {
            // A shading fills the clip area: a background.
        }

        private void reset() {
            path.reset();
            pieces.clear();
        }
    }
}
