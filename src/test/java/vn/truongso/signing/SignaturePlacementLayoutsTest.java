package vn.truongso.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.util.Matrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.truongso.common.VietnameseFont;

/**
 * The signing blocks schools print, each signed three times as the lesson plan is (teacher, head of the subject group,
 * principal). What a person checks: every appearance is on the page, covers nothing that was printed there (checked on
 * the rendered page, pixel by pixel, independently of how placement reads the page), overlaps no other appearance,
 * and stands in its own heading's block where that block has room. The signed pages are rendered under
 * {@code target/placement/} to be looked at.
 */
class SignaturePlacementLayoutsTest {

    static final float A4_W = 595;
    static final float A4_H = 842;
    static final float SCALE = 2;

    static TestCa ca;
    static KeyPairSignatureProvider signer;
    final PadesSigner pades = new PadesSigner(null, null);

    /** Who signs, in the lesson plan's order, under which heading (as in SigningProperties). */
    enum Role {
        AUTHOR("GIÁO VIÊN", "Nguyễn Thị Lan", "Giáo viên"),
        HEAD("DUYỆT CỦA TỔ TRƯỞNG", "Trần Văn Hùng", "Tổ trưởng chuyên môn"),
        PRINCIPAL("HIỆU TRƯỞNG", "Phạm Thị Mai", "Hiệu trưởng");

        final String keyword;
        final String name;
        final String title;

        Role(String keyword, String name, String title) {
            this.keyword = keyword;
            this.name = name;
            this.title = title;
        }
    }

    /**
     * A test document: how to draw it (in display coordinates: what the reader sees, origin bottom-left), its page's
     * rotation and boxes, and per role the region (display space) its appearance must stand in, where it has room.
     */
    record Layout(String name, int rotation, PDRectangle mediaBox, int pages, Consumer<Canvas> lastPage,
                  Consumer<Canvas> otherPages, Map<Role, Rectangle2D> blocks) {
        @Override
        public String toString() {
            return name;
        }

        byte[] build() throws IOException {
            try (VietnameseFont.Sans sans = VietnameseFont.sans(); PDDocument doc = new PDDocument();
                 ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                PDType0Font font = sans.embed(doc);
                for (int p = 0; p < pages; p++) {
                    PDPage page = new PDPage(mediaBox);
                    page.setRotation(rotation);
                    doc.addPage(page);
                    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                        // Display → user space: the inverse of what a viewer does with /Rotate and the box's origin.
                        float llx = mediaBox.getLowerLeftX();
                        float lly = mediaBox.getLowerLeftY();
                        cs.transform(rotation == 90
                                ? new Matrix(0, 1, -1, 0, llx + mediaBox.getWidth(), lly)
                                : new Matrix(1, 0, 0, 1, llx, lly));
                        Consumer<Canvas> draw = p == pages - 1 ? lastPage : otherPages;
                        draw.accept(new Canvas(doc, cs, font));
                    }
                }
                doc.save(out);
                return out.toByteArray();
            }
        }
    }

    @BeforeAll
    static void setUp() throws Exception {
        ca = new TestCa();
        signer = ca.signer("Người Ký Thử");
        Files.createDirectories(Path.of("target/placement"));
    }

    static Stream<Layout> layouts() {
        PDRectangle a4 = new PDRectangle(A4_W, A4_H);
        PDRectangle a4Sideways = new PDRectangle(A4_H, A4_W);
        PDRectangle offset = new PDRectangle(100, 50, A4_W, A4_H);
        return Stream.of(
                new Layout("side-by-side-borderless", 0, a4, 1, c -> {
                    body(c);
                    threeColumns(c, false, false);
                }, null, threeColumnBlocks() ),
                new Layout("side-by-side-table", 0, a4, 1, c -> {
                    body(c);
                    threeColumns(c, true, false);
                }, null, threeColumnBlocks() ),
                new Layout("stacked-one-column", 0, a4, 1, SignaturePlacementLayoutsTest::stacked, null,
                        stackedBlocks() ),
                new Layout("keyword-at-page-bottom", 0, a4, 1, c -> {
                    body(c);
                    c.text(60, 300, 11, "GIÁO VIÊN");
                    c.text(60, 200, 11, "DUYỆT CỦA TỔ TRƯỞNG");
                    c.text(400, 22, 11, "HIỆU TRƯỞNG");
                }, null, Map.of() ),
                new Layout("keyword-repeated", 0, a4, 2, c -> {
                    c.text(56, 780, 11, "Ý KIẾN CỦA HIỆU TRƯỞNG VỀ VIỆC THỰC HIỆN KẾ HOẠCH:");
                    c.text(56, 760, 11, "Đồng ý để giáo viên thực hiện; HIỆU TRƯỞNG theo dõi hằng tuần.");
                    threeColumns(c, false, false);
                }, c -> {
                    body(c);
                    c.text(56, 380, 11, "Tổ chuyên môn và HIỆU TRƯỞNG nhận xét ở trang sau.");
                }, threeColumnBlocks() ),
                new Layout("keyword-split-over-two-lines", 0, a4, 1, c -> {
                    body(c);
                    threeColumns(c, false, true);
                }, null, threeColumnBlocks() ),
                new Layout("scanned-page", 0, a4, 1, SignaturePlacementLayoutsTest::scan, null, Map.of()),
                new Layout("rotated-90", 90, a4Sideways, 1, c -> {
                    body(c);
                    threeColumns(c, true, false);
                }, null, threeColumnBlocks() ),
                new Layout("mediabox-not-at-origin", 0, offset, 1, SignaturePlacementLayoutsTest::stacked, null,
                        stackedBlocks()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void threeSignaturesStandInFreeSpaceUnderTheirOwnHeadings(Layout layout) throws Exception {
        byte[] original = layout.build();
        BufferedImage before = render(original, layout.pages() - 1);

        byte[] pdf = original;
        Map<Role, String> notes = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            PreparedSignature prepared = pades.prepare(pdf, request(role));
            notes.put(role, prepared.placement());
            pdf = pades.sign(pdf, request(role));
        }
        Files.write(Path.of("target/placement/" + layout.name() + ".pdf"), pdf);
        for (int p = 0; p < layout.pages(); p++) {
            ImageIO.write(render(pdf, p), "png", Path.of("target/placement/" + layout.name() + "-page" + (p + 1)
                    + ".png").toFile());
        }

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<Rectangle2D> placed = new ArrayList<>();
            int r = 0;
            for (PDSignatureField field : signatureFields(doc)) {
                Role role = Role.values()[r++];
                PDAnnotationWidget widget = field.getWidgets().get(0);
                PDRectangle rect = widget.getRectangle();
                assertThat(rect.getWidth()).as("%s: %s has a visible appearance (%s)", layout, role, notes.get(role))
                        .isPositive();
                PDPage page = widget.getPage();
                assertThat(doc.getPages().indexOf(page)).as("%s: %s on the last page", layout, role)
                        .isEqualTo(layout.pages() - 1);
                Rectangle2D shown = toDisplay(page, rect);
                assertThat(new Rectangle2D.Double(0, 0, displayWidth(page), displayHeight(page)).contains(shown))
                        .as("%s: %s lies on the page: %s", layout, role, shown).isTrue();
                for (Rectangle2D other : placed) {
                    assertThat(shown.intersects(other)).as("%s: %s overlaps an earlier appearance", layout, role)
                            .isFalse();
                }
                placed.add(shown);
                assertThat(printedPixels(before, shown)).as("%s: %s covers printed content (%s)", layout, role,
                        notes.get(role)).isZero();
                Rectangle2D block = layout.blocks().get(role);
                if (block != null) {
                    assertThat(block.contains(shown)).as("%s: %s stands in its block %s, not at %s (%s)", layout,
                            role, block, shown, notes.get(role)).isTrue();
                    assertThat(notes.get(role)).startsWith("Dưới «" + role.keyword + "»");
                }
            }
            assertThat(r).isEqualTo(3);
        }
    }

    private static SignatureRequest request(Role role) {
        return new SignatureRequest(signer, SignatureLevel.B_B, new Appearance(role.name, role.title,
                "Trường THCS Hòa Bình", Instant.parse("2026-12-04T02:15:00Z"), null,
                new Appearance.NearKeyword(role.keyword, 200, 60)), "Ký duyệt", "Hòa Bình");
    }

    // ----- the layouts ------------------------------------------------------------------------------------------

    /** A lesson plan's body: title and lines of Vietnamese text down to y = 420. */
    static void body(Canvas c) {
        c.textCentred(A4_W / 2, 790, 14, "KẾ HOẠCH BÀI DẠY");
        c.textCentred(A4_W / 2, 770, 11, "Môn: Ngữ văn – Lớp 8 – Tuần 12");
        String[] lines = {
            "I. Mục tiêu: học sinh hiểu được đặc điểm của văn bản nghị luận xã hội.",
            "II. Thiết bị dạy học và học liệu: máy chiếu, phiếu học tập, bảng phụ.",
            "III. Tiến trình dạy học: khởi động, hình thành kiến thức, luyện tập, vận dụng.",
            "Hoạt động 1: Giáo viên nêu vấn đề, học sinh thảo luận theo nhóm bốn người.",
            "Hoạt động 2: Học sinh đọc văn bản, trả lời câu hỏi; giáo viên chốt kiến thức.",
            "Hoạt động 3: Luyện tập viết đoạn văn ngắn về một hiện tượng đời sống.",
            "Hoạt động 4: Vận dụng: tìm hiểu thêm ở nhà và chia sẻ trong tiết sau.",
        };
        float y = 740;
        while (y > 430) {
            for (String line : lines) {
                if (y <= 430) {
                    break;
                }
                c.text(56, y, 11, line);
                y -= 16;
            }
        }
    }

    static final float[] CENTRES = {137, 297, 457};
    static final float HEADING = 330;
    static final float NAMES = 210;

    /** GIÁO VIÊN | TỔ TRƯỞNG | HIỆU TRƯỞNG side by side, names under them, optionally in a bordered table. */
    static void threeColumns(Canvas c, boolean bordered, boolean splitHeadings) {
        String[][] headings = splitHeadings
                ? new String[][] {{"NGƯỜI SOẠN", "GIÁO VIÊN"}, {"DUYỆT CỦA", "TỔ TRƯỞNG"}, {"DUYỆT CỦA", "HIỆU TRƯỞNG"}}
                : new String[][] {{"GIÁO VIÊN"}, {"DUYỆT CỦA TỔ TRƯỞNG"}, {"DUYỆT CỦA HIỆU TRƯỞNG"}};
        String[] names = {"Nguyễn Thị Lan", "Trần Văn Hùng", "Phạm Thị Mai"};
        for (int i = 0; i < 3; i++) {
            float y = HEADING + (headings[i].length - 1) * 14;
            for (String h : headings[i]) {
                c.textCentred(CENTRES[i], y, 11, h);
                y -= 14;
            }
            c.textCentred(CENTRES[i], NAMES, 11, names[i]);
        }
        if (bordered) {
            c.rect(56, NAMES - 12, 483, HEADING + 28 - (NAMES - 12));
            c.line(217, NAMES - 12, 217, HEADING + 28);
            c.line(377, NAMES - 12, 377, HEADING + 28);
        }
    }

    /**
     * Where each column's appearance belongs: its third of the table (halfway between the headings, give or take a
     * few points where the headings are of unequal width), between the heading and the name.
     */
    static Map<Role, Rectangle2D> threeColumnBlocks() {
        float headingBottom = HEADING - 2;
        float nameTop = NAMES + 11;
        float slack = 6;
        float[] edges = {56 - slack, 217 - slack, 377 - slack, 539 + slack};
        Map<Role, Rectangle2D> blocks = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            int i = role.ordinal();
            float right = i == 2 ? edges[3] : edges[i + 1] + 2 * slack;
            blocks.put(role, new Rectangle2D.Double(edges[i], nameTop, right - edges[i], headingBottom - nameTop));
        }
        return blocks;
    }

    static final float[] STACK = {410, 342, 274};

    /** The case from the issue: the three blocks stacked in one column on the right, little space between them. */
    static void stacked(Canvas c) {
        body(c);
        c.text(56, STACK[0], 11, "Nơi nhận:");
        c.text(56, STACK[0] - 14, 10, "- Như trên;");
        c.text(56, STACK[0] - 28, 10, "- Lưu: hồ sơ chuyên môn.");
        c.textCentred(420, STACK[0], 11, "DUYỆT CỦA TỔ TRƯỞNG");
        c.textCentred(420, STACK[1], 11, "DUYỆT CỦA HIỆU TRƯỞNG");
        c.textCentred(420, STACK[2], 11, "GIÁO VIÊN");
        c.textCentred(420, STACK[2] - 80, 11, "Nguyễn Thị Lan");
    }

    static Map<Role, Rectangle2D> stackedBlocks() {
        Map<Role, Rectangle2D> blocks = new LinkedHashMap<>();
        blocks.put(Role.HEAD, new Rectangle2D.Double(240, STACK[1] + 11, 539 - 240, STACK[0] - 2 - STACK[1] - 11));
        blocks.put(Role.PRINCIPAL, new Rectangle2D.Double(240, STACK[2] + 11, 539 - 240,
                STACK[1] - 2 - STACK[2] - 11));
        blocks.put(Role.AUTHOR, new Rectangle2D.Double(240, STACK[2] - 80 + 11, 539 - 240, STACK[2] - 2 - STACK[2]
                + 80 - 11));
        return blocks;
    }

    /** A scanned page: one image covering the page, no text. */
    static void scan(Canvas c) {
        BufferedImage img = new BufferedImage(595, 842, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(250, 248, 240));
        g.fillRect(0, 0, 595, 842);
        g.setColor(new Color(60, 60, 60));
        for (int y = 80; y < 700; y += 18) {
            g.fillRect(56, y, 480 - (y % 7) * 20, 6);
        }
        g.dispose();
        c.image(img, 0, 0, A4_W, A4_H);
    }

    // ----- drawing in display space -----------------------------------------------------------------------------

    /** Draws in the coordinates a reader sees, whatever the page's /Rotate and boxes. */
    static final class Canvas {
        private final PDDocument doc;
        private final PDPageContentStream cs;
        private final PDType0Font font;

        Canvas(PDDocument doc, PDPageContentStream cs, PDType0Font font) {
            this.doc = doc;
            this.cs = cs;
            this.font = font;
        }

        void text(float x, float baseline, float size, String s) {
            try {
                cs.beginText();
                cs.setFont(font, size);
                cs.newLineAtOffset(x, baseline);
                cs.showText(s);
                cs.endText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void textCentred(float centre, float baseline, float size, String s) {
            try {
                text(centre - font.getStringWidth(s) / 1000 * size / 2, baseline, size, s);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void line(float x1, float y1, float x2, float y2) {
            try {
                cs.setLineWidth(0.75f);
                cs.moveTo(x1, y1);
                cs.lineTo(x2, y2);
                cs.stroke();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void rect(float x, float y, float w, float h) {
            try {
                cs.setLineWidth(0.75f);
                cs.addRect(x, y, w, h);
                cs.stroke();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void image(BufferedImage img, float x, float y, float w, float h) {
            try {
                cs.drawImage(LosslessFactory.createFromImage(doc, img), x, y, w, h);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ----- reading the result -----------------------------------------------------------------------------------

    static BufferedImage render(byte[] pdf, int pageIndex) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFRenderer(doc).renderImage(pageIndex, SCALE);
        }
    }

    /** Pixels of the page as printed before signing that are not paper (white, or a scan's off-white) inside it. */
    static int printedPixels(BufferedImage page, Rectangle2D display) {
        int x0 = (int) Math.floor(display.getMinX() * SCALE);
        int x1 = (int) Math.ceil(display.getMaxX() * SCALE);
        int y0 = (int) Math.floor((page.getHeight() / SCALE - display.getMaxY()) * SCALE);
        int y1 = (int) Math.ceil((page.getHeight() / SCALE - display.getMinY()) * SCALE);
        int count = 0;
        for (int y = Math.max(0, y0); y < Math.min(page.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(page.getWidth(), x1); x++) {
                Color c = new Color(page.getRGB(x, y));
                if (c.getRed() < 230 || c.getGreen() < 230 || c.getBlue() < 230) {
                    count++;
                }
            }
        }
        return count;
    }

    static double displayWidth(PDPage page) {
        int rot = Math.floorMod(page.getRotation(), 360);
        return rot == 90 || rot == 270 ? page.getCropBox().getHeight() : page.getCropBox().getWidth();
    }

    static double displayHeight(PDPage page) {
        int rot = Math.floorMod(page.getRotation(), 360);
        return rot == 90 || rot == 270 ? page.getCropBox().getWidth() : page.getCropBox().getHeight();
    }

    /** User space → what the reader sees: the crop box to the origin, then turned clockwise by /Rotate. */
    static Rectangle2D toDisplay(PDPage page, PDRectangle r) {
        PDRectangle crop = page.getCropBox();
        AffineTransform t = switch (Math.floorMod(page.getRotation(), 360)) {
            case 90 -> new AffineTransform(0, -1, 1, 0, 0, crop.getWidth());
            case 180 -> new AffineTransform(-1, 0, 0, -1, crop.getWidth(), crop.getHeight());
            case 270 -> new AffineTransform(0, 1, -1, 0, crop.getHeight(), 0);
            default -> new AffineTransform();
        };
        t.translate(-crop.getLowerLeftX(), -crop.getLowerLeftY());
        return t.createTransformedShape(new Rectangle2D.Float(r.getLowerLeftX(), r.getLowerLeftY(), r.getWidth(),
                r.getHeight())).getBounds2D();
    }

    static List<PDSignatureField> signatureFields(PDDocument doc) {
        List<PDSignatureField> out = new ArrayList<>();
        for (PDField f : doc.getDocumentCatalog().getAcroForm().getFieldTree()) {
            if (f instanceof PDSignatureField s) {
                out.add(s);
            }
        }
        return out;
    }
}
