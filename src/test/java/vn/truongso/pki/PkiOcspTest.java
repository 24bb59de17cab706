package vn.truongso.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/** The OCSP responder as clients use it: BC over POST and GET, and the JDK's own PKIX revocation checker. */
@IntegrationTest
class PkiOcspTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;
    @Autowired
    PkiService pki;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private BasicOCSPResp post(X509Certificate cert, byte[] nonce) throws Exception {
        Api.Response r = api.postBytes(null, "/pki/ocsp", "application/ocsp-request",
                TestCerts.ocspRequest(cert, pki.issuingCertificate(), nonce).getEncoded());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/ocsp-response");
        return TestCerts.basic(r.bytes());
    }

    /** The signature checks out with the responder certificate sent along, which the issuing CA issued. */
    private void assertSignedByOurResponder(BasicOCSPResp resp) throws Exception {
        X509CertificateHolder signer = resp.getCerts()[0];
        assertThat(signer).isEqualTo(new JcaX509CertificateHolder(pki.ocspCertificate()));
        assertThat(resp.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer))).isTrue();
        pki.ocspCertificate().verify(pki.issuingCertificate().getPublicKey());
    }

    private X509Certificate newTestCertificate(String name) {
        return pki.issue(CertificateMaker.name(name, "Văn thư", "Trường THCS Kiểm Thử"),
                CertificateMaker.newKeyPair(false).getPublic());
    }

    @Test
    void aDemoSignerIsGoodAndTheNonceComesBack() throws Exception {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        X509Certificate lan = pki.signer("gv.lan").orElseThrow().certificate();
        BasicOCSPResp resp = post(lan, nonce);
        assertSignedByOurResponder(resp);
        SingleResp single = resp.getResponses()[0];
        assertThat(single.getCertID().getSerialNumber()).isEqualTo(lan.getSerialNumber());
        assertThat(single.getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(single.getThisUpdate().toInstant()).isBefore(Instant.now().plusSeconds(1));
        assertThat(single.getNextUpdate()).isAfter(single.getThisUpdate());
        assertThat(ASN1OctetString.getInstance(resp.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
                .getParsedValue()).getOctets()).isEqualTo(nonce);
    }

    @Test
    void revokedAfterRevocationWithTimeAndReason() throws Exception {
        X509Certificate cert = newTestCertificate("Đinh Văn Thu");
        assertThat(post(cert, null).getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);

        Instant before = Instant.now().minusSeconds(1);
        assertThat(api.postJson("admin", "/api/pki/certificates/" + cert.getSerialNumber().toString(16) + "/revoke",
                Map.of("reason", "affiliationChanged")).status()).isEqualTo(200);

        BasicOCSPResp resp = post(cert, null);
        assertSignedByOurResponder(resp);
        assertThat(resp.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
        RevokedStatus revoked = (RevokedStatus) resp.getResponses()[0].getCertStatus();
        assertThat(revoked.getRevocationTime().toInstant()).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(revoked.getRevocationReason()).isEqualTo(CRLReason.affiliationChanged);
    }

    @Test
    void aCertificateOfAnotherCaIsUnknown() throws Exception {
        X509Certificate foreign = TestCerts.foreignCertificate();
        Api.Response r = api.postBytes(null, "/pki/ocsp", "application/ocsp-request",
                TestCerts.ocspRequest(foreign, pki.issuingCertificate(), null).getEncoded());
        // Even asked with our CA as issuer, a serial we never issued is not "good".
        assertThat(TestCerts.basic(r.bytes()).getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);

        KeyPair otherCaKeys = CertificateMaker.newKeyPair(false);
        Instant now = Instant.now();
        X509Certificate otherCa = CertificateMaker.make(CertificateMaker.Kind.ROOT_CA,
                CertificateMaker.name("Other CA", null, "Other"), otherCaKeys.getPublic(), null,
                otherCaKeys.getPrivate(), now, now.plusSeconds(3600), "http://other");
        BasicOCSPResp resp = TestCerts.basic(api.postBytes(null, "/pki/ocsp", "application/ocsp-request",
                TestCerts.ocspRequest(foreign, otherCa, null).getEncoded()).bytes());
        assertSignedByOurResponder(resp);
        assertThat(resp.getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void theGetFormWithAnUrlEncodedSlashInTheBase64() throws Exception {
        X509Certificate mai = pki.signer("ht.mai").orElseThrow().certificate();
        // Pick a nonce whose request encodes to base64 with '/' and '+', the characters that need URL-encoding.
        byte[] request;
        String b64;
        do {
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            request = TestCerts.ocspRequest(mai, pki.issuingCertificate(), nonce).getEncoded();
            b64 = Base64.getEncoder().encodeToString(request);
        } while (!b64.contains("/") || !b64.contains("+"));
        String encoded = URLEncoder.encode(b64, StandardCharsets.US_ASCII);
        assertThat(encoded).contains("%2F");

        Api.Response r = api.get(null, "/pki/ocsp/" + encoded);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/ocsp-response");
        BasicOCSPResp resp = TestCerts.basic(r.bytes());
        assertThat(resp.getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(resp.getResponses()[0].getCertID().getSerialNumber()).isEqualTo(mai.getSerialNumber());

        // A client that does not URL-encode at all is understood too.
        assertThat(TestCerts.basic(api.get(null, "/pki/ocsp/" + b64).bytes()).getResponses()[0].getCertStatus())
                .isEqualTo(CertificateStatus.GOOD);
        // Elsewhere an encoded slash is still refused.
        assertThat(api.get("admin", "/api%2Fpki%2Fcertificates").status()).isEqualTo(400);
    }

    @Test
    void garbageGetsMalformedRequest() throws Exception {
        Api.Response r = api.postBytes(null, "/pki/ocsp", "application/ocsp-request", new byte[] {1, 2, 3});
        assertThat(r.status()).isEqualTo(200);
        assertThat(new OCSPResp(r.bytes()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(new OCSPResp(api.get(null, "/pki/ocsp/bm90LW9jc3A%3D").bytes()).getStatus())
                .isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(new OCSPResp(api.get(null, "/pki/ocsp/not-base64!").bytes()).getStatus())
                .isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    /** What Java itself concludes when it validates a chain with OCSP against this server (it uses GET). */
    private void jdkValidate(X509Certificate cert) throws Exception {
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        // The certificates name http://localhost:8080; this test server has a random port.
        checker.setOcspResponder(URI.create("http://localhost:" + port + "/pki/ocsp"));
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY,
                PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(pki.rootCertificate(), null)));
        params.addCertPathChecker(checker);
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(
                List.of(cert, pki.issuingCertificate()));
        validator.validate(path, params);
    }

    @Test
    void javasOwnRevocationCheckerAcceptsAGoodCertificateAndRefusesARevokedOne() throws Exception {
        jdkValidate(pki.signer("tt.linh").orElseThrow().certificate());

        X509Certificate cert = newTestCertificate("Lò Thị Hủy");
        jdkValidate(cert);
        pki.revoke(cert.getSerialNumber(), CRLReason.superseded);
        assertThatThrownBy(() -> jdkValidate(cert)).isInstanceOfSatisfying(CertPathValidatorException.class,
                e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
    }
}
