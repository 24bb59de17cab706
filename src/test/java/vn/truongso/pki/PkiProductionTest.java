package vn.truongso.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

/**
 * The PKI service as production starts it: never on a sample PKI, and never with the root CA's key (the root's CRL is
 * signed offline by {@code pki root-crl} and only served).
 */
class PkiProductionTest {

    static final String OWN_PASSWORD = "mat-khau-cua-truong-2026";

    @TempDir
    Path tmp;

    private static PkiService start(String profile, String dir, String password) {
        MockEnvironment env = new MockEnvironment();
        if (profile != null) {
            env.setActiveProfiles(profile);
        }
        return new PkiService(new DefaultResourceLoader(), mock(RevocationStore.class),
                mock(IssuedCertificateStore.class), mock(CrlNumbers.class), Clock.systemUTC(), env,
                TestCerts.pkiProperties(dir, password));
    }

    static int pki(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PkiCommand.run(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(PkiCommand.PASSWORD_ENV, OWN_PASSWORD),
                null);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return status;
    }

    @Test
    void productionRefusesToStartOnTheSamplePackagedInTheJar() {
        assertThatThrownBy(() -> start("prod", "classpath:certs-sample/", "truongso-sample"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SAMPLE").hasMessageContaining("pki init")
                .hasMessageContaining("TRUONGSO_PKI_DIR");
        // The same sample outside production is the demo's and starts.
        assertThat(start(null, "classpath:certs-sample/", "truongso-sample").rootCertificate()).isNotNull();
    }

    @Test
    void productionRefusesACopyOfTheSampleOnDiskWhateverThePassword() throws Exception {
        Path copy = Files.createDirectories(tmp.resolve("copy"));
        try (var files = Files.list(Path.of("certs-sample"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        assertThatThrownBy(() -> start("prod", copy.toString(), "truongso-sample"))
                .hasMessageContaining("refuses to start on the SAMPLE");
        // Refused for what it is before a key is read, so a wrong password does not hide it.
        assertThatThrownBy(() -> start("prod", "file:" + copy, "")).hasMessageContaining("pki init");
        // A fresh sample (pki init --sample) has a public password too.
        Path fresh = tmp.resolve("fresh-sample");
        assertThat(PkiCommand.run(new String[] {"init", fresh.toString(), "--sample"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
                Map.of(), null)).isZero();
        assertThatThrownBy(() -> start("prod", fresh.toString(), "truongso-sample"))
                .hasMessageContaining("refuses to start on the SAMPLE");
    }

    @Test
    void productionRunsOnTheSchoolsOwnPkiWithoutTheRootKey() throws Exception {
        Path service = tmp.resolve("pki");
        pki("init", service.toString());
        // The root's key goes offline: the service directory keeps everything else.
        Path offline = Files.createDirectories(tmp.resolve("offline"));
        for (String f : new String[] {"root-ca.p12", "root-ca.pem", "issuing-ca.pem", "root-ca.crl"}) {
            Files.copy(service.resolve(f), offline.resolve(f));
        }
        Files.delete(service.resolve("root-ca.p12"));

        PkiService pki = start("prod", service.toString(), OWN_PASSWORD);
        assertThat(pki.rootCertificate().getSubjectX500Principal().getName()).doesNotContain("SAMPLE");
        // Everything the running service does needs no root key: issue, CRL, OCSP, time-stamps.
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        X509Certificate cert = pki.issueSigningCertificate(g.generateKeyPair().getPublic(), "Trần Văn An",
                "Giáo viên", "Trường THCS Hòa Bình");
        cert.verify(pki.issuingCertificate().getPublicKey());
        TestCerts.crl(pki.crl()).verify(pki.issuingCertificate().getPublicKey());
        BasicOCSPResp ocsp = (BasicOCSPResp) new OCSPResp(pki.ocspResponse(cert)).getResponseObject();
        assertThat(ocsp.getResponses()[0].getCertStatus()).isNull(); // good
        TimeStampResponse tsr = new TimeStampResponse(pki.timeStamp(new TimeStampRequestGenerator()
                .generate(TSPAlgorithms.SHA256, new byte[32], BigInteger.ONE).getEncoded()));
        assertThat(tsr.getTimeStampToken()).isNotNull();

        // The root's CRL is the file, served as it is.
        assertThat(pki.rootCrl()).isEqualTo(crlFile(service).getEncoded());
        assertThat(TestCerts.crl(pki.rootCrl()).getRevokedCertificates()).isNull();

        BigInteger before = TestCerts.crlNumber(crlFile(service));
        // Revoking the issuing CA is an offline root operation; the service picks the new file up by itself.
        pki("root-crl", offline.toString(), "--revoke-issuing-ca", "key-compromise", "--days", "30");
        Files.copy(offline.resolve("root-ca.crl"), service.resolve("root-ca.crl"), StandardCopyOption.REPLACE_EXISTING);
        X509CRL served = TestCerts.crl(pki.rootCrl());
        served.verify(pki.rootCertificate().getPublicKey());
        assertThat(served.isRevoked(pki.issuingCertificate())).isTrue();
        assertThat(TestCerts.crlNumber(served)).isGreaterThan(before);

        // A file that is not the root's CRL is ignored: the last good one stays.
        Files.writeString(service.resolve("root-ca.crl"), "không phải CRL");
        assertThat(pki.rootCrl()).isEqualTo(served.getEncoded());
    }

    @Test
    void theRootsCrlCannotBeSignedWithoutTheRootKeyAndKeepsEveryRevocation() throws Exception {
        Path dir = tmp.resolve("pki");
        pki("init", dir.toString());
        pki("root-crl", dir.toString(), "--revoke-issuing-ca", "superseded");
        pki("root-crl", dir.toString(), "--days", "400");
        X509CRL crl = crlFile(dir);
        assertThat(crl.getRevokedCertificates()).hasSize(1);
        assertThat(crl.getNextUpdate().toInstant()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(399)));

        Files.delete(dir.resolve("root-ca.p12"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(PkiCommand.run(new String[] {"root-crl", dir.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(PkiCommand.PASSWORD_ENV, OWN_PASSWORD),
                null)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("root-ca.p12 is missing");
    }

    private static X509CRL crlFile(Path dir) throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve("root-ca.crl"))) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
    }
}
