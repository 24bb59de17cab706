package vn.truongso.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** PDFs made on the spot, with Vietnamese text, so tests need no binary fixtures. */
public final class TestPdfs {

    private TestPdfs() {
    }

    public static byte[] lessonPlan(String title) {
        return build(title, 1, null);
    }

    public static byte[] pages(String title, int pages) {
        return build(title, pages, null);
    }

    public static byte[] encrypted(String title) {
        return build(title, 1, "mat-khau");
    }

    /** The PDF marked as certified with DocMDP P=1, as a certifying signer who forbids every change would leave it. */
    public static byte[] certifiedNoChanges(byte[] pdf) {
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            COSDictionary params = new COSDictionary();
            params.setInt(COSName.P, 1);
            params.setName(COSName.V, "1.2");
            COSDictionary ref = new COSDictionary();
            ref.setItem(COSName.getPDFName("TransformMethod"), COSName.DOCMDP);
            ref.setItem(COSName.getPDFName("TransformParams"), params);
            COSArray refs = new COSArray();
            refs.add(ref);
            COSDictionary sig = new COSDictionary();
            sig.setItem(COSName.getPDFName("Reference"), refs);
            COSDictionary perms = new COSDictionary();
            perms.setItem(COSName.DOCMDP, sig);
            doc.getDocumentCatalog().getCOSObject().setItem(COSName.PERMS, perms);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] build(String title, int pages, String userPassword) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType0Font font;
            try (InputStream ttf = PDDocument.class.getResourceAsStream(
                    "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
                font = PDType0Font.load(doc, ttf);
            }
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 14);
                    cs.newLineAtOffset(60, 760);
                    cs.showText("KẾ HOẠCH BÀI DẠY – " + title);
                    cs.newLineAtOffset(0, -24);
                    cs.showText("Trang " + i + "/" + pages + " · Môn Toán · Lớp 8");
                    cs.endText();
                }
            }
            if (userPassword != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", userPassword,
                        new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
