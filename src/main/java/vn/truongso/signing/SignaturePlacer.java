package vn.truongso.signing;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** Decides where a visible signature goes: the asked rectangle or under a keyword, never over another signature. */
final class SignaturePlacer {

    /** A page (0-based) and a rectangle on it. */
    record Spot(int pageIndex, PDRectangle rect) {
    }

    private static final float GAP = 4;
    private static final float MARGIN = 20;

    private SignaturePlacer() {
    }

    static Spot place(PDDocument doc, Appearance.Placement placement) throws IOException {
        Spot spot;
        if (placement instanceof Appearance.At at) {
            if (at.page() < 1 || at.page() > doc.getNumberOfPages()) {
                throw new IllegalArgumentException("Page " + at.page() + " does not exist");
            }
            spot = new Spot(at.page() - 1, new PDRectangle(at.x(), at.y(), at.width(), at.height()));
        } else {
            Appearance.NearKeyword near = (Appearance.NearKeyword) placement;
            spot = underKeyword(doc, near);
        }
        return avoidOthers(doc, spot);
    }

    private static Spot underKeyword(PDDocument doc, Appearance.NearKeyword near) throws IOException {
        String keyword = Normalizer.normalize(near.keyword(), Normalizer.Form.NFC);
        for (int i = doc.getNumberOfPages() - 1; i >= 0; i--) {
            List<TextPosition> hit = lastOccurrence(doc, i, keyword);
            if (hit != null) {
                PDRectangle box = doc.getPage(i).getCropBox();
                TextPosition first = hit.get(0);
                TextPosition last = hit.get(hit.size() - 1);
                float centre = (first.getXDirAdj() + last.getXDirAdj() + last.getWidthDirAdj()) / 2;
                // TextPosition's y grows downwards from the top of the page; PDF's upwards from the bottom.
                float baseline = box.getHeight() - first.getYDirAdj() + box.getLowerLeftY();
                float x = clamp(centre - near.width() / 2 + box.getLowerLeftX(), box.getLowerLeftX() + MARGIN,
                        box.getUpperRightX() - MARGIN - near.width());
                float y = Math.max(box.getLowerLeftY() + MARGIN, baseline - GAP - near.height());
                return new Spot(i, new PDRectangle(x, y, near.width(), near.height()));
            }
        }
        int last = doc.getNumberOfPages() - 1;
        PDRectangle box = doc.getPage(last).getCropBox();
        return new Spot(last, new PDRectangle(box.getUpperRightX() - MARGIN - near.width(),
                box.getLowerLeftY() + MARGIN, near.width(), near.height()));
    }

    private static List<TextPosition> lastOccurrence(PDDocument doc, int pageIndex, String keyword)
            throws IOException {
        List<TextPosition> glyphs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String s, List<TextPosition> positions) {
                for (TextPosition p : positions) {
                    for (char ignored : p.getUnicode().toCharArray()) {
                        glyphs.add(p);
                    }
                    text.append(p.getUnicode());
                }
            }

            @Override
            protected void writeWordSeparator() {
                glyphs.add(null);
                text.append(' ');
            }

            @Override
            protected void writeLineSeparator() {
                glyphs.add(null);
                text.append('\n');
            }
        };
        stripper.setSortByPosition(true);
        stripper.setStartPage(pageIndex + 1);
        stripper.setEndPage(pageIndex + 1);
        stripper.getText(doc);
        String page = Normalizer.normalize(text.toString(), Normalizer.Form.NFC);
        if (page.length() != text.length()) {
            // Decomposed text on the page: positions would not line up after normalising; search the raw text.
            page = text.toString();
            keyword = Normalizer.normalize(keyword, Normalizer.Form.NFD);
        }
        int at = page.lastIndexOf(keyword);
        if (at < 0) {
            return null;
        }
        return glyphs.subList(at, at + keyword.length()).stream().filter(p -> p != null).toList();
    }

    /**
     * The free place nearest to the wanted one: candidates on a grid of the box's size across the page, the wanted
     * place first, then by distance from it.
     */
    private static Spot avoidOthers(PDDocument doc, Spot spot) throws IOException {
        List<PDRectangle> taken = signatureRects(doc, spot.pageIndex());
        PDRectangle want = spot.rect();
        if (!overlapsAny(want, taken)) {
            return spot;
        }
        PDRectangle box = doc.getPage(spot.pageIndex()).getCropBox();
        float w = want.getWidth();
        float h = want.getHeight();
        List<PDRectangle> candidates = new ArrayList<>();
        for (float y = box.getLowerLeftY() + MARGIN; y + h <= box.getUpperRightY() - MARGIN; y += h + GAP) {
            for (float x = box.getLowerLeftX() + MARGIN; x + w <= box.getUpperRightX() - MARGIN; x += w + GAP) {
                candidates.add(new PDRectangle(x, y, w, h));
            }
            // The wanted column too, so a signature moves straight down or up when it can.
            candidates.add(new PDRectangle(want.getLowerLeftX(), y, w, h));
        }
        candidates.sort(java.util.Comparator.comparingDouble(c -> Math.hypot(
                c.getLowerLeftX() - want.getLowerLeftX(), c.getLowerLeftY() - want.getLowerLeftY())));
        for (PDRectangle c : candidates) {
            if (!overlapsAny(c, taken)) {
                return new Spot(spot.pageIndex(), c);
            }
        }
        throw new IllegalStateException("No free place for the signature on page " + (spot.pageIndex() + 1));
    }

    static List<PDRectangle> signatureRects(PDDocument doc, int pageIndex) throws IOException {
        List<PDRectangle> rects = new ArrayList<>();
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
        if (form == null) {
            return rects;
        }
        PDPage page = doc.getPage(pageIndex);
        for (PDField field : form.getFieldTree()) {
            if (field instanceof PDSignatureField sig) {
                for (PDAnnotationWidget w : sig.getWidgets()) {
                    boolean onPage = w.getPage() == null ? pageHas(page, w) : w.getPage().equals(page);
                    if (onPage && w.getRectangle() != null && w.getRectangle().getWidth() > 0) {
                        rects.add(w.getRectangle());
                    }
                }
            }
        }
        return rects;
    }

    private static boolean pageHas(PDPage page, PDAnnotationWidget widget) throws IOException {
        for (PDAnnotation a : page.getAnnotations()) {
            if (a.getCOSObject() == widget.getCOSObject()) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlapsAny(PDRectangle r, List<PDRectangle> others) {
        for (PDRectangle o : others) {
            boolean apart = r.getUpperRightX() <= o.getLowerLeftX() || o.getUpperRightX() <= r.getLowerLeftX()
                    || r.getUpperRightY() <= o.getLowerLeftY() || o.getUpperRightY() <= r.getLowerLeftY();
            if (!apart) {
                return true;
            }
        }
        return false;
    }

    private static float clamp(float v, float min, float max) {
        return Math.max(min, Math.min(max, v));
    }
}
