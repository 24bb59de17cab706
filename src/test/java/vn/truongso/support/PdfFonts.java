package vn.truongso.support;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;

/** What a reader of a generated PDF would check about its type: which faces are embedded, and whether any is faked. */
public final class PdfFonts {

    private PdfFonts() {
    }

    /** The fonts the document's pages use, by PostScript name without the subset tag ("LiberationSerif-Bold"). */
    public static Set<String> faces(PDDocument doc) throws IOException {
        Set<String> names = new TreeSet<>();
        for (PDPage page : doc.getPages()) {
            PDResources resources = page.getResources();
            for (COSName name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                names.add(font.getName().replaceFirst("^[A-Z]{6}\\+", ""));
            }
        }
        return names;
    }

    /** Fonts that are not embedded as a subset (a six-letter tag before the name), e.g. "Times-Roman (not embedded)". */
    public static List<String> notEmbeddedSubsets(PDDocument doc) throws IOException {
        List<String> bad = new ArrayList<>();
        for (PDPage page : doc.getPages()) {
            PDResources resources = page.getResources();
            for (COSName name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                if (!font.isEmbedded()) {
                    bad.add(font.getName() + " (not embedded)");
                } else if (!font.getName().matches("[A-Z]{6}\\+.+")) {
                    bad.add(font.getName() + " (embedded whole, not a subset)");
                }
            }
        }
        return bad;
    }

    /**
     * Where the page contents fake a style: text drawn with its outline stroked as well as filled (a text rendering
     * mode other than plain fill, "2 Tr", the usual fake bold) or a slanted text matrix (the usual fake italic).
     */
    public static List<String> syntheticStyles(PDDocument doc) throws IOException {
        List<String> found = new ArrayList<>();
        int pageNo = 0;
        for (PDPage page : doc.getPages()) {
            pageNo++;
            List<Object> operands = new ArrayList<>();
            PDFStreamParser parser = new PDFStreamParser(page);
            for (Object token = parser.parseNextToken(); token != null; token = parser.parseNextToken()) {
                if (!(token instanceof Operator op)) {
                    operands.add(token);
                    continue;
                }
                switch (op.getName()) {
                    case "Tr" -> {
                        int mode = ((COSNumber) operands.get(0)).intValue();
                        if (mode != 0) {
                            found.add("page " + pageNo + ": text rendering mode " + mode + " Tr");
                        }
                    }
                    case "Tm" -> {
                        float b = ((COSNumber) operands.get(1)).floatValue();
                        float c = ((COSNumber) operands.get(2)).floatValue();
                        if (b != 0 || c != 0) {
                            found.add("page " + pageNo + ": slanted text matrix " + operands + " Tm");
                        }
                    }
                    default -> {
                    }
                }
                operands.clear();
            }
        }
        return found;
    }

    /** Every page at 150 dpi as target/{dir}/{name}-p{n}.png, with the PDF next to them, to look at. */
    public static void savePngs(byte[] pdf, String dir, String name) throws IOException {
        Path folder = Path.of("target", dir);
        Files.createDirectories(folder);
        Files.write(folder.resolve(name + ".pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int p = 0; p < doc.getNumberOfPages(); p++) {
                BufferedImage image = renderer.renderImageWithDPI(p, 150);
                ImageIO.write(image, "png", folder.resolve(name + "-p" + (p + 1) + ".png").toFile());
            }
        }
    }
}
