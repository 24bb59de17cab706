package vn.truongso.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import vn.truongso.common.VietnameseFont;

/**
 * The lines of a signature appearance laid out in a box: the largest size from 9 pt down to 7 pt (still readable on
 * paper) at which they fit, wrapped at spaces where the box is narrow. Placement asks {@link #fits} before it shrinks
 * an appearance, so an appearance never gets smaller than its text allows.
 */
final class AppearanceText {

    static final float PADDING = 4;
    static final float LEADING = 1.25f;
    static final float LARGEST = 9f;
    static final float SMALLEST_READABLE = 7f;

    /** Lines at a size. */
    record Layout(List<String> lines, float size) {
    }

    private final List<String> lines;
    private final boolean withImage;

    AppearanceText(List<String> lines, boolean withImage) {
        this.lines = lines;
        this.withImage = withImage;
    }

    boolean withImage() {
        return withImage;
    }

    /** The width an image (seal, signature) takes beside the text: at most a third of the box. */
    static float imageWidth(float boxWidth, float imageHeight, int pixelsWide, int pixelsHigh) {
        return Math.min(boxWidth / 3, imageHeight * pixelsWide / Math.max(1f, pixelsHigh));
    }

    /** Whether the lines fit a box of this size at a readable size. */
    boolean fits(float width, float height) {
        try (VietnameseFont.Sans sans = VietnameseFont.sans(); PDDocument scratch = new PDDocument()) {
            PDType0Font font = sans.embed(scratch);
            float textWidth = width - 2 * PADDING - (withImage ? width / 3 + PADDING : 0);
            return textWidth > 0 && fitsAt(font, SMALLEST_READABLE, textWidth, height - 2 * PADDING) != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The largest readable layout; below 7 pt only if the box was given by coordinates and is simply too small. */
    Layout layout(PDType0Font font, float width, float height) throws IOException {
        for (float size = LARGEST; size >= 4f; size -= 0.5f) {
            List<String> wrapped = fitsAt(font, size, width, height);
            if (wrapped != null) {
                return new Layout(wrapped, size);
            }
        }
        return new Layout(lines, 4f);
    }

    private List<String> fitsAt(PDType0Font font, float size, float width, float height) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (!wrap(font, size, width, line, out)) {
                return null;
            }
        }
        return out.size() * size * LEADING <= height ? out : null;
    }

    /** Greedy wrapping at spaces; false when a single word is wider than the box. */
    private static boolean wrap(PDType0Font font, float size, float width, String line, List<String> out)
            throws IOException {
        StringBuilder current = new StringBuilder();
        for (String word : line.split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (width(font, size, candidate) <= width) {
                current = new StringBuilder(candidate);
            } else if (current.isEmpty()) {
                return false;
            } else {
                out.add(current.toString());
                if (width(font, size, word) > width) {
                    return false;
                }
                current = new StringBuilder(word);
            }
        }
        out.add(current.toString());
        return true;
    }

    private static float width(PDType0Font font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }
}
