package vn.truongso.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import vn.truongso.support.PdfFonts;
import vn.truongso.enrolment.AdmissionDecisionPdf.Decision;

class AdmissionDecisionPdfTest {

    private static final Instant NOW = Instant.parse("2027-07-05T02:30:00Z");
    private final AdmissionDecisionPdf pdf = new AdmissionDecisionPdf(Clock.fixed(NOW, ZoneOffset.UTC));

    static Decision decision(LocalDate date, String address) {
        return new Decision("UBND PHƯỜNG HÒA BÌNH", "Trường THCS Hòa Bình", "Số: 05/QĐ-THCSHB", "Hòa Bình", date,
                "2027-2028", 6, "Nguyễn Thị Hương", LocalDate.of(2016, 3, 9), "Nữ", "001316012345",
                "Đặng Văn Bình", address, "Hiệu trưởng", "Hoàng Ngọc Ẩn");
    }

    static Decision normal() {
        return decision(LocalDate.of(2027, 7, 5), "số 12 ngõ 34 phố Ước Lễ, Phường Hòa Bình, Thành phố Hà Nội");
    }

    @Test
    void aNormalDecisionIsOnePageWithEveryPartAReaderLooksFor() throws IOException {
        byte[] bytes = pdf.render(normal());
        save(bytes, "admission-decision");
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            String text = flat(new PDFTextStripper().getText(doc));
            assertThat(text).contains(
                    "UBND PHƯỜNG HÒA BÌNH",
                    "TRƯỜNG THCS HÒA BÌNH",
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc",
                    "Số: 05/QĐ-THCSHB",
                    // Decree 30: leading zero for days under 10 and months 1 and 2 only.
                    "Hòa Bình, ngày 05 tháng 7 năm 2027",
                    "QUYẾT ĐỊNH",
                    "Về việc công nhận học sinh trúng tuyển vào lớp 6 năm học 2027-2028",
                    "HIỆU TRƯỞNG TRƯỜNG THCS HÒA BÌNH",
                    "Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;",
                    "Căn cứ Thông tư số 30/2024/TT-BGDĐT",
                    "QUYẾT ĐỊNH:",
                    "Điều 1. Công nhận học sinh Nguyễn Thị Hương, sinh ngày 09/03/2016, giới tính: Nữ,"
                            + " số định danh cá nhân: 001316012345, con ông/bà Đặng Văn Bình,"
                            + " nơi cư trú: số 12 ngõ 34 phố Ước Lễ, Phường Hòa Bình, Thành phố Hà Nội,"
                            + " trúng tuyển vào lớp 6 của Trường THCS Hòa Bình năm học 2027-2028.",
                    "Điều 2.", "Điều 3.", "thi hành Quyết định này./.",
                    "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT.",
                    "HIỆU TRƯỞNG",
                    "Hoàng Ngọc Ẩn");
            for (PDPage page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    assertThat(font.getName()).as("subset prefix").matches("[A-Z]{6}\\+.*");
                }
            }
            assertInsideTheMargins(doc);
            assertThat(doc.isEncrypted()).isFalse();
            var info = doc.getDocumentInformation();
            assertThat(info.getTitle()).startsWith("Quyết định về việc công nhận học sinh trúng tuyển vào lớp 6");
            assertThat(info.getAuthor()).isEqualTo("TRƯỜNG THCS HÒA BÌNH");
            assertThat(info.getCreationDate().toInstant()).isEqualTo(NOW);
        }
    }

    /**
     * Decree 30 asks for Times New Roman: the decision is set in Liberation Serif (same metrics), its real bold,
     * italic and bold italic faces, each embedded as a subset; nothing is faked by stroking or slanting the regular
     * face, and every Vietnamese letter comes back out as written.
     */
    @Test
    void theDecisionIsSetInTheRealFacesOfATimesCompatibleSerif() throws IOException {
        Decision ok = normal();
        // Names and places with the letters a wrong font or a fake style loses first.
        Decision d = new Decision("UBND PHƯỜNG BẾN THỦY", "Trường THCS Đặng Thai Mai", "Số: 17/QĐ-THCSĐTM",
                "Thành phố Vinh", ok.date(), ok.schoolYear(), 6, "Đỗ Phạm Quỳnh Tưởng Ẫn", ok.birthDate(), "Nữ",
                ok.personalId(), "Lưu Thị Mỹ Dựng", "xóm Ẩm Giữa, ngõ Lở Sặt, phố Tệ Ổn, Phường Bến Thủy, Nghệ An",
                ok.principalTitle(), ok.principalName());
        byte[] bytes = pdf.render(d);
        PdfFonts.savePngs(bytes, "admission-decision", "admission-decision-serif");
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(PdfFonts.faces(doc)).containsExactlyInAnyOrder(
                    "LiberationSerif" /* the regular face */, "LiberationSerif-Bold", "LiberationSerif-Italic",
                    "LiberationSerif-BoldItalic");
            assertThat(PdfFonts.notEmbeddedSubsets(doc)).isEmpty();
            assertThat(PdfFonts.syntheticStyles(doc)).isEmpty();
            String text = new PDFTextStripper().getText(doc);
            // Each on one line: the heading and the motto fit their column.
            assertThat(text.lines().map(String::strip)).contains("QUYẾT ĐỊNH", "QUYẾT ĐỊNH:", "HIỆU TRƯỞNG",
                    "Hoàng Ngọc Ẩn");
            assertThat(text).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc");
            assertThat(flat(text)).contains("UBND PHƯỜNG BẾN THỦY", "TRƯỜNG THCS ĐẶNG THAI MAI",
                    "Số: 17/QĐ-THCSĐTM", "Thành phố Vinh, ngày 05 tháng 7 năm 2027",
                    "HIỆU TRƯỞNG TRƯỜNG THCS ĐẶNG THAI MAI",
                    "Điều 1. Công nhận học sinh Đỗ Phạm Quỳnh Tưởng Ẫn, sinh ngày 09/03/2016",
                    "con ông/bà Lưu Thị Mỹ Dựng, nơi cư trú: xóm Ẩm Giữa, ngõ Lở Sặt, phố Tệ Ổn, Phường Bến Thủy,"
                            + " Nghệ An, trúng tuyển vào lớp 6 của Trường THCS Đặng Thai Mai năm học 2027-2028.",
                    "Nơi nhận:");
            assertInsideTheMargins(doc);
            assertSignatureBlock(doc);
        }
    }

    @Test
    void theDateHasALeadingZeroOnlyForDaysUnderTenAndJanuaryAndFebruary() throws IOException {
        assertThat(AdmissionDecisionPdf.dateText(LocalDate.of(2027, 12, 15))).isEqualTo("ngày 15 tháng 12 năm 2027");
        assertThat(AdmissionDecisionPdf.dateText(LocalDate.of(2027, 7, 5))).isEqualTo("ngày 05 tháng 7 năm 2027");
        assertThat(AdmissionDecisionPdf.dateText(LocalDate.of(2028, 2, 3))).isEqualTo("ngày 03 tháng 02 năm 2028");
        assertThat(AdmissionDecisionPdf.dateText(LocalDate.of(2028, 1, 10))).isEqualTo("ngày 10 tháng 01 năm 2028");
        assertThat(AdmissionDecisionPdf.dateText(LocalDate.of(2027, 10, 1))).isEqualTo("ngày 01 tháng 10 năm 2027");
        byte[] bytes = pdf.render(decision(LocalDate.of(2027, 12, 15), "Phường Hòa Bình"));
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(flat(new PDFTextStripper().getText(doc))).contains("Hòa Bình, ngày 15 tháng 12 năm 2027");
        }
    }

    @Test
    void theSignersTitleIsBelowTheArticlesWithEmptyRoomUnderItForTheSignature() throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.render(normal()))) {
            assertSignatureBlock(doc);
        }
    }

    @Test
    void aVeryLongAddressWrapsOntoASecondPageWithNothingCutOff() throws IOException {
        String address = ("thôn Đồng Tâm, xóm Trại Giữa, số nhà 128, ngách 45/67, ngõ Quỳnh Lôi, đường Nguyễn Khoái, "
                + "khu dân cư số 3, tổ dân phố Ấp Bắc, ").repeat(14) + "Phường Hòa Bình, Thành phố Hà Nội";
        byte[] bytes = pdf.render(decision(LocalDate.of(2027, 7, 5), address));
        save(bytes, "admission-decision-long");
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
            // Page 2 carries its number in the top margin, as Decree 30 asks; page 1 none.
            String second = glyphs(doc, 1).text.strip();
            assertThat(second).startsWith("2\n");
            String text = flat(glyphs(doc, 0).text + "\n" + second.substring(2));
            assertThat(text).contains("nơi cư trú: " + address + ", trúng tuyển vào lớp 6", "thi hành Quyết định này./.",
                    "Nơi nhận:", "HIỆU TRƯỞNG", "Hoàng Ngọc Ẩn");
            assertInsideTheMargins(doc);
            assertSignatureBlock(doc);
        }
    }

    @Test
    void aDeputySignsOnThePrincipalsBehalfUnderTheSameKeyword() throws IOException {
        Decision ok = normal();
        byte[] bytes = pdf.render(new Decision(ok.authorityName(), "TRƯỜNG THCS HÒA BÌNH", ok.numberText(),
                ok.place(), ok.date(), ok.schoolYear(), ok.grade(), ok.childName(), ok.birthDate(), ok.genderText(),
                ok.personalId(), ok.parentName(), ok.addressText(), "Phó Hiệu trưởng", ok.principalName()));
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            String text = flat(new PDFTextStripper().getText(doc));
            assertThat(text).contains("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "của Trường THCS Hòa Bình năm học");
            assertSignatureBlock(doc);
        }
    }

    /** The block as the signing package's Authority gives it: the delegate's KT lines, the acting principal's Q. */
    @Test
    void theSigningBlockShowsTheAuthorityLinesAboveTheRoomForTheSignature() throws IOException {
        Decision ok = normal();
        Decision kt = new Decision(ok.authorityName(), ok.schoolName(), ok.numberText(), ok.place(), ok.date(),
                ok.schoolYear(), ok.grade(), ok.childName(), ok.birthDate(), ok.genderText(), ok.personalId(),
                ok.parentName(), ok.addressText(), "HIỆU TRƯỞNG", "Trịnh Văn An",
                List.of("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"));
        byte[] bytes = pdf.render(kt);
        save(bytes, "admission-decision-kt");
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            List<String> lines = new PDFTextStripper().getText(doc).lines().map(String::strip).toList();
            assertThat(lines).containsSubsequence("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Trịnh Văn An");
            Glyphs page = glyphs(doc, 0);
            int kts = page.text.lastIndexOf("KT. HIỆU TRƯỞNG");
            int deputy = page.text.lastIndexOf("PHÓ HIỆU TRƯỞNG");
            int name = page.text.lastIndexOf("Trịnh Văn An");
            assertThat(kts).isGreaterThan(page.text.indexOf("Quyết định này./."));
            float ktBaseline = page.glyphs.get(kts).getYDirAdj();
            float deputyBaseline = page.glyphs.get(deputy).getYDirAdj();
            // one line under the other, then the room for the signature (3 cm at least), then the name
            assertThat(deputyBaseline - ktBaseline).isBetween(10f, 20f);
            assertThat(page.glyphs.get(name).getYDirAdj() - deputyBaseline).isGreaterThan(30 * AdmissionDecisionPdf.MM);
        }
        // An acting principal: by the block given, or by the title "Quyền Hiệu trưởng" alone.
        for (Decision acting : List.of(
                new Decision(ok.authorityName(), ok.schoolName(), ok.numberText(), ok.place(), ok.date(),
                        ok.schoolYear(), ok.grade(), ok.childName(), ok.birthDate(), ok.genderText(), ok.personalId(),
                        ok.parentName(), ok.addressText(), "HIỆU TRƯỞNG", ok.principalName(),
                        List.of("Q. HIỆU TRƯỞNG")),
                new Decision(ok.authorityName(), ok.schoolName(), ok.numberText(), ok.place(), ok.date(),
                        ok.schoolYear(), ok.grade(), ok.childName(), ok.birthDate(), ok.genderText(), ok.personalId(),
                        ok.parentName(), ok.addressText(), "Quyền Hiệu trưởng", ok.principalName()))) {
            try (PDDocument doc = Loader.loadPDF(pdf.render(acting))) {
                List<String> lines = new PDFTextStripper().getText(doc).lines().map(String::strip).toList();
                assertThat(lines).containsSubsequence("Q. HIỆU TRƯỞNG", "Hoàng Ngọc Ẩn")
                        .doesNotContain("KT. HIỆU TRƯỞNG", "QUYỀN HIỆU TRƯỞNG");
                assertSignatureBlock(doc);
            }
        }
    }

    @Test
    void anUpperCaseSchoolNameReadsInMixedCaseInTheText() {
        assertThat(AdmissionDecisionPdf.bodyName("TRƯỜNG THCS HÒA BÌNH")).isEqualTo("Trường THCS Hòa Bình");
        assertThat(AdmissionDecisionPdf.bodyName("Trường Tiểu học Đặng Văn Ngữ"))
                .isEqualTo("Trường Tiểu học Đặng Văn Ngữ");
    }

    @Test
    void missingOrBlankFieldsAndABadGradeAreRefused() {
        Decision ok = normal();
        assertThatThrownBy(() -> pdf.render(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pdf.render(new Decision(ok.authorityName(), ok.schoolName(), ok.numberText(),
                ok.place(), ok.date(), ok.schoolYear(), ok.grade(), "  ", ok.birthDate(), ok.genderText(),
                ok.personalId(), ok.parentName(), ok.addressText(), ok.principalTitle(), ok.principalName())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("childName");
        assertThatThrownBy(() -> pdf.render(new Decision(ok.authorityName(), ok.schoolName(), ok.numberText(),
                ok.place(), null, ok.schoolYear(), ok.grade(), ok.childName(), ok.birthDate(), ok.genderText(),
                ok.personalId(), ok.parentName(), ok.addressText(), ok.principalTitle(), ok.principalName())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("date");
        assertThatThrownBy(() -> pdf.render(new Decision(ok.authorityName(), null, ok.numberText(),
                ok.place(), ok.date(), ok.schoolYear(), ok.grade(), ok.childName(), ok.birthDate(), ok.genderText(),
                ok.personalId(), ok.parentName(), ok.addressText(), ok.principalTitle(), ok.principalName())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schoolName");
        assertThatThrownBy(() -> pdf.render(new Decision(ok.authorityName(), ok.schoolName(), ok.numberText(),
                ok.place(), ok.date(), ok.schoolYear(), ok.grade(), ok.childName(), ok.birthDate(), ok.genderText(),
                ok.personalId(), ok.parentName(), ok.addressText(), ok.principalTitle(), "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("principalName");
        for (int grade : new int[] {0, 13}) {
            assertThatThrownBy(() -> pdf.render(new Decision(ok.authorityName(), ok.schoolName(), ok.numberText(),
                    ok.place(), ok.date(), ok.schoolYear(), grade, ok.childName(), ok.birthDate(), ok.genderText(),
                    ok.personalId(), ok.parentName(), ok.addressText(), ok.principalTitle(), ok.principalName())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grade");
        }
    }

    /** Every glyph on every page inside the Decree 30 margins. */
    private static void assertInsideTheMargins(PDDocument doc) throws IOException {
        for (int p = 0; p < doc.getNumberOfPages(); p++) {
            for (TextPosition g : glyphs(doc, p).positions) {
                float top = g.getYDirAdj() - g.getHeightDir();
                assertThat(g.getXDirAdj()).as("left of " + g).isGreaterThanOrEqualTo(AdmissionDecisionPdf.LEFT - 1);
                assertThat(g.getXDirAdj() + g.getWidthDirAdj()).as("right of " + g)
                        .isLessThanOrEqualTo(AdmissionDecisionPdf.PAGE_W - AdmissionDecisionPdf.RIGHT + 1);
                assertThat(g.getYDirAdj()).as("bottom of " + g)
                        .isLessThanOrEqualTo(AdmissionDecisionPdf.PAGE_H - AdmissionDecisionPdf.BOTTOM);
                assertThat(top).as("top of " + g).isGreaterThanOrEqualTo(0);
            }
        }
    }

    /**
     * On the last page: the last "HIỆU TRƯỞNG" (where the signing package puts the visible signature) is below every
     * article line, nothing is printed in its column for 3 cm under it, and the signer's name follows.
     */
    private static void assertSignatureBlock(PDDocument doc) throws IOException {
        Glyphs page = glyphs(doc, doc.getNumberOfPages() - 1);
        int at = page.text.lastIndexOf(AdmissionDecisionPdf.SIGNER_KEYWORD);
        assertThat(at).as("keyword on the last page").isGreaterThanOrEqualTo(0);
        List<TextPosition> keyword = page.glyphs.subList(at, at + AdmissionDecisionPdf.SIGNER_KEYWORD.length())
                .stream().filter(p -> p != null).toList();
        float baseline = keyword.get(0).getYDirAdj();
        float left = keyword.get(0).getXDirAdj();
        float right = keyword.get(keyword.size() - 1).getXDirAdj() + keyword.get(keyword.size() - 1).getWidthDirAdj();
        assertThat(left).as("signer's block on the right half").isGreaterThan(AdmissionDecisionPdf.PAGE_W / 2 - 40);

        int article = page.text.indexOf("Quyết định này./.");
        if (article >= 0) {
            float articleBaseline = page.glyphs.get(article).getYDirAdj();
            assertThat(baseline).as("signer's title below the last article").isGreaterThan(articleBaseline + 10);
        }
        float centre = (left + right) / 2;
        float boxLeft = centre - 80;
        float boxRight = centre + 80;
        float space = 30 * AdmissionDecisionPdf.MM;
        for (TextPosition g : page.positions) {
            float top = g.getYDirAdj() - g.getHeightDir();
            boolean inColumn = g.getXDirAdj() + g.getWidthDirAdj() > boxLeft && g.getXDirAdj() < boxRight;
            boolean inBand = g.getYDirAdj() > baseline + 2 && top < baseline + space;
            assertThat(inColumn && inBand).as("text in the signature room: " + g.getUnicode()).isFalse();
        }
        int name = page.text.lastIndexOf("Hoàng Ngọc Ẩn");
        assertThat(name).isGreaterThan(at);
        assertThat(page.glyphs.get(name).getYDirAdj()).as("name under the room for the signature")
                .isGreaterThan(baseline + space);
    }

    /** The page's text in reading order and, for each of its characters, the glyph it came from (null for breaks). */
    record Glyphs(String text, List<TextPosition> glyphs, List<TextPosition> positions) {
    }

    static Glyphs glyphs(PDDocument doc, int pageIndex) throws IOException {
        List<TextPosition> glyphs = new ArrayList<>();
        List<TextPosition> positions = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String s, List<TextPosition> list) {
                for (TextPosition p : list) {
                    for (char ignored : p.getUnicode().toCharArray()) {
                        glyphs.add(p);
                    }
                    text.append(p.getUnicode());
                    if (!p.getUnicode().isBlank()) {
                        positions.add(p);
                    }
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
        return new Glyphs(text.toString(), glyphs, positions);
    }

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }

    /** The PDF and page 1 at 150 dpi into target/, to look at. */
    private static void save(byte[] bytes, String name) throws IOException {
        Path dir = Path.of("target", "admission-decision");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".pdf"), bytes);
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            for (int p = 0; p < doc.getNumberOfPages(); p++) {
                BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(p, 150);
                ImageIO.write(image, "png", dir.resolve(name + "-p" + (p + 1) + ".png").toFile());
            }
        }
    }
}
