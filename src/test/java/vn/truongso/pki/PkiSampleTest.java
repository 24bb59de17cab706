package vn.truongso.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import vn.truongso.pki.SchoolPki.SignerCredential;

/**
 * The committed certs-sample/ as the jar carries it: complete, for the demo people, marked as a sample, and valid
 * long enough that nobody has to regenerate it soon.
 */
class PkiSampleTest {

    @Test
    void theCommittedSampleIsCompleteAndStillValidForYears() throws Exception {
        PkiMaterial m = PkiMaterial.load(new DefaultResourceLoader(), "classpath:certs-sample/",
                PkiFiles.SAMPLE_PASSWORD.toCharArray());
        assertThat(m.signers()).containsOnlyKeys(PkiInitTest.SIGNERS.keySet());
        for (Map.Entry<String, SignerCredential> e : m.signers().entrySet()) {
            X500Name subject = X500Name.getInstance(e.getValue().certificate().getSubjectX500Principal().getEncoded());
            List<String> expected = PkiInitTest.SIGNERS.get(e.getKey());
            assertThat(IETFUtils.valueToString(subject.getRDNs(BCStyle.CN)[0].getFirst().getValue()))
                    .isEqualTo(expected.get(0));
            assertThat(IETFUtils.valueToString(subject.getRDNs(BCStyle.T)[0].getFirst().getValue()))
                    .isEqualTo(expected.get(1));
            assertThat(IETFUtils.valueToString(subject.getRDNs(BCStyle.O)[0].getFirst().getValue()))
                    .isEqualTo(expected.get(2));
        }
        Instant inAYear = Instant.now().plus(Duration.ofDays(365));
        assertThat(m.root().getNotAfter().toInstant()).isAfter(inAYear);
        for (SignerCredential c : List.of(m.issuing(), m.tsa(), m.ocsp())) {
            assertThat(c.certificate().getNotAfter().toInstant()).as(c.toString()).isAfter(inAYear);
        }
        for (SignerCredential c : m.signers().values()) {
            assertThat(c.certificate().getNotAfter().toInstant()).as(c.toString()).isAfter(inAYear);
            PkiInitTest.validate(c.chain().toArray(X509Certificate[]::new));
        }
        assertThat(m.root().getSubjectX500Principal().getName()).contains("SAMPLE");
        assertThat(m.baseUrl()).contains("http://localhost:8080");
    }

    @Test
    void theSourceFolderHoldsPemsAndPasswordProtectedKeysOnly() throws Exception {
        Path dir = Path.of("certs-sample");
        assertThat(Files.readString(dir.resolve("README.md"))).contains("SAMPLE", "`truongso-sample`");
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                assertThat(name).matches(".+\\.(pem|p12|crl)|README\\.md");
                if (!name.endsWith(".p12")) {
                    assertThat(Files.readString(f)).as(name).doesNotContain("PRIVATE KEY");
                }
            }
        }
    }
}
