package vn.truongso.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import vn.truongso.pki.SchoolPki;
import vn.truongso.pki.TimeStamps;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;
import vn.truongso.verification.PdfVerifier;
import vn.truongso.verification.VerificationReport;

/**
 * Deferred signing with the sample PKI, as remote signing will do it: prepare without the key, sign the digest
 * elsewhere, complete later (in another signer instance), checked by EU DSS and poppler's pdfsig.
 */
@IntegrationTest
class PadesTwoPhaseIntegrationTest {

    @TempDir
    static Path work;
    static Pdfsig pdfsig;

    @Autowired
    PadesSigner signer;
    @Autowired
    SchoolPki pki;
    @Autowired
    TimeStamps timeStamps;
    @Autowired
    PdfVerifier verifier;

    @BeforeAll
    static void trustTheSampleRoot() throws Exception {
        pdfsig = new Pdfsig(work, Path.of("certs-sample/root-ca.pem"), Path.of("certs-sample/issuing-ca.pem"));
    }

    static byte[] plan() throws Exception {
        return Files.readAllBytes(Path.of("docs/samples/ke-hoach-bai-day-mau.pdf"));
    }

    /** The phone's side: the signer's key, used on the digest alone. */
    SignatureValueProvider key(String who) {
        return SigningIntegrationTest.sampleKey(pki, who);
    }

    /** The server's side in both phases: the chain only (PadesTwoPhaseTest.chainOnly fails on any use of a key). */
    SignatureRequest request(String who, SignatureLevel level) {
        return new SignatureRequest(PadesTwoPhaseTest.chainOnly(key(who)), level,
                new Appearance(who, "Hiệu trưởng", "Trường THCS Hòa Bình", Instant.now(), null,
                        new Appearance.NearKeyword("HIỆU TRƯỞNG", 200, 60)), "Phê duyệt", "Hòa Bình");
    }

    @ParameterizedTest
    @EnumSource(SignatureLevel.class)
    void preparedThenCompletedPassesEuDssAndPdfsigAtEveryLevel(SignatureLevel level) throws Exception {
        SignatureRequest request = request("ht.mai", level);
        PreparedSignature prepared = signer.prepare(plan(), request);
        byte[] value = key("ht.mai").signDigest(prepared.digest());
        byte[] signed = signer.complete(prepared, request, value);

        VerificationReport report = verifier.verify(signed);
        VerificationReport.SignatureReport signature = signatureOf(report);
        assertThat(signature.indication()).as(signature.toString()).isEqualTo("TOTAL_PASSED");
        assertThat(signature.level()).isEqualTo("PAdES-BASELINE-" + level.name().substring(2));
        assertThat(signature.trusted()).isTrue();
        assertThat(signature.signer()).isEqualTo("Phạm Thị Mai");
        assertThat(signature.coverage().changedAfterSigning()).isFalse();
        assertThat(report.verdict()).as(report.summary()).isEqualTo(level == SignatureLevel.B_B
                ? VerificationReport.Verdict.VALID_WITH_WARNINGS : VerificationReport.Verdict.VALID);

        pdfsig.trustCrls(List.of(pki.crl(), pki.fetch("http://localhost:8080/pki/crl/root-ca.crl").orElseThrow()));
        Path file = work.resolve("two-phase-" + level + ".pdf");
        Files.write(file, signed);
        assertThat(pdfsig.check(file)).contains("Signer Certificate Common Name: Phạm Thị Mai")
                .contains("Signature Type: ETSI.CAdES.detached")
                .contains("Signature Validation: Signature is Valid.")
                .contains("Certificate Validation: Certificate is Trusted.")
                .doesNotContain("Signature is Invalid");
    }

    @Test
    void aPreparedSignatureStoredAsBytesIsCompletedByAnotherSignerInstance() throws Exception {
        SignatureRequest request = request("ht.mai", SignatureLevel.B_LTA);
        PreparedSignature prepared = signer.prepare(plan(), request);
        // As if in three blob columns, read back after a restart.
        Files.write(work.resolve("prepared.pdf"), prepared.pdf());
        Files.write(work.resolve("prepared.attrs"), prepared.signedAttributes());
        Files.write(work.resolve("prepared.digest"), prepared.digest());
        byte[] value = key("ht.mai").signDigest(Files.readAllBytes(work.resolve("prepared.digest")));

        PreparedSignature stored = new PreparedSignature(Files.readAllBytes(work.resolve("prepared.pdf")),
                Files.readAllBytes(work.resolve("prepared.attrs")), Files.readAllBytes(work.resolve("prepared.digest")));
        PadesSigner afterRestart = new PadesSigner(timeStamps::timeStampToken,
                c -> SigningConfig.revocation(pki, c));
        byte[] signed = afterRestart.complete(stored, request("ht.mai", SignatureLevel.B_LTA), value);

        VerificationReport report = verifier.verify(signed);
        assertThat(report.verdict()).as(report.summary()).isEqualTo(VerificationReport.Verdict.VALID);
        assertThat(signatureOf(report).level()).isEqualTo("PAdES-BASELINE-LTA");
    }

    @Test
    void aBatchPreparedTogetherCompletesInAnyOrder() throws Exception {
        byte[] first = plan();
        byte[] second = TestPdfs.lessonPlan("Bài 7: Hình thang cân");
        SignatureRequest request = request("ht.mai", SignatureLevel.B_T);
        PreparedSignature a = signer.prepare(first, request);
        PreparedSignature b = signer.prepare(second, request);
        // One confirmation on the phone signs both digests.
        byte[] valueA = key("ht.mai").signDigest(a.digest());
        byte[] valueB = key("ht.mai").signDigest(b.digest());

        byte[] signedB = signer.complete(b, request, valueB);
        byte[] signedA = signer.complete(a, request, valueA);

        for (byte[] signed : List.of(signedA, signedB)) {
            VerificationReport report = verifier.verify(signed);
            assertThat(report.verdict()).as(report.summary()).isEqualTo(VerificationReport.Verdict.VALID);
            assertThat(signatureOf(report).indication()).isEqualTo("TOTAL_PASSED");
        }
        assertThat(java.util.Arrays.copyOf(signedA, first.length)).isEqualTo(first);
        assertThat(java.util.Arrays.copyOf(signedB, second.length)).isEqualTo(second);
    }

    private static VerificationReport.SignatureReport signatureOf(VerificationReport report) {
        return report.signatures().stream().filter(s -> s.kind() == VerificationReport.Kind.SIGNATURE)
                .findFirst().orElseThrow();
    }
}
