package vn.truongso.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;
import vn.truongso.signing.SignaturePlacementLayoutsTest.Canvas;
import vn.truongso.signing.SignaturePlacementLayoutsTest.Layout;

/**
 * Signing titles as Decree 30/2020 writes them: the authority line ("KT. HIỆU TRƯỞNG" over "PHÓ HIỆU TRƯỞNG",
 * "TM. HỘI ĐỒNG TUYỂN SINH" over "CHỦ TỊCH", "Q. HIỆU TRƯỞNG") in the appearance above the signer's name, and the
 * signature placed in the free space under such a block. Pages and appearances go to {@code target/placement/}.
 */
class SigningTitlesTest {

    static TestCa ca;
    static KeyPairSignatureProvider an;
    final PadesSigner pades = new PadesSigner(null, null);

    @BeforeAll
    static void setUp() throws Exception {
        ca = new TestCa();
        an = ca.signer("Trịnh Văn An");
        Files.createDirectories(Path.of("target/placement"));
    }

    static CurrentUser person(String title, boolean acting, Role... roles) {
        return new CurrentUser("u", "Trịnh Văn An", title, "THCSHB", "Trường THCS Hòa Bình",
                EnumSet.copyOf(Set.of(roles)), null, List.of(), acting);
    }

    // ---- the authority lines ---------------------------------------------------------------------------------

    @Test
    void eachKindOfAuthorityHasTheLinesOfDecree30() {
        assertThat(Authority.own("Hiệu trưởng").lines()).containsExactly("HIỆU TRƯỞNG");
        assertThat(Authority.signingFor("Hiệu trưởng", "Phó hiệu trưởng").lines())
                .containsExactly("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG");
        assertThat(Authority.onBehalfOf("Hội đồng tuyển sinh", "Chủ tịch").lines())
                .containsExactly("TM. HỘI ĐỒNG TUYỂN SINH", "CHỦ TỊCH");
        assertThat(Authority.acting("hiệu  trưởng").lines()).containsExactly("Q. HIỆU TRƯỞNG");
        assertThat(Authority.signingFor("HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG").summary())
                .isEqualTo("KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG (ký thay)");
        assertThat(Authority.own("HIỆU TRƯỞNG").summary()).isEqualTo("HIỆU TRƯỞNG");
        // KT and TM need the signer's own title under them
        assertThatThrownBy(() -> Authority.signingFor("HIỆU TRƯỞNG", " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void howEachPersonSignsThePrincipalsDecisions() {
        assertThat(Authority.asPrincipal(person("Hiệu trưởng", false, Role.PRINCIPAL)).lines())
                .containsExactly("HIỆU TRƯỞNG");
        // the vice-principal the approvals were delegated to: ký thay
        assertThat(Authority.asPrincipal(person("Phó hiệu trưởng phụ trách chuyên môn", false, Role.VICE_PRINCIPAL))
                .lines()).containsExactly("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG");
        // an acting principal: by the account's flag, or by the title
        assertThat(Authority.asPrincipal(person("Phó hiệu trưởng", true, Role.PRINCIPAL)).lines())
                .containsExactly("Q. HIỆU TRƯỞNG");
        assertThat(Authority.asPrincipal(person("Q. Hiệu trưởng", false, Role.PRINCIPAL)).lines())
                .containsExactly("Q. HIỆU TRƯỞNG");
        // other roles sign in their own right
        assertThat(Authority.of(person("Tổ trưởng", false, Role.HEAD), "HEAD").isOwn()).isTrue();
        assertThat(Authority.of(person("Phó hiệu trưởng", false, Role.VICE_PRINCIPAL), "PRINCIPAL").kind())
                .isEqualTo(Authority.Kind.KT);
    }

    // ---- keywords per role -------------------------------------------------------------------------------------

    @Test
    void aDelegateLooksForTheKtBlockFirstThenThePrincipalsHeading() {
        SigningProperties p = new SigningProperties();
        Authority kt = Authority.signingFor("HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG");
        assertThat(p.keywords("PRINCIPAL", Authority.own("HIỆU TRƯỞNG"))).containsExactly("HIỆU TRƯỞNG");
        assertThat(p.keywords("PRINCIPAL", kt)).containsExactly("KT. HIỆU TRƯỞNG", "HIỆU TRƯỞNG");
        assertThat(p.keywords("PRINCIPAL", Authority.acting("HIỆU TRƯỞNG")))
                .containsExactly("Q. HIỆU TRƯỞNG", "HIỆU TRƯỞNG");
        assertThat(p.reason("PRINCIPAL", kt))
                .isEqualTo("Hiệu trưởng phê duyệt – KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG (ký thay)");
        assertThat(p.keywords("SOMEONE")).containsExactly("HIỆU TRƯỞNG"); // DEFAULT
    }

    @Test
    void keywordsAreConfiguredAsBeforeOrAsAListOrCommaSeparated() {
        SigningProperties old = bind(Map.of("truongso.signing.keywords.PRINCIPAL", "DUYỆT CỦA HIỆU TRƯỞNG"));
        assertThat(old.keywords("PRINCIPAL")).containsExactly("DUYỆT CỦA HIỆU TRƯỞNG");
        assertThat(old.keywords("HEAD")).containsExactly("DUYỆT CỦA TỔ TRƯỞNG"); // the others stay
        SigningProperties comma = bind(Map.of("truongso.signing.keywords.PRINCIPAL",
                "DUYỆT CỦA HIỆU TRƯỞNG, HIỆU TRƯỞNG"));
        assertThat(comma.keywords("PRINCIPAL")).containsExactly("DUYỆT CỦA HIỆU TRƯỞNG", "HIỆU TRƯỞNG");
        SigningProperties list = bind(Map.of("truongso.signing.keywords.PRINCIPAL[0]", "DUYỆT CỦA HIỆU TRƯỞNG",
                "truongso.signing.keywords.PRINCIPAL[1]", "HIỆU TRƯỞNG",
                "truongso.signing.keywords.PRINCIPAL_KT", "KÝ THAY HIỆU TRƯỞNG"));
        assertThat(list.keywords("PRINCIPAL")).containsExactly("DUYỆT CỦA HIỆU TRƯỞNG", "HIỆU TRƯỞNG");
        assertThat(list.keywords("PRINCIPAL", Authority.signingFor("HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")))
                .containsExactly("KÝ THAY HIỆU TRƯỞNG");
    }

    private static SigningProperties bind(Map<String, String> properties) {
        SigningProperties p = new SigningProperties();
        new Binder(new MapConfigurationPropertySource(properties)).bind("truongso.signing", Bindable.ofInstance(p));
        return p;
    }

    // ---- appearance and placement under the block ------------------------------------------------------------

    static final float COLUMN = 420;
    static final float HEADING = 330;
    static final float NAME = 210;

    /** A lesson plan whose right-hand signing block has the given lines, the name 120 points under the heading. */
    static Layout block(String name, String... lines) {
        Consumer<Canvas> page = c -> {
            SignaturePlacementLayoutsTest.body(c);
            c.text(56, HEADING, 11, "Nơi nhận:");
            c.text(56, HEADING - 14, 10, "- Như trên;");
            c.text(56, HEADING - 28, 10, "- Lưu: VT.");
            float y = HEADING;
            for (String line : lines) {
                c.textCentred(COLUMN, y, 11, line);
                y -= 14;
            }
            c.textCentred(COLUMN, NAME, 11, "Trịnh Văn An");
        };
        return new Layout(name, 0, PDRectangle.A4, 1, page, null, Map.of());
    }

    record Signed(byte[] pdf, String note, Rectangle2D shown, String text, BufferedImage before) {
    }

    Signed sign(Layout layout, Authority authority, List<String> keywords) throws Exception {
        byte[] original = layout.build();
        SignatureRequest request = new SignatureRequest(an, SignatureLevel.B_B, new Appearance("Trịnh Văn An",
                "Phó hiệu trưởng", "Trường THCS Hòa Bình", Instant.parse("2027-05-12T02:15:00Z"), null,
                new Appearance.NearKeyword(keywords, 200, 60), authority.isOwn() ? List.of() : authority.lines()),
                new SigningProperties().reason("PRINCIPAL", authority), "Hòa Bình");
        String note = pades.prepare(original, request).placement();
        byte[] pdf = pades.sign(original, request);
        Files.write(Path.of("target/placement/" + layout.name() + ".pdf"), pdf);
        ImageIO.write(SignaturePlacementLayoutsTest.render(pdf, 0), "png",
                Path.of("target/placement/" + layout.name() + ".png").toFile());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignatureField field = SignaturePlacementLayoutsTest.signatureFields(doc).get(0);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            assertThat(field.getSignature().getReason()).isEqualTo(request.reason());
            Rectangle2D shown = SignaturePlacementLayoutsTest.toDisplay(widget.getPage(), widget.getRectangle());
            // The appearance alone, large, to look at its Vietnamese letters.
            BufferedImage zoom = new PDFRenderer(doc).renderImage(0, 4);
            ImageIO.write(zoom.getSubimage((int) (shown.getMinX() * 4) - 8,
                    (int) ((PDRectangle.A4.getHeight() - shown.getMaxY()) * 4) - 8,
                    (int) (shown.getWidth() * 4) + 16, (int) (shown.getHeight() * 4) + 16), "png",
                    Path.of("target/placement/" + layout.name() + "-appearance.png").toFile());
            return new Signed(pdf, note, shown, PadesSignerTest.appearanceText(widget),
                    SignaturePlacementLayoutsTest.render(original, 0));
        }
    }

    /** In the block's column, between the last heading line and the name, over nothing printed. */
    static void standsInTheBlock(Signed s, float lastLineBaseline) {
        assertThat(s.shown().getMaxY()).as("under the block's last line (%s)", s.note())
                .isLessThanOrEqualTo(lastLineBaseline);
        assertThat(s.shown().getMinY()).as("above the signer's name (%s)", s.note()).isGreaterThan(NAME + 8);
        assertThat(s.shown().getMinX()).as("in the right-hand column").isGreaterThan(250);
        assertThat(SignaturePlacementLayoutsTest.printedPixels(s.before(), s.shown())).as("covers printed text")
                .isZero();
    }

    @Test
    void aDelegateSignsUnderKtHieuTruongAndPhoHieuTruongWithThoseLinesAboveHisName() throws Exception {
        Authority kt = Authority.signingFor("HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG");
        Signed s = sign(block("kt-block", "KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"), kt,
                new SigningProperties().keywords("PRINCIPAL", kt));
        assertThat(s.note()).isEqualTo("Dưới «KT. HIỆU TRƯỞNG», trang 1.");
        // under both lines of the block: the title line belongs to the heading, it is not what ends the space
        standsInTheBlock(s, HEADING - 14 - 2);
        assertThat(s.text()).isEqualTo("""
                KT. HIỆU TRƯỞNG
                PHÓ HIỆU TRƯỞNG
                Ký bởi: Trịnh Văn An
                Đơn vị: Trường THCS Hòa Bình
                Ngày ký: 12/05/2027 09:15:00 +07:00
                """);
    }

    @Test
    void aDelegateOnADocumentWithOnlyThePrincipalsHeadingSignsUnderIt() throws Exception {
        Authority kt = Authority.signingFor("HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG");
        Signed s = sign(block("kt-on-plain-block", "HIỆU TRƯỞNG"), kt, new SigningProperties().keywords("PRINCIPAL", kt));
        assertThat(s.note()).isEqualTo("Dưới «HIỆU TRƯỞNG», trang 1.");
        standsInTheBlock(s, HEADING - 2);
        assertThat(s.text()).startsWith("KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\nKý bởi: Trịnh Văn An\n");
    }

    @Test
    void onBehalfOfACollectiveBodyAndAsActingPrincipal() throws Exception {
        Authority tm = Authority.onBehalfOf("HỘI ĐỒNG TUYỂN SINH", "CHỦ TỊCH");
        Signed s = sign(block("tm-block", "TM. HỘI ĐỒNG TUYỂN SINH", "CHỦ TỊCH"), tm, tm.lines().subList(0, 1));
        assertThat(s.note()).isEqualTo("Dưới «TM. HỘI ĐỒNG TUYỂN SINH», trang 1.");
        standsInTheBlock(s, HEADING - 14 - 2);
        assertThat(s.text()).startsWith("TM. HỘI ĐỒNG TUYỂN SINH\nCHỦ TỊCH\nKý bởi: Trịnh Văn An\n");

        Authority q = Authority.acting("HIỆU TRƯỞNG");
        Signed acting = sign(block("q-block", "Q. HIỆU TRƯỞNG"), q, new SigningProperties().keywords("PRINCIPAL", q));
        assertThat(acting.note()).isEqualTo("Dưới «Q. HIỆU TRƯỞNG», trang 1.");
        standsInTheBlock(acting, HEADING - 2);
        assertThat(acting.text()).startsWith("Q. HIỆU TRƯỞNG\nKý bởi: Trịnh Văn An\nĐơn vị:")
                .doesNotContain("Chức vụ");
    }
}
