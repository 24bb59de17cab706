package vn.truongso.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The font for every text a user reads in a PDF we write: Liberation Sans, shipped inside PDFBox, which has every
 * Vietnamese letter and tone mark. Its bytes are read from the jar once; each document parses them from memory and
 * embeds only the glyphs it uses (PDFBox closes a parsed font after subsetting it, so a parsed font cannot be shared).
 */
public final class VietnameseFont {

    private static final String SOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final byte[] BYTES = read();

    private VietnameseFont() {
    }

    /** The font, to be embedded (as a subset) in {@code doc}. */
    public static PDType0Font load(PDDocument doc) {
        try {
            return PDType0Font.load(doc, new RandomAccessReadBuffer(BYTES), true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read() {
        try (InputStream in = PDDocument.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Font " + SOURCE + " is missing from the PDFBox jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
