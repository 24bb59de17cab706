package vn.truongso.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import java.util.List;
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
    SigningCredentials credentials;
    @Autowired
    SchoolPki pki;

    @BeforeAll
    static void trustTheSampleRoot() throws Exception {
        pdfsig = new Pdfsig(work, Path.of("certs-sample/root-ca.pem"), Path.of("certs-sample/issuing-ca.pem"));
    }

    byte[] sign(SignatureLevel level) throws Exception {
        byte[] pdf = Files.readAllBytes(Path.of("docs/samples/ke-hoach-bai-day-mau.pdf"));
        return signer.sign(pdf, new SignatureRequest(credentials.of("ht.mai").orElseThrow(), level,
                new Appearance("Phạm Thị Mai", "Hiệu trưởng", "Trường THCS Hòa Bình", Instant.now(), null,
                        new Appearance.NearKeyword("HIỆU TRƯỞNG", 200, 60)), "Hiệu trưởng phê duyệt", "Hòa Bình"));
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
}
