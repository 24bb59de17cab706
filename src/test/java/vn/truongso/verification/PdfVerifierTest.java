package vn.truongso.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.truongso.common.ApiException;
import vn.truongso.pki.SchoolPki;
import vn.truongso.support.TestPdfs;
import vn.truongso.verification.VerificationReport.ByteRangeProblem;
import vn.truongso.verification.VerificationReport.Change;
import vn.truongso.verification.VerificationReport.ChangeKind;
import vn.truongso.verification.VerificationReport.Kind;
import vn.truongso.verification.VerificationReport.SignatureReport;
import vn.truongso.verification.VerificationReport.Status;
import vn.truongso.verification.VerificationReport.TimeSource;
import vn.truongso.verification.VerificationReport.Verdict;

/** Our own signed PDFs, untouched and tampered with, through the whole verifier (DSS and our revision analysis). */
class PdfVerifierTest {

    static TestCa ca;
    static byte[] unsigned;
    static byte[] signedB;
    static PdfVerifier trusting;

    @BeforeAll
    static void sign() {
        ca = new TestCa();
        unsigned = TestPdfs.lessonPlan("Bài 5: Phương trình bậc nhất một ẩn");
        signedB = ca.sign(unsigned, SignatureLevel.PAdES_BASELINE_B);
        trusting = new PdfVerifier(List.of(ca.root), ca.pki(), Clock.systemUTC());
    }

    @Test
    void untouchedSignatureWithTrustedRootPassesAtBaselineB() {
        VerificationReport r = trusting.verify(signedB);

        SignatureReport s = only(r);
        assertThat(s.indication()).isEqualTo("TOTAL_PASSED");
        assertThat(s.level()).isEqualTo("PAdES-BASELINE-B");
        assertThat(s.signer()).isEqualTo("Phạm Thị Mai");
        assertThat(s.trusted()).isTrue();
        assertThat(s.certificateChain()).extracting(c -> c.commonName())
                .containsExactly("Phạm Thị Mai", "TruongSo Test Issuing CA", "TruongSo Test Root CA");
        assertThat(s.certificateChain().get(1).revocation().status()).isEqualTo("GOOD"); // the root's CRL
        assertThat(s.coverage().wholeDocument()).isTrue();
        assertThat(s.coverage().changes()).isEmpty();
        assertThat(s.coverage().byteRangeProblems()).isEmpty();
        // No signing-time attribute and no time-stamp: the best there is, is the signer's own /M.
        assertThat(s.signingTimeSource()).isEqualTo(TimeSource.CLAIMED_BY_SIGNER);
        assertThat(s.signingTime().getOffset().getId()).isEqualTo("+07:00");
        // The CRL came from the school PKI through the data loader.
        assertThat(s.revocation().status()).isEqualTo("GOOD");
        assertThat(s.revocation().type()).isEqualTo("CRL");
        assertThat(s.revocation().source()).isEqualTo("FETCHED");
        assertThat(s.revocation().url()).isEqualTo(TestCa.CRL_URL);
        // Valid, but without a trusted time the signing time is only claimed.
        assertThat(s.status()).isEqualTo(Status.VALID_WITH_WARNINGS);
        assertThat(r.verdict()).isEqualTo(Verdict.VALID_WITH_WARNINGS);
        assertThat(s.summary()).startsWith("Chữ ký hợp lệ của Phạm Thị Mai, ký lúc ")
                .contains("+07:00").contains("tài liệu không bị thay đổi sau khi ký.");
        assertThat(r.summary()).doesNotContain("CẢNH BÁO");
    }

    @Test
    void withoutTheRootTrustedTheVerdictIsIndeterminateButNotModified() {
        VerificationReport r = new PdfVerifier(List.of(), null, Clock.systemUTC()).verify(signedB);

        SignatureReport s = only(r);
        assertThat(r.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(s.indication()).isEqualTo("INDETERMINATE");
        assertThat(s.subIndication()).isEqualTo("NO_CERTIFICATE_CHAIN_FOUND");
        assertThat(s.trusted()).isFalse();
        assertThat(s.coverage().changedAfterSigning()).isFalse();
        assertThat(r.summary()).contains("không chuỗi về nguồn tin cậy").contains("không bị thay đổi sau khi ký");
    }

    @Test
    void aByteChangedInsideTheSignedRangeFailsTheHash() {
        VerificationReport r = trusting.verify(Tamper.flipByteInSignedRange(signedB));

        SignatureReport s = only(r);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(s.indication()).isEqualTo("TOTAL_FAILED");
        assertThat(s.subIndication()).isEqualTo("HASH_FAILURE");
        assertThat(s.summary()).startsWith("KHÔNG HỢP LỆ").contains("giá trị băm không khớp");
    }

    @Test
    void pageContentChangedInAnIncrementalUpdateIsCaught() {
        VerificationReport r = trusting.verify(Tamper.changePageContentIncrementally(signedB));

        SignatureReport s = only(r);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(s.status()).isEqualTo(Status.INVALID);
        assertThat(s.coverage().wholeDocument()).isFalse();
        assertThat(s.coverage().revisionsAfter()).isEqualTo(1);
        assertThat(s.coverage().changedAfterSigning()).isTrue();
        assertThat(kinds(s)).contains(ChangeKind.PAGE_CONTENT, ChangeKind.PAGE_APPEARANCE);
        assertThat(change(s, ChangeKind.PAGE_CONTENT).pages()).containsExactly(1);
        assertThat(change(s, ChangeKind.PAGE_CONTENT).detectedBy()).contains("TRUONGSO");
        assertThat(change(s, ChangeKind.PAGE_APPEARANCE).detectedBy()).containsExactly("DSS");
        // DSS with our stricter policy fails it too (its default policy would only warn).
        assertThat(s.indication()).isEqualTo("TOTAL_FAILED");
        assertThat(r.summary()).startsWith("CẢNH BÁO: tài liệu đã bị thay đổi sau khi ký (trang 1 hiển thị khác");
    }

    @Test
    void aByteRangeThatStopsShortOfTheFileIsNotValid() {
        VerificationReport r = trusting.verify(Tamper.byteRangeShort(signedB, 100));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        SignatureReport s = only(r);
        assertThat(s.coverage().wholeDocument()).isFalse();
        assertThat(s.coverage().byteRangeProblems()).contains(ByteRangeProblem.NOT_AT_REVISION_END);
        assertThat(s.summary()).startsWith("KHÔNG HỢP LỆ: vùng dữ liệu được ký");
    }

    @Test
    void aByteRangeWhoseGapHoldsMoreThanTheSignatureValueIsNotValid() {
        VerificationReport r = trusting.verify(Tamper.byteRangeWiderGap(signedB, 16));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(only(r).coverage().byteRangeProblems()).contains(ByteRangeProblem.GAP_NOT_SIGNATURE_VALUE);
    }

    @Test
    void aPageReplacedBehindAnIntactSignatureIsCaught() {
        VerificationReport r = trusting.verify(Tamper.replacePageKeepingSignature(signedB));

        SignatureReport s = only(r);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(s.coverage().changedAfterSigning()).isTrue();
        assertThat(s.coverage().changes()).filteredOn(c -> !c.allowed()).isNotEmpty();
        assertThat(r.summary()).contains("đã bị thay đổi sau khi ký");
    }

    @Test
    void aSignatureValueMovedOntoAnotherDocumentFails() {
        VerificationReport r = trusting.verify(Tamper.relocateSignatureValue(signedB, "Bài giả mạo"));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        SignatureReport s = only(r);
        assertThat(s.indication()).isEqualTo("TOTAL_FAILED");
        assertThat(s.subIndication()).isEqualTo("HASH_FAILURE");
    }

    @Test
    void anUnsignedPdfHasNoSignature() {
        VerificationReport r = trusting.verify(unsigned);

        assertThat(r.verdict()).isEqualTo(Verdict.NO_SIGNATURE);
        assertThat(r.signatures()).isEmpty();
        assertThat(r.summary()).isEqualTo("Tài liệu không có chữ ký số.");
    }

    @Test
    void somethingThatIsNotAPdfIsRefused() {
        assertThatThrownBy(() -> trusting.verify("xin chào".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ApiException.class).hasMessageContaining("không phải là tệp PDF");
    }

    @Test
    void aTimestampedSignatureIsValidWithTrustedTime() {
        VerificationReport r = trusting.verify(ca.sign(unsigned, SignatureLevel.PAdES_BASELINE_T));

        SignatureReport s = only(r);
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(s.level()).isEqualTo("PAdES-BASELINE-T");
        assertThat(s.signingTimeSource()).isEqualTo(TimeSource.SIGNATURE_TIMESTAMP);
        assertThat(s.timestamps()).extracting(t -> t.type()).containsExactly("SIGNATURE_TIMESTAMP");
        assertThat(s.timestamps().get(0).producedBy()).isEqualTo("TruongSo Test TSA");
        assertThat(s.summary()).doesNotContain("tự khai");
    }

    @Test
    void longTermSignaturesFollowedByASecondSignatureOnlyShowAllowedChanges() {
        byte[] first = ca.sign(unsigned, SignatureLevel.PAdES_BASELINE_LT, 600);
        byte[] both = ca.signAs("Nguyễn Văn Hùng", first, SignatureLevel.PAdES_BASELINE_LTA, 450);

        VerificationReport r = trusting.verify(both);

        assertThat(r.signatures()).extracting(SignatureReport::kind)
                .containsExactly(Kind.SIGNATURE, Kind.SIGNATURE, Kind.DOCUMENT_TIMESTAMP);
        assertThat(r.signatures()).allSatisfy(s -> {
            assertThat(s.status()).as(s.summary()).isEqualTo(Status.VALID);
            assertThat(s.coverage().changedAfterSigning()).isFalse();
        });
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        SignatureReport mai = r.signatures().get(0);
        assertThat(mai.level()).isEqualTo("PAdES-BASELINE-LTA");
        assertThat(mai.revocation().sources()).contains("EMBEDDED_DSS");
        assertThat(kinds(mai)).contains(ChangeKind.LATER_SIGNATURE, ChangeKind.VALIDATION_DATA,
                ChangeKind.DOCUMENT_TIMESTAMP);
        assertThat(mai.summary()).contains("sau khi ký, tài liệu chỉ được bổ sung");
        assertThat(r.signatures().get(2).coverage().wholeDocument()).isTrue();
    }

    @Test
    void twoVisibleSignaturesMadeByOurSignerAreBothValid() {
        TestCa.Identity mai = ca.person("Phạm Thị Mai");
        TestCa.Identity hung = ca.person("Nguyễn Văn Hùng");
        byte[] once = ourSigner(unsigned, mai, new vn.truongso.signing.Appearance.At(1, 60, 120, 220, 50));
        byte[] twice = ourSigner(once, hung, new vn.truongso.signing.Appearance.At(1, 320, 120, 220, 50));

        VerificationReport r = trusting.verify(twice);

        assertThat(r.signatures()).extracting(SignatureReport::signer).containsExactly("Phạm Thị Mai", "Nguyễn Văn Hùng");
        assertThat(r.signatures()).allSatisfy(s -> {
            assertThat(s.indication()).as(s.summary()).isEqualTo("TOTAL_PASSED");
            assertThat(s.level()).isEqualTo("PAdES-BASELINE-B");
            assertThat(s.status()).isEqualTo(Status.VALID_WITH_WARNINGS);
        });
        SignatureReport first = r.signatures().get(0);
        assertThat(first.coverage().wholeDocument()).isFalse();
        assertThat(kinds(first)).containsExactly(ChangeKind.LATER_SIGNATURE);
        assertThat(first.summary()).contains("sau khi ký, tài liệu chỉ được bổ sung chữ ký khác.");
        assertThat(r.verdict()).isEqualTo(Verdict.VALID_WITH_WARNINGS);

        VerificationReport tampered = trusting.verify(Tamper.changePageContentIncrementally(twice));
        assertThat(tampered.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(tampered.signatures()).allSatisfy(s -> assertThat(s.status()).isEqualTo(Status.INVALID));
    }

    @Test
    void contentChangedAfterALongTermSignatureInvalidatesEveryToken() {
        byte[] lta = ca.sign(unsigned, SignatureLevel.PAdES_BASELINE_LTA);
        VerificationReport r = trusting.verify(Tamper.changePageContentIncrementally(lta));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.signatures()).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(s -> assertThat(s.coverage().changedAfterSigning()).isTrue());
    }

    @Test
    void aRevokedSignerIsNotValid() {
        TestCa revoked = new TestCa("Trần Văn Bị Thu Hồi");
        byte[] signed = revoked.sign(unsigned, SignatureLevel.PAdES_BASELINE_B);
        revoked.revokeSigner();

        VerificationReport r = new PdfVerifier(List.of(revoked.root), revoked.pki(), Clock.systemUTC()).verify(signed);

        SignatureReport s = only(r);
        assertThat(r.verdict()).isIn(Verdict.INVALID, Verdict.INDETERMINATE);
        assertThat(s.revocation().status()).isEqualTo("REVOKED");
        assertThat(s.summary()).contains("thu hồi");
    }

    @Test
    void theIssuingCaNeedsRevocationDataToo() {
        // The school PKI must publish the root's CRL for the issuing CA (and the signer embed it for B-LT).
        SchoolPki pki = ca.pki();
        SchoolPki withoutRootCrl = (SchoolPki) Proxy.newProxyInstance(SchoolPki.class.getClassLoader(),
                new Class<?>[]{SchoolPki.class}, (proxy, method, args) ->
                        method.getName().equals("fetch") && TestCa.ROOT_CRL_URL.equals(args[0])
                                ? Optional.empty() : method.invoke(pki, args));
        byte[] signedT = ca.sign(unsigned, SignatureLevel.PAdES_BASELINE_T);

        VerificationReport r = new PdfVerifier(List.of(ca.root), withoutRootCrl, Clock.systemUTC()).verify(signedT);

        assertThat(r.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(only(r).certificateChain().get(1).revocation().status()).isEqualTo("NOT_CHECKED");
        assertThat(r.summary()).contains("không có thông tin thu hồi");
        assertThat(trusting.verify(signedT).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void oneSharedSetupServesConcurrentVerifications() throws Exception {
        byte[] changed = Tamper.changePageContentIncrementally(signedB);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Verdict>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                byte[] pdf = i % 2 == 0 ? signedB : changed;
                results.add(pool.submit(() -> trusting.verify(pdf).verdict()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(60, TimeUnit.SECONDS))
                        .isEqualTo(i % 2 == 0 ? Verdict.VALID_WITH_WARNINGS : Verdict.INVALID);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTruncatedSignedFileIsNeverValid() {
        for (int percent : new int[]{30, 60, 90}) {
            byte[] cut = Arrays.copyOf(signedB, signedB.length * percent / 100);
            VerificationReport r = trusting.verify(cut);
            assertThat(r.verdict()).as(percent + "%: " + r.summary()).isNotIn(Verdict.VALID, Verdict.VALID_WITH_WARNINGS);
        }
        // Cut inside the signature value: the signature dictionary is there but no signature can be read.
        long[] br = Tamper.byteRange(signedB);
        VerificationReport cutInValue = trusting.verify(Arrays.copyOf(signedB, (int) (br[1] + br[2]) / 2));
        assertThat(cutInValue.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(cutInValue.summary()).contains("dấu vết chữ ký số");
    }

    private static SignatureReport only(VerificationReport r) {
        assertThat(r.signatures()).as(r.summary()).hasSize(1);
        return r.signatures().get(0);
    }

    private static List<ChangeKind> kinds(SignatureReport s) {
        return s.coverage().changes().stream().map(Change::kind).toList();
    }

    private static Change change(SignatureReport s, ChangeKind kind) {
        return s.coverage().changes().stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
    }

    /** TruongSo's own PAdES signer (B-B, visible appearance), with a key of the throwaway CA. */
    private byte[] ourSigner(byte[] pdf, TestCa.Identity who, vn.truongso.signing.Appearance.Placement where) {
        return new vn.truongso.signing.PadesSigner(null, null).sign(pdf, new vn.truongso.signing.SignatureRequest(
                new vn.truongso.signing.KeyPairSignatureProvider(who.keys().getPrivate(),
                        List.of(who.certificate(), ca.issuing, ca.root)),
                vn.truongso.signing.SignatureLevel.B_B, new vn.truongso.signing.Appearance(who.name(), "Giáo viên",
                        "Trường THCS Hòa Bình", java.time.Instant.now(), null, where), "Phê duyệt", "Hòa Bình"));
    }
}
