package vn.truongso.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.truongso.common.ApiException;
import vn.truongso.support.TestPdfs;

/** The signer on its own, with a throwaway CA: appearance, placement, refusals. */
class PadesSignerTest {

    static TestCa ca;
    static KeyPairSignatureProvider mai;
    static byte[] plan;
    final PadesSigner signer = new PadesSigner(null, null);

    @BeforeAll
    static void setUp() throws Exception {
        ca = new TestCa();
        mai = ca.signer("Phạm Thị Mai");
        plan = Files.readAllBytes(Path.of("docs/samples/ke-hoach-bai-day-mau.pdf"));
    }

    private static SignatureRequest request(Appearance.Placement where) {
        return new SignatureRequest(mai, SignatureLevel.B_B, new Appearance("Phạm Thị Mai", "Hiệu trưởng",
                "Trường THCS Hòa Bình", Instant.parse("2026-11-23T03:15:02Z"), null, where), "Phê duyệt", "Hòa Bình");
    }

    @Test
    void theAppearanceSaysWhoSignedInVietnameseWithVietnamTime() throws Exception {
        byte[] signed = signer.sign(plan, request(new Appearance.NearKeyword("HIỆU TRƯỞNG", 200, 60)));
        try (PDDocument doc = Loader.loadPDF(signed)) {
            PDSignatureField field = signatureFields(doc).get(0);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            assertThat(appearanceText(widget)).isEqualTo("""
                    Ký bởi: Phạm Thị Mai
                    Chức vụ: Hiệu trưởng
                    Đơn vị: Trường THCS Hòa Bình
                    Ngày ký: 23/11/2026 10:15:02 +07:00
                    """);
            PDSignature sig = field.getSignature();
            assertThat(sig.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
            assertThat(sig.getReason()).isEqualTo("Phê duyệt");
        }
    }

    @Test
    void aSealImageGoesBesideTheText() throws Exception {
        java.awt.image.BufferedImage seal = new java.awt.image.BufferedImage(80, 80,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = seal.createGraphics();
        g.setColor(java.awt.Color.RED);
        g.fillOval(4, 4, 72, 72);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(seal, "png", png);
        byte[] signed = signer.sign(plan, new SignatureRequest(mai, SignatureLevel.B_B, new Appearance("Phạm Thị Mai",
                "Hiệu trưởng", "Trường THCS Hòa Bình", Instant.parse("2026-11-23T03:15:02Z"), png.toByteArray(),
                new Appearance.NearKeyword("HIỆU TRƯỞNG", 220, 60)), "Phê duyệt", "Hòa Bình"));
        try (PDDocument doc = Loader.loadPDF(signed)) {
            PDAnnotationWidget widget = signatureFields(doc).get(0).getWidgets().get(0);
            var resources = widget.getAppearance().getNormalAppearance().getAppearanceStream().getResources();
            assertThat(resources.getXObjectNames()).anySatisfy(name ->
                    assertThat(resources.getXObject(name)).isInstanceOf(
                            org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject.class));
            assertThat(appearanceText(widget)).contains("Ký bởi: Phạm Thị Mai");
        }
    }

    @Test
    void goesUnderTheLastOccurrenceOfTheKeyword() throws Exception {
        byte[] signed = signer.sign(plan, request(new Appearance.NearKeyword("HIỆU TRƯỞNG", 200, 60)));
        try (PDDocument doc = Loader.loadPDF(signed)) {
            PDAnnotationWidget widget = signatureFields(doc).get(0).getWidgets().get(0);
            // The sample puts "HIỆU TRƯỞNG" on page 2 with its baseline at y = 557; the box hangs just below it.
            assertThat(doc.getPages().indexOf(widget.getPage())).isEqualTo(1);
            PDRectangle r = widget.getRectangle();
            assertThat(r.getUpperRightY()).isBetween(540f, 557f);
            assertThat(r.getLowerLeftX()).isBetween(180f, 260f);
        }
    }

    @Test
    void neverCoversAnotherSignature() throws Exception {
        Appearance.At same = new Appearance.At(2, 300, 300, 200, 60);
        byte[] once = signer.sign(plan, request(same));
        byte[] twice = signer.sign(once, request(same));
        try (PDDocument doc = Loader.loadPDF(twice)) {
            List<PDSignatureField> fields = signatureFields(doc);
            assertThat(fields).hasSize(2);
            PDRectangle a = fields.get(0).getWidgets().get(0).getRectangle();
            PDRectangle b = fields.get(1).getWidgets().get(0).getRectangle();
            boolean apart = a.getUpperRightY() <= b.getLowerLeftY() || b.getUpperRightY() <= a.getLowerLeftY()
                    || a.getUpperRightX() <= b.getLowerLeftX() || b.getUpperRightX() <= a.getLowerLeftX();
            assertThat(apart).isTrue();
        }
    }

    @Test
    void keywordMissingFallsBackToTheBottomOfTheLastPage() throws Exception {
        byte[] signed = signer.sign(plan, request(new Appearance.NearKeyword("KHÔNG CÓ TỪ NÀY", 200, 60)));
        try (PDDocument doc = Loader.loadPDF(signed)) {
            PDAnnotationWidget widget = signatureFields(doc).get(0).getWidgets().get(0);
            assertThat(doc.getPages().indexOf(widget.getPage())).isEqualTo(doc.getNumberOfPages() - 1);
            assertThat(widget.getRectangle().getLowerLeftY()).isLessThan(100f);
        }
    }

    @Test
    void refusesEncryptedCorruptAndLockedDocumentsAndChangesNothing() throws Exception {
        byte[] encrypted = TestPdfs.encrypted("Mật");
        assertThatThrownBy(() -> signer.sign(encrypted, request(new Appearance.At(1, 50, 50, 200, 60))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("SIGNING_ENCRYPTED_PDF"));
        byte[] corrupt = "%PDF-1.7\nrác".getBytes();
        assertThatThrownBy(() -> signer.sign(corrupt, request(new Appearance.At(1, 50, 50, 200, 60))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("SIGNING_CORRUPT_PDF"));
        byte[] locked = TestPdfs.certifiedNoChanges(plan);
        assertThatThrownBy(() -> signer.sign(locked, request(new Appearance.At(1, 50, 50, 200, 60))))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo("DOCUMENT_CERTIFIED_NO_CHANGES"));
    }

    static List<PDSignatureField> signatureFields(PDDocument doc) {
        List<PDSignatureField> out = new java.util.ArrayList<>();
        for (PDField f : doc.getDocumentCatalog().getAcroForm().getFieldTree()) {
            if (f instanceof PDSignatureField s) {
                out.add(s);
            }
        }
        return out;
    }

    /** Text as a reader extracts it from the widget's appearance: drawn alone on a page, then stripped. */
    static String appearanceText(PDAnnotationWidget widget) throws Exception {
        PDFormXObject form = new PDFormXObject(widget.getAppearance().getNormalAppearance().getAppearanceStream()
                .getCOSObject());
        try (PDDocument tmp = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(widget.getRectangle().getWidth(),
                    widget.getRectangle().getHeight()));
            tmp.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(tmp, page)) {
                cs.drawForm(form);
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(tmp).replace("\r\n", "\n");
        }
    }

}
