package vn.truongso.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts for every text a user reads in a PDF we write, each with every Vietnamese letter and tone mark.
 * <ul>
 * <li>{@link #serif}: the documents we generate (decisions, reports, certificates) are set in Liberation Serif, metric
 * compatible with the Times New Roman that Decree 30/2020/NĐ-CP asks for, in its real regular, bold, italic and bold
 * italic faces. Shipped under {@code /fonts/liberation-serif/} with its SIL OFL 1.1 licence.</li>
 * <li>{@link #sans}: Liberation Sans, shipped inside PDFBox, for the text of visible signature appearances.</li>
 * </ul>
 * The bytes of each face are read from the classpath once; each document parses them from memory and embeds only the
 * glyphs it uses (PDFBox closes a font it parsed itself after subsetting it). The sans of signature appearances is
 * the exception ({@link #sans}): every signature measures and draws its text, so parsed copies are kept and lent to
 * one document at a time (a parsed font is not safe for two documents at once).
 */
public final class VietnameseFont {

    private static final String SANS = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final byte[] SANS_BYTES = read(PDDocument.class, SANS);

    /** A face of the serif. */
    public enum Face {
        REGULAR("LiberationSerif-Regular.ttf"),
        BOLD("LiberationSerif-Bold.ttf"),
        ITALIC("LiberationSerif-Italic.ttf"),
        BOLD_ITALIC("LiberationSerif-BoldItalic.ttf");

        private final String file;

        Face(String file) {
            this.file = file;
        }
    }

    /** Read on first use, so that signing, which needs only the sans, does not read 1.5 MB it never uses. */
    private static final class Serif {
        static final Map<Face, byte[]> BYTES = new EnumMap<>(Face.class);

        static {
            for (Face face : Face.values()) {
                BYTES.put(face, read(VietnameseFont.class, "/fonts/liberation-serif/" + face.file));
            }
        }
    }

    /** Parsed sans fonts nobody is using; a few, for the PDF workers and the odd caller on its own thread. */
    private static final BlockingQueue<TrueTypeFont> IDLE_SANS = new ArrayBlockingQueue<>(4);

    private VietnameseFont() {
    }

    /**
     * Liberation Sans, parsed, lent until {@link Sans#close}, without parsing the file again for every signature. Close the lease only after the documents it was embedded in are saved.
     */
    public static Sans sans() {
        TrueTypeFont ttf = IDLE_SANS.poll();
        if (ttf == null) {
            try {
                ttf = new TTFParser().parse(new RandomAccessReadBuffer(SANS_BYTES));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Sans(ttf);
    }

    /** A parsed Liberation Sans lent to one thread; {@link #close} gives it back. */
    public static final class Sans implements AutoCloseable {

        private TrueTypeFont ttf;

        private Sans(TrueTypeFont ttf) {
            this.ttf = ttf;
        }

        /**
         * The font to be embedded (as a subset) in {@code doc}; PDFBox does not close a font it was given, so it can
         * be lent again.
         */
        public PDType0Font embed(PDDocument doc) {
            if (ttf == null) {
                throw new IllegalStateException("The font was given back");
            }
            try {
                return PDType0Font.load(doc, ttf, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (ttf != null && !IDLE_SANS.offer(ttf)) {
                try {
                    ttf.close();
                } catch (IOException e) {
                    // memory only: nothing to release
                }
            }
            ttf = null;
        }
    }

    /** The serif in {@code face}, to be embedded (as a subset) in {@code doc}: the font of generated documents. */
    public static PDType0Font serif(PDDocument doc, Face face) {
        return parse(doc, Serif.BYTES.get(face));
    }

    private static PDType0Font parse(PDDocument doc, byte[] bytes) {
        try {
            return PDType0Font.load(doc, new RandomAccessReadBuffer(bytes), true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Font " + resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
