package vn.truongso.verification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Calendar;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import vn.truongso.support.TestPdfs;

/** The attacks the verifier must see through, done to a signed PDF's bytes. */
final class Tamper {

    private static final Pattern BYTE_RANGE = Pattern.compile("/ByteRange\\s*\\[([^\\]]*)]");

    private Tamper() {
    }

    /** (a) One byte changed inside the signed range (the binary comment on line 2: the file still parses). */
    static byte[] flipByteInSignedRange(byte[] signed) {
        byte[] out = signed.clone();
        int at = 10;
        if (at >= byteRange(signed)[1]) {
            throw new IllegalStateException("byte not inside the first signed range");
        }
        out[at] ^= 0x01;
        return out;
    }

    /** (b) An incremental update after signing that draws over page 1 and writes other text. */
    static byte[] changePageContentIncrementally(byte[] signed) {
        try (PDDocument doc = Loader.loadPDF(signed); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = doc.getPage(0);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page, AppendMode.APPEND, true, true)) {
                cs.setNonStrokingColor(1f, 1f, 1f);
                cs.addRect(40, 700, 520, 100);
                cs.fill();
                cs.setNonStrokingColor(0f, 0f, 0f);
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 16);
                cs.newLineAtOffset(60, 760);
                cs.showText("KE HOACH DA BI SUA SAU KHI KY");
                cs.endText();
            }
            page.getCOSObject().setNeedToBeUpdated(true);
            if (page.getCOSObject().getCOSDictionary(COSName.RESOURCES) != null) {
                page.getCOSObject().getCOSDictionary(COSName.RESOURCES).setNeedToBeUpdated(true);
            }
            doc.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (c) The /ByteRange rewritten (same length) so that it stops {@code shortBy} bytes before the end of the file. */
    static byte[] byteRangeShort(byte[] signed, int shortBy) {
        long[] br = byteRange(signed);
        return rewriteByteRange(signed, br[0], br[1], br[2], br[3] - shortBy);
    }

    /** (c) The /ByteRange rewritten so that its gap takes in {@code extra} signed bytes before the signature value. */
    static byte[] byteRangeWiderGap(byte[] signed, int extra) {
        long[] br = byteRange(signed);
        return rewriteByteRange(signed, br[0], br[1] - extra, br[2], br[3]);
    }

    /**
     * (d) Wrapped: an incremental update replaces page 1 with a forged page and moves the signature's widget onto
     * it, leaving every signed byte (and so the signature value) intact.
     */
    static byte[] replacePageKeepingSignature(byte[] signed) {
        try (PDDocument doc = Loader.loadPDF(signed); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage original = doc.getPage(0);
            PDPage forged = new PDPage(PDRectangle.A4);
            try (PDPageContentStream cs = new PDPageContentStream(doc, forged)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 16);
                cs.newLineAtOffset(60, 760);
                cs.showText("QUYET DINH GIA MAO");
                cs.endText();
            }
            forged.setAnnotations(original.getAnnotations());
            for (PDAnnotation a : forged.getAnnotations()) {
                a.setPage(forged);
                a.getCOSObject().setNeedToBeUpdated(true);
            }
            COSDictionary pages = doc.getPages().getCOSObject();
            forged.getCOSObject().setItem(COSName.PARENT, pages);
            COSArray kids = pages.getCOSArray(COSName.KIDS);
            kids.set(0, forged.getCOSObject());
            kids.setNeedToBeUpdated(true);
            pages.setNeedToBeUpdated(true);
            doc.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (d) Relocated: the signature value of one document put, with a fresh /ByteRange, on another document. */
    static byte[] relocateSignatureValue(byte[] signed, String forgedTitle) {
        try (PDDocument source = Loader.loadPDF(signed);
             PDDocument forged = Loader.loadPDF(TestPdfs.lessonPlan(forgedTitle));
             ByteArrayOutputStream out = new ByteArrayOutputStream();
             SignatureOptions options = new SignatureOptions()) {
            PDSignature original = source.getLastSignatureDictionary();
            byte[] cms = original.getContents(signed);
            PDSignature sig = new PDSignature();
            sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            sig.setSubFilter(original.getSubFilter() == null ? PDSignature.SUBFILTER_ETSI_CADES_DETACHED
                    : COSName.getPDFName(original.getSubFilter()));
            sig.setName(original.getName());
            sig.setSignDate(Calendar.getInstance());
            options.setPreferredSignatureSize(cms.length + 2048);
            forged.addSignature(sig, content -> cms, options);
            forged.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first signature's /ByteRange. */
    static long[] byteRange(byte[] pdf) {
        Matcher m = BYTE_RANGE.matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            throw new IllegalStateException("no /ByteRange");
        }
        return Arrays.stream(m.group(1).trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
    }

    private static byte[] rewriteByteRange(byte[] pdf, long... values) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher m = BYTE_RANGE.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no /ByteRange");
        }
        String inner = m.group(1);
        StringBuilder replacement = new StringBuilder(values[0] + " " + values[1] + " " + values[2] + " " + values[3]);
        while (replacement.length() < inner.length()) {
            replacement.append(' ');
        }
        if (replacement.length() != inner.length()) {
            throw new IllegalStateException("new /ByteRange does not fit");
        }
        byte[] out = pdf.clone();
        byte[] r = replacement.toString().getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(r, 0, out, m.start(1), r.length);
        return out;
    }
}
