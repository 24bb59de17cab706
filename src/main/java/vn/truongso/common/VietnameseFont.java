package vn.truongso.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A font for every text a user reads in a PDF we write: Liberation Sans (shipped inside PDFBox) cut down once, at
 * first use, to Latin plus every Vietnamese letter and tone mark. Parsing the full font per document costs
 * milliseconds; parsing the small cut from memory costs little, and each document embeds only the glyphs it uses.
 */
public final class VietnameseFont {

    private static final String SOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static volatile byte[] cut;

    private VietnameseFont() {
    }

    /** The font, embedded in {@code doc}. */
    public static PDType0Font load(PDDocument doc) {
        try {
            return PDType0Font.load(doc, new RandomAccessReadBuffer(bytes()), true, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes() {
        byte[] b = cut;
        if (b == null) {
            synchronized (VietnameseFont.class) {
                if (cut == null) {
                    cut = subset();
                }
                b = cut;
            }
        }
        return b;
    }

    /** Code points the cut keeps: printable ASCII, Latin-1 and Latin Extended-A/B letters, Vietnamese. */
    static Set<Integer> coverage() {
        Set<Integer> cps = new HashSet<>();
        range(cps, 0x20, 0x7E);
        range(cps, 0xA0, 0x17F);
        range(cps, 0x1A0, 0x1B0);
        range(cps, 0x300, 0x323);
        range(cps, 0x1EA0, 0x1EF9);
        range(cps, 0x2010, 0x2026);
        return cps;
    }

    private static void range(Set<Integer> set, int from, int to) {
        for (int c = from; c <= to; c++) {
            set.add(c);
        }
    }

    private static byte[] subset() {
        try (InputStream in = PDDocument.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Font " + SOURCE + " is missing from the PDFBox jar");
            }
            try (TrueTypeFont full = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()))) {
                TTFSubsetter subsetter = new TTFSubsetter(full);
                subsetter.addAll(coverage());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                subsetter.writeToStream(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
