package vn.truongso.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.truongso.common.ApiException;
import vn.truongso.pki.SchoolPki.SignerCredential;
import vn.truongso.support.IntegrationTest;

/** The PKI as the rest of TruongSo uses it in-process, through {@link SchoolPki}. */
@IntegrationTest
class PkiServiceTest {

    /** The base URL the committed sample's certificates name, whatever port the test server has. */
    static final String BASE = "http://localhost:8080";

    @Autowired
    SchoolPki pki;
    @Autowired
    PkiService service;

    @Test
    void theSampleIsLoadedFromTheClasspathWithEveryDemoSigner() throws Exception {
        assertThat(service.baseUrl()).contains(BASE);
        for (String username : PkiInitTest.SIGNERS.keySet()) {
            SignerCredential c = pki.signer(username).orElseThrow(() -> new AssertionError(username));
            assertThat(c.chain()).containsExactly(c.certificate(), pki.issuingCertificate(), pki.rootCertificate());
            // The key signs what the certificate verifies.
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(c.privateKey());
            s.update(username.getBytes(StandardCharsets.UTF_8));
            byte[] sig = s.sign();
            s.initVerify(c.certificate());
            s.update(username.getBytes(StandardCharsets.UTF_8));
            assertThat(s.verify(sig)).isTrue();
            assertThat(c.toString()).doesNotContain("modulus").contains(PkiInitTest.SIGNERS.get(username).get(0));
        }
        assertThat(pki.signer("admin")).isEmpty();
        assertThat(pki.signer("ph.binh")).isEmpty();
    }

    @Test
    void fetchAnswersThePkisOwnUrlsInProcess() throws Exception {
        X509CRL crl = TestCerts.crl(pki.fetch(BASE + "/pki/crl/issuing-ca.crl").orElseThrow());
        crl.verify(pki.issuingCertificate().getPublicKey());
        TestCerts.crl(pki.fetch(BASE + "/pki/crl/root-ca.crl").orElseThrow()).verify(pki.rootCertificate().getPublicKey());
        assertThat(TestCerts.certificate(pki.fetch(BASE + "/pki/ca/root-ca.cer").orElseThrow()))
                .isEqualTo(pki.rootCertificate());
        assertThat(TestCerts.certificate(pki.fetch(BASE + "/pki/ca/issuing-ca.cer").orElseThrow()))
                .isEqualTo(pki.issuingCertificate());

        X509Certificate son = pki.signer("ht.son").orElseThrow().certificate();
        byte[] request = TestCerts.ocspRequest(son, pki.issuingCertificate(), null).getEncoded();
        String get = BASE + "/pki/ocsp/" + URLEncoder.encode(Base64.getEncoder().encodeToString(request),
                StandardCharsets.US_ASCII);
        assertThat(TestCerts.basic(pki.fetch(get).orElseThrow()).getResponses()[0].getCertStatus())
                .isEqualTo(CertificateStatus.GOOD);
        assertThat(TestCerts.basic(pki.post(BASE + "/pki/ocsp", request).orElseThrow()).getResponses()[0]
                .getCertStatus()).isEqualTo(CertificateStatus.GOOD);

        TimeStampRequestGenerator g = new TimeStampRequestGenerator();
        g.setCertReq(true);
        TimeStampRequest tsq = g.generate(TSPAlgorithms.SHA256, new byte[32], java.math.BigInteger.ONE);
        TimeStampResponse tsr = new TimeStampResponse(pki.post(BASE + "/pki/tsa", tsq.getEncoded()).orElseThrow());
        tsr.validate(tsq);

        // Someone else's URLs, or ours under another base, are not answered.
        assertThat(pki.fetch("http://crl.example.com/pki/crl/issuing-ca.crl")).isEmpty();
        assertThat(pki.fetch("http://localhost:8080.evil.example/pki/crl/issuing-ca.crl")).isEmpty();
        assertThat(pki.fetch(BASE + "/pki/crl/other.crl")).isEmpty();
        assertThat(pki.fetch(BASE + "/api/tasks")).isEmpty();
        assertThat(pki.post(BASE + "/pki/crl/issuing-ca.crl", new byte[0])).isEmpty();
    }

    @Test
    void ocspResponseForACertificateOfTheIssuingCaAndRevokeThroughTheInterface() throws Exception {
        X509Certificate vt = pki.signer("vt.hoa").orElseThrow().certificate();
        BasicOCSPResp good = TestCerts.basic(pki.ocspResponse(vt));
        assertThat(good.getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(good.getResponses()[0].getCertID().getSerialNumber()).isEqualTo(vt.getSerialNumber());
        assertThatThrownBy(() -> pki.ocspResponse(TestCerts.foreignCertificate()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pki.ocspResponse(pki.rootCertificate())).isInstanceOf(IllegalArgumentException.class);

        X509Certificate mine = service.issue(CertificateMaker.name("Mạc Thị Tạm", "Giáo viên", "Trường Thử"),
                CertificateMaker.newKeyPair(false).getPublic());
        pki.revoke(mine.getSerialNumber(), CRLReason.cessationOfOperation);
        BasicOCSPResp revoked = TestCerts.basic(pki.ocspResponse(mine));
        assertThat(((RevokedStatus) revoked.getResponses()[0].getCertStatus()).getRevocationReason())
                .isEqualTo(CRLReason.cessationOfOperation);
        assertThat(TestCerts.crl(pki.crl()).getRevokedCertificate(mine)).isNotNull();

        assertThatThrownBy(() -> pki.revoke(mine.getSerialNumber(), CRLReason.keyCompromise))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(409));
        assertThatThrownBy(() -> pki.revoke(java.math.BigInteger.valueOf(42), CRLReason.keyCompromise))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(404));
        assertThatThrownBy(() -> pki.revoke(mine.getSerialNumber(), CRLReason.removeFromCRL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void issuesSigningCertificatesWithTheSampleSignersProfile() throws Exception {
        X509Certificate sample = pki.signer("gv.tuan").orElseThrow().certificate();
        java.security.KeyPair keys = CertificateMaker.newKeyPair(false);
        X509Certificate cert = pki.issueSigningCertificate(keys.getPublic(), "Mạc Văn Ký", "Giáo viên",
                "Trường THCS An Phú");

        assertThat(cert.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(CertificateMaker.subject(cert))
                .isEqualTo("C=VN,O=Trường THCS An Phú,T=Giáo viên,CN=Mạc Văn Ký");
        cert.verify(pki.issuingCertificate().getPublicKey());
        assertThat(cert.getIssuerX500Principal()).isEqualTo(pki.issuingCertificate().getSubjectX500Principal());
        assertThat(cert.getKeyUsage()).isEqualTo(sample.getKeyUsage());
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getCriticalExtensionOIDs()).isEqualTo(sample.getCriticalExtensionOIDs());
        assertThat(cert.getNonCriticalExtensionOIDs()).isEqualTo(sample.getNonCriticalExtensionOIDs());
        for (String oid : java.util.List.of("2.5.29.31", "1.3.6.1.5.5.7.1.1", "2.5.29.32", "2.5.29.35")) {
            assertThat(cert.getExtensionValue(oid)).as(oid).isEqualTo(sample.getExtensionValue(oid));
        }
        assertThat(cert.getNotAfter()).isAfter(new java.util.Date());
        assertThat(TestCerts.basic(pki.ocspResponse(cert)).getResponses()[0].getCertStatus())
                .isEqualTo(CertificateStatus.GOOD);
    }

    @Autowired
    org.springframework.core.io.ResourceLoader resources;
    @Autowired
    RevocationStore revocationStore;
    @Autowired
    IssuedCertificateStore issuedStore;
    @Autowired
    CrlNumbers crlNumbers;

    @Test
    void certificatesIssuedAtRunTimeAreKnownAfterARestartAndOnOtherNodes() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        java.security.cert.X509Certificate cert = pki.issueSigningCertificate(g.generateKeyPair().getPublic(),
                "Trần Thị Khởi Động", "Giáo viên", "Trường THCS Hòa Bình");
        // A second PKI service over the same database: another node, or this one after a restart.
        PkiService other = new PkiService(resources, revocationStore, issuedStore, crlNumbers, java.time.Clock.systemUTC(),
                new org.springframework.mock.env.MockEnvironment(),
                TestCerts.pkiProperties("classpath:certs-sample/", "truongso-sample"));
        org.bouncycastle.cert.ocsp.BasicOCSPResp good = (org.bouncycastle.cert.ocsp.BasicOCSPResp)
                new org.bouncycastle.cert.ocsp.OCSPResp(other.ocspResponse(cert)).getResponseObject();
        org.assertj.core.api.Assertions.assertThat(good.getResponses()[0].getCertStatus()).isNull(); // null = good
        other.revoke(cert.getSerialNumber(), 1);
        org.bouncycastle.cert.ocsp.BasicOCSPResp revoked = (org.bouncycastle.cert.ocsp.BasicOCSPResp)
                new org.bouncycastle.cert.ocsp.OCSPResp(service.ocspResponse(cert)).getResponseObject();
        org.assertj.core.api.Assertions.assertThat(revoked.getResponses()[0].getCertStatus())
                .isInstanceOf(org.bouncycastle.cert.ocsp.RevokedStatus.class);
        // This node's CRL lists what the other node revoked, with a higher number than the other's last one.
        X509CRL before = TestCerts.crl(other.crl());
        X509CRL after = TestCerts.crl(service.crl());
        assertThat(after.isRevoked(cert)).isTrue();
        assertThat(TestCerts.crlNumber(after)).isGreaterThan(TestCerts.crlNumber(before));
        org.assertj.core.api.Assertions.assertThat(other.certificates()).anySatisfy(i ->
                org.assertj.core.api.Assertions.assertThat(i.issued().certificate()).isEqualTo(cert));
    }
}
