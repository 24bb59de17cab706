package vn.truongso.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.truongso.verification.PdfVerifier;
import vn.truongso.verification.VerificationReport;
import org.springframework.beans.factory.annotation.Autowired;
import vn.truongso.pki.SchoolPki;
import vn.truongso.support.IntegrationTest;

/** Signatures made with the sample PKI, checked by tools that are not ours. */
@IntegrationTest
class SigningIntegrationTest {

    @TempDir
    static Path work;
    static Pdfsig pdfsig;

    @Autowired
    PadesSigner signer;
    @Autowired
    SchoolPki pki;
    @Autowired
    PdfVerifier verifier;

    @BeforeAll
    static void trustTheSampleRoot() throws Exception {
        pdfsig = new Pdfsig(work, Path.of("certs-sample/root-ca.pem"), Path.of("certs-sample/issuing-ca.pem"));
    }

    byte[] sign(SignatureLevel level) throws Exception {
        return sign(Files.readAllBytes(Path.of("docs/samples/ke-hoach-bai-day-mau.pdf")), "ht.mai", level);
    }

    byte[] sign(byte[] pdf, String who, SignatureLevel level) {
        return signer.sign(pdf, new SignatureRequest(key(who), level,
                new Appearance(who, "Chức vụ", "Trường THCS Hòa Bình", Instant.now(), null,
                        new Appearance.NearKeyword("HIỆU TRƯỞNG", 200, 60)), "Phê duyệt", "Hòa Bình"));
    }

    @ParameterizedTest
    @EnumSource(SignatureLevel.class)
    void euDssPassesEveryLevelWithTheSampleRootTrusted(SignatureLevel level) throws Exception {
        VerificationReport report = verifier.verify(sign(level));
        VerificationReport.SignatureReport signature = report.signatures().stream()
                .filter(s -> s.kind() == VerificationReport.Kind.SIGNATURE).findFirst().orElseThrow();
        assertThat(signature.indication()).as(signature.toString()).isEqualTo("TOTAL_PASSED");
        assertThat(signature.level()).isEqualTo("PAdES-BASELINE-" + level.name().substring(2));
        assertThat(signature.trusted()).isTrue();
        assertThat(signature.signer()).isEqualTo("Phạm Thị Mai");
        assertThat(signature.coverage().changedAfterSigning()).isFalse();
        if (level == SignatureLevel.B_B) {
            // No trusted time: valid, with the warning that the signing time is only the signer's claim.
            assertThat(report.verdict()).isEqualTo(VerificationReport.Verdict.VALID_WITH_WARNINGS);
        } else {
            assertThat(report.verdict()).as(report.summary()).isEqualTo(VerificationReport.Verdict.VALID);
        }
        if (level.atLeast(SignatureLevel.B_LT)) {
            // The document carries its own revocation data (the verifier also fetched fresh data, as it may).
            assertThat(signature.revocation().sources()).contains("EMBEDDED_DSS");
        }
        if (level == SignatureLevel.B_LTA) {
            assertThat(report.signatures()).anySatisfy(s -> {
                assertThat(s.kind()).isEqualTo(VerificationReport.Kind.DOCUMENT_TIMESTAMP);
                assertThat(s.indication()).isEqualTo("PASSED");
                assertThat(s.status()).isEqualTo(VerificationReport.Status.VALID);
            });
        }
    }

    @Test
    void threeSignersInTurnAllStayValid() throws Exception {
        byte[] pdf = Files.readAllBytes(Path.of("docs/samples/ke-hoach-bai-day-mau.pdf"));
        byte[] signed = sign(sign(sign(pdf, "gv.lan", SignatureLevel.B_LTA), "tt.hung", SignatureLevel.B_LTA),
                "ht.mai", SignatureLevel.B_LTA);
        VerificationReport report = verifier.verify(signed);
        assertThat(report.verdict()).as(report.summary()).isEqualTo(VerificationReport.Verdict.VALID);
        assertThat(report.signatures().stream().filter(s -> s.kind() == VerificationReport.Kind.SIGNATURE)
                .map(VerificationReport.SignatureReport::signer))
                .containsExactly("Nguyễn Thị Lan", "Lê Văn Hùng", "Phạm Thị Mai");
        assertThat(report.signatures()).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(VerificationReport.Status.VALID);
            assertThat(s.indication()).isEqualTo(s.kind() == VerificationReport.Kind.SIGNATURE ? "TOTAL_PASSED" : "PASSED");
            assertThat(s.coverage().changedAfterSigning()).isFalse();
        });
        Path file = work.resolve("three-signers.pdf");
        Files.write(file, signed);
        Files.createDirectories(Path.of("target/signing"));
        Files.write(Path.of("target/signing/three-signers.pdf"), signed);
        pdfsig.trustCrls(List.of(pki.crl(), pki.fetch("http://localhost:8080/pki/crl/root-ca.crl").orElseThrow()));
        String out = pdfsig.check(file);
        // Every signature's bytes check out in pdfsig. Its certificate verdict is only meaningful for the first one:
        // poppler 22.12 with offline CRLs answers "Unknown issue" for every later signature in the same run, even
        // for a chain it has just trusted (each signer's chain is checked alone in pdfsigSaysValidAndTrusted).
        assertThat(out.split("Signature Validation: Signature is Valid.", -1)).hasSize(4);
        assertThat(out).contains("Certificate Validation: Certificate is Trusted.")
                .doesNotContain("Revoked").doesNotContain("Expired").doesNotContain("issuer is unknown")
                .doesNotContain("Signature is Invalid").doesNotContain("Digest Mismatch");
    }

    @Test
    void aRevokedSignerIsReportedRevoked() throws Exception {
        // vt.thu signs nothing elsewhere in the suite, so revoking her certificate disturbs no other test.
        X509Certificate thu = key("vt.thu").chain().get(0);
        try {
            pki.revoke(thu.getSerialNumber(), 1);
        } catch (RuntimeException alreadyRevoked) {
            // a previous run against the same database revoked it already
        }
        VerificationReport report = verifier.verify(sign(
                Files.readAllBytes(Path.of("docs/samples/ke-hoach-bai-day-mau.pdf")), "vt.thu", SignatureLevel.B_T));
        VerificationReport.SignatureReport s = report.signatures().get(0);
        assertThat(report.verdict()).isNotIn(VerificationReport.Verdict.VALID, VerificationReport.Verdict.VALID_WITH_WARNINGS);
        assertThat(s.revocation().status()).isEqualTo("REVOKED");
        assertThat(s.summary()).containsIgnoringCase("thu hồi");
    }

    @ParameterizedTest
    @EnumSource(SignatureLevel.class)
    void pdfsigSaysValidAndTrusted(SignatureLevel level) throws Exception {
        pdfsig.trustCrls(List.of(pki.crl(), pki.fetch("http://localhost:8080/pki/crl/root-ca.crl").orElseThrow()));
        Path file = work.resolve("signed-" + level + ".pdf");
        Files.write(file, sign(level));
        Files.createDirectories(Path.of("target/signing"));
        Files.copy(file, Path.of("target/signing/sample-" + level + ".pdf"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String report = pdfsig.check(file);
        assertThat(report).contains("Signer Certificate Common Name: Phạm Thị Mai")
                .contains("Signature Type: ETSI.CAdES.detached")
                .contains("Signature Validation: Signature is Valid.")
                .contains("Certificate Validation: Certificate is Trusted.")
                .doesNotContain("Signature is Invalid");
    }

    private SignatureValueProvider key(String username) {
        return sampleKey(pki, username);
    }

    /** A demo signer's sample key, used directly: these tests are about the PDF, not about confirming on a phone. */
    static SignatureValueProvider sampleKey(SchoolPki pki, String username) {
        SchoolPki.SignerCredential c = pki.signer(username).orElseThrow();
        return new KeyPairSignatureProvider(c.privateKey(), c.chain());
    }
}
