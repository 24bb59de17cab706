package vn.truongso.verification;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.io.DefaultResourceLoader;
import java.util.List;
import vn.truongso.pki.SchoolPki;
import vn.truongso.support.TestPdfs;
import vn.truongso.verification.VerificationReport.Verdict;

/** How the Spring-built verifier finds its trust anchors and its only "network", the school PKI. */
class VerifierSetupTest {

    @TempDir
    Path tmp;

    @Test
    void configuredAnchorsAreTrustedAndDssIsSetUpOnce() throws Exception {
        TestCa ca = new TestCa();
        Path pem = tmp.resolve("root-ca.pem");
        Files.writeString(pem, pem(ca.root));
        VerificationProperties configured = new VerificationProperties(
                List.of("file:" + tmp.resolve("not-there.pem"), "file:" + pem));
        byte[] signed = ca.sign(TestPdfs.lessonPlan("Bài 7"), SignatureLevel.PAdES_BASELINE_T);

        // Without a SchoolPki bean: trusted, but no revocation data to be had (the file carries none).
        PdfVerifier noPki = new PdfVerifier(configured, new DefaultResourceLoader(),
                new StaticListableBeanFactory().getBeanProvider(SchoolPki.class), Clock.systemUTC());
        VerificationReport r = noPki.verify(signed);
        assertThat(r.signatures().get(0).trusted()).isTrue();
        assertThat(r.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(r.summary()).contains("không có thông tin thu hồi");

        // With one: its root is trusted too, and its CRL is fetched in-process.
        AtomicInteger rootAsked = new AtomicInteger();
        SchoolPki pki = counting(ca.pki(), rootAsked);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("schoolPki", pki);
        PdfVerifier withPki = new PdfVerifier(new VerificationProperties(null), new DefaultResourceLoader(),
                beans.getBeanProvider(SchoolPki.class), Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            VerificationReport ok = withPki.verify(signed);
            assertThat(ok.verdict()).as(ok.summary()).isEqualTo(Verdict.VALID);
            assertThat(ok.signatures().get(0).revocation().source()).isEqualTo("FETCHED");
        }
        assertThat(rootAsked).as("DSS is set up once, not per verification").hasValue(1);
    }

    @Test
    void theDataLoaderAnswersOnlyThePkisOwnUrlsAndNeverPosts() {
        TestCa ca = new TestCa();
        PkiDataLoader loader = new PkiDataLoader(ca.pki());
        assertThat(loader.get(TestCa.CRL_URL)).isNotEmpty();
        assertThat(loader.get("http://example.com/crl")).isNull();
        assertThat(loader.post(TestCa.CRL_URL, new byte[]{1})).isNull();
        assertThat(new PkiDataLoader(null).get(TestCa.CRL_URL)).isNull();
    }

    static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static SchoolPki counting(SchoolPki pki, AtomicInteger rootAsked) {
        return (SchoolPki) java.lang.reflect.Proxy.newProxyInstance(SchoolPki.class.getClassLoader(),
                new Class<?>[]{SchoolPki.class}, (proxy, method, args) -> {
                    if (method.getName().equals("rootCertificate")) {
                        rootAsked.incrementAndGet();
                    }
                    return method.invoke(pki, args);
                });
    }
}
