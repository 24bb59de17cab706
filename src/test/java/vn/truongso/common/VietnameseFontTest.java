package vn.truongso.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import vn.truongso.common.VietnameseFont.Face;
import vn.truongso.support.PdfFonts;

class VietnameseFontTest {

    /** Every Vietnamese vowel with each of the five tone marks (and none), then đ: 73 letters, in lower case. */
    static final String LETTERS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";

    @Test
    void everyFaceOfTheSerifHasEveryVietnameseLetterAndGivesItBackAsWritten() throws IOException {
        String lower = LETTERS;
        String upper = LETTERS.toUpperCase(Locale.forLanguageTag("vi"));
        List<String> lines = new ArrayList<>();
        byte[] bytes;
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            float y = 780;
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                for (Face face : Face.values()) {
                    PDType0Font font = VietnameseFont.serif(doc, face);
                    for (String text : List.of(face + ":", lower.substring(0, 36), lower.substring(36),
                            upper.substring(0, 36), upper.substring(36),
                            "Cộng hòa xã hội chủ nghĩa Việt Nam – Độc lập - Tự do - Hạnh phúc")) {
                        cs.beginText();
                        cs.setFont(font, 14);
                        cs.newLineAtOffset(50, y);
                        cs.showText(text); // throws if a letter has no glyph in this face
                        cs.endText();
                        lines.add(text);
                        y -= 20;
                    }
                    y -= 12;
                }
            }
            doc.save(out);
            bytes = out.toByteArray();
        }
        PdfFonts.savePngs(bytes, "fonts", "vietnamese-serif");
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(PdfFonts.faces(doc)).containsExactlyInAnyOrder(
                    "LiberationSerif" /* the regular face */, "LiberationSerif-Bold", "LiberationSerif-Italic",
                    "LiberationSerif-BoldItalic");
            assertThat(PdfFonts.notEmbeddedSubsets(doc)).isEmpty();
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            assertThat(stripper.getText(doc).lines().map(String::strip).filter(l -> !l.isEmpty()).toList())
                    .containsExactlyElementsOf(lines);
        }
    }

    @Test
    void eachDocumentGetsItsOwnFontOfTheFaceAsked() throws IOException {
        // Two documents get two independent fonts from the same bytes; a parsed font cannot be shared.
        try (PDDocument a = new PDDocument(); PDDocument b = new PDDocument()) {
            PDType0Font fa = VietnameseFont.serif(a, Face.BOLD);
            PDType0Font fb = VietnameseFont.serif(b, Face.BOLD);
            assertThat(fa).isNotSameAs(fb);
            assertThat(fa.getName()).isEqualTo("LiberationSerif-Bold");
            assertThat(VietnameseFont.serif(a, Face.ITALIC).getName()).isEqualTo("LiberationSerif-Italic");
            // Metric-compatible with Times: the advance of "M" is Times-Roman's 889 and Times-Bold's 944 (per 1000 em).
            assertThat(VietnameseFont.serif(a, Face.REGULAR).getStringWidth("M")).isEqualTo(889);
            assertThat(fa.getStringWidth("M")).isEqualTo(944);
        }
    }

    @Test
    void theLentSansServesOneDocumentAfterAnotherEachWithItsOwnCompleteSubset() throws IOException {
        // Signature appearances borrow a parsed sans instead of parsing it for each: the second and third documents
        // must get every glyph they use, not the first document's subset.
        List<String> texts = List.of("Ký bởi: Phạm Thị Mai", "Chức vụ: Hiệu trưởng " + LETTERS,
                "Đơn vị: Trường THCS Hòa Bình – ỨNG DỤNG");
        for (String text : texts) {
            byte[] bytes;
            try (VietnameseFont.Sans sans = VietnameseFont.sans(); PDDocument doc = new PDDocument();
                 ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(sans.embed(doc), 9);
                    cs.newLineAtOffset(20, 700);
                    cs.showText(text);
                    cs.endText();
                }
                doc.save(out);
                bytes = out.toByteArray();
            }
            try (PDDocument doc = Loader.loadPDF(bytes)) {
                assertThat(PdfFonts.faces(doc)).containsExactly("LiberationSans");
                assertThat(PdfFonts.notEmbeddedSubsets(doc)).isEmpty();
                assertThat(new PDFTextStripper().getText(doc).strip()).isEqualTo(text);
            }
        }
    }
}
