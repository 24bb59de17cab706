package vn.truongso.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.truongso.verification.VerificationReport.Change;
import vn.truongso.verification.VerificationReport.ChangeKind;
import vn.truongso.verification.VerificationReport.SignatureReport;
import vn.truongso.verification.VerificationReport.Verdict;

/**
 * The shadow-attack corpus (shared/test-vectors/shadow-attacks, see its README): every manipulated file must be
 * reported as changed after signing, saying what changed, and must not read as valid; every signed twin is untrusted
 * (the researchers' own certificate) but unchanged after signing.
 */
class ShadowAttackVectorsTest {

    static final PdfVerifier VERIFIER = new PdfVerifier(List.of(), null, Clock.systemUTC());
    static final List<ChangeKind> VISIBLE_OR_OBJECTS = List.of(ChangeKind.PAGE_APPEARANCE, ChangeKind.PAGE_COUNT,
            ChangeKind.PAGE_CONTENT, ChangeKind.ANNOTATIONS, ChangeKind.FORM_FIELDS, ChangeKind.DOCUMENT_STRUCTURE,
            ChangeKind.OTHER_OBJECTS);

    static Stream<Path> manipulated() {
        return TestVectors.pdfs("shadow-attacks").stream().filter(p -> name(p).contains("manipulated"));
    }

    static Stream<Path> signedTwins() {
        return TestVectors.pdfs("shadow-attacks").stream().filter(p -> !name(p).contains("manipulated"));
    }

    @Test
    void theCorpusIsThere() {
        assertThat(manipulated()).hasSize(8);
        assertThat(signedTwins()).hasSize(7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manipulated")
    void aManipulatedFileIsReportedAsChangedAfterSigning(Path file) throws Exception {
        VerificationReport r = VERIFIER.verify(Files.readAllBytes(file));

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(r.summary()).startsWith("CẢNH BÁO: tài liệu đã bị thay đổi sau khi ký (")
                .doesNotContainIgnoringCase("hợp lệ của").contains("KHÔNG được coi là hợp lệ");
        assertThat(r.signatures()).isNotEmpty();
        for (SignatureReport s : r.signatures()) {
            assertThat(s.coverage().wholeDocument()).isFalse();
            assertThat(s.coverage().revisionsAfter()).isPositive();
            assertThat(s.coverage().changedAfterSigning()).as(s.summary()).isTrue();
            List<Change> notAllowed = s.coverage().changes().stream().filter(c -> !c.allowed()).toList();
            assertThat(notAllowed).extracting(Change::kind).containsAnyElementsOf(VISIBLE_OR_OBJECTS);
            assertThat(notAllowed).allSatisfy(c -> assertThat(c.description()).isNotBlank());
            assertThat(s.summary()).startsWith("CẢNH BÁO: tài liệu đã bị thay đổi sau khi ký (");
            assertThat(s.status()).isEqualTo(VerificationReport.Status.INVALID);
        }
        // What changed is named: page 1 looks different, or its content / the file's objects were modified.
        assertThat(r.summary()).containsAnyOf("trang 1 hiển thị khác", "nội dung trang 1 bị sửa",
                "chú thích trên trang", "các đối tượng trong tệp bị sửa đổi", "cấu trúc tài liệu bị sửa");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedTwins")
    void aSignedTwinIsUntrustedButUnchanged(Path file) throws Exception {
        VerificationReport r = VERIFIER.verify(Files.readAllBytes(file));

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(r.summary()).contains("tài liệu không bị thay đổi sau khi ký").doesNotContain("đã bị thay đổi");
        assertThat(r.signatures()).hasSize(1);
        SignatureReport s = r.signatures().get(0);
        assertThat(s.trusted()).isFalse();
        assertThat(s.subIndication()).isEqualTo("NO_CERTIFICATE_CHAIN_FOUND");
        assertThat(s.signer()).isEqualTo("Firstname Lastname");
        assertThat(s.coverage().wholeDocument()).isTrue();
        assertThat(s.coverage().changes()).isEmpty();
        assertThat(s.coverage().byteRangeProblems()).isEmpty();
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }
}
