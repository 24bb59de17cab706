package vn.truongso.signing;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PadesSignerSmokeTest {

    @Test
    void ecdsaP256KeysSignToo() throws Exception {
        TestCa ca = new TestCa();
        byte[] pdf = Files.readAllBytes(Path.of("docs/samples/ke-hoach-bai-day-mau.pdf"));
        byte[] signed = new PadesSigner(null, null).sign(pdf, new SignatureRequest(ca.ecSigner("Phạm Thị Mai"),
                vn.truongso.signing.SignatureLevel.B_B, null, "Phê duyệt", "Hòa Bình"));
        SignedDocumentValidator v = SignedDocumentValidator.fromDocument(new InMemoryDocument(signed));
        v.setCertificateVerifier(new CommonCertificateVerifier());
        DiagnosticData dd = v.validateDocument().getDiagnosticData();
        assertThat(dd.getSignatures()).singleElement().satisfies(s -> {
            assertThat(s.isSignatureIntact()).isTrue();
            assertThat(s.isSignatureValid()).isTrue();
            assertThat(s.getEncryptionAlgorithm().name()).isEqualTo("ECDSA");
        });
    }

    @Test
    void threeIncrementalSignaturesStayIntact() throws Exception {
        TestCa ca = new TestCa();
        byte[] pdf = Files.readAllBytes(Path.of("docs/samples/ke-hoach-bai-day-mau.pdf"));
        PadesSigner signer = new PadesSigner(null, null);
        byte[] one = signer.sign(pdf, new SignatureRequest(ca.signer("Nguyễn Thị Lan"), vn.truongso.signing.SignatureLevel.B_B,
                new Appearance("Nguyễn Thị Lan", "Giáo viên", "Trường THCS Hòa Bình", Instant.now(), null,
                        new Appearance.NearKeyword("GIÁO VIÊN", 200, 60)), "Tác giả", "Hòa Bình"));
        byte[] two = signer.sign(one, new SignatureRequest(ca.signer("Lê Văn Hùng"), vn.truongso.signing.SignatureLevel.B_B,
                new Appearance("Lê Văn Hùng", "Tổ trưởng", "Trường THCS Hòa Bình", Instant.now(), null,
                        new Appearance.NearKeyword("DUYỆT CỦA TỔ TRƯỞNG", 200, 60)), "Duyệt", "Hòa Bình"));
        byte[] three = signer.sign(two, new SignatureRequest(ca.signer("Phạm Thị Mai"), vn.truongso.signing.SignatureLevel.B_B,
                new Appearance("Phạm Thị Mai", "Hiệu trưởng", "Trường THCS Hòa Bình", Instant.now(), null,
                        new Appearance.NearKeyword("HIỆU TRƯỞNG", 200, 60)), "Phê duyệt", "Hòa Bình"));
        Files.createDirectories(Path.of("target/signing"));
        Files.write(Path.of("target/signing/three.pdf"), three);
        Files.writeString(Path.of("target/signing/testca-root.pem"), "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ca.root.getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        SignedDocumentValidator v = SignedDocumentValidator.fromDocument(new InMemoryDocument(three));
        v.setCertificateVerifier(new CommonCertificateVerifier());
        Reports reports = v.validateDocument();
        DiagnosticData dd = reports.getDiagnosticData();
        assertThat(dd.getSignatures()).hasSize(3);
        dd.getSignatures().forEach(s -> {
            assertThat(s.isSignatureIntact()).as(s.getId()).isTrue();
            assertThat(s.isSignatureValid()).as(s.getId()).isTrue();
            assertThat(dd.getSignatureFormat(s.getId())).isEqualTo(SignatureLevel.PAdES_BASELINE_B);
        });
    }
}
