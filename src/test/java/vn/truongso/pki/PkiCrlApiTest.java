package vn.truongso.pki;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * The CRL and CA certificates as a validator downloads them, and revocation through the admin API. Every revocation
 * here is of a certificate issued for the test, so the demo signers stay valid for the other tests.
 */
@IntegrationTest
class PkiCrlApiTest {

    @LocalServerPort
    int port;
    @Autowired
    PkiService pki;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private X509Certificate newTestCertificate(String name) {
        return pki.issue(CertificateMaker.name(name, "Giáo viên", "Trường THCS Kiểm Thử"),
                CertificateMaker.newKeyPair(false).getPublic());
    }

    private X509CRL downloadCrl() throws Exception {
        Api.Response r = api.get(null, "/pki/crl/issuing-ca.crl");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/pkix-crl");
        return TestCerts.crl(r.bytes());
    }

    @Test
    void theCrlIsFreshSignedByTheIssuingCaAndNumberedUpwards() throws Exception {
        Instant before = Instant.now().minusSeconds(2);
        X509CRL first = downloadCrl();
        X509CRL second = downloadCrl();
        first.verify(pki.issuingCertificate().getPublicKey());
        assertThat(first.getIssuerX500Principal()).isEqualTo(pki.issuingCertificate().getSubjectX500Principal());
        assertThat(first.getThisUpdate().toInstant()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(first.getNextUpdate().toInstant()).isAfter(Instant.now().plusSeconds(3600));
        assertThat(TestCerts.crlNumber(second)).isGreaterThan(TestCerts.crlNumber(first));
        // BC reads it too, with the authority key identifier a validator matches against the CA.
        assertThat(new X509CRLHolder(api.get(null, "/pki/crl/issuing-ca.crl").bytes()).getExtensions()
                .getExtension(org.bouncycastle.asn1.x509.Extension.authorityKeyIdentifier)).isNotNull();
    }

    @Test
    void theRootPublishesACrlAndBothCaCertificates() throws Exception {
        Api.Response rootCrl = api.get(null, "/pki/crl/root-ca.crl");
        assertThat(rootCrl.contentType()).isEqualTo("application/pkix-crl");
        TestCerts.crl(rootCrl.bytes()).verify(pki.rootCertificate().getPublicKey());
        // The service holds no root key: it serves the file the offline root signed (pki root-crl), byte for byte.
        try (var in = new org.springframework.core.io.ClassPathResource("certs-sample/root-ca.crl").getInputStream()) {
            assertThat(rootCrl.bytes()).isEqualTo(((java.security.cert.X509CRL) java.security.cert.CertificateFactory
                    .getInstance("X.509").generateCRL(in)).getEncoded());
        }

        Api.Response root = api.get(null, "/pki/ca/root-ca.cer");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.contentType()).isEqualTo("application/pkix-cert");
        assertThat(TestCerts.certificate(root.bytes())).isEqualTo(pki.rootCertificate());
        Api.Response issuing = api.get(null, "/pki/ca/issuing-ca.cer");
        assertThat(TestCerts.certificate(issuing.bytes())).isEqualTo(pki.issuingCertificate());
        // Public services: a wrong login is ignored rather than refused.
        assertThat(api.get("gv.lan:sai", "/pki/ca/root-ca.cer").status()).isEqualTo(200);
    }

    @Test
    void anAdministratorRevokesAndTheCrlListsItWithTheReason() throws Exception {
        X509Certificate cert = newTestCertificate("Trần Thu Hồi");
        String serial = cert.getSerialNumber().toString(16);
        assertThat(downloadCrl().getRevokedCertificate(cert)).isNull();

        Api.Response r = api.postJson("admin", "/api/pki/certificates/" + serial.toUpperCase() + "/revoke",
                Map.of("reason", "KEY_COMPROMISE"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("REVOKED");
        assertThat(r.json().get("serial").asText()).isEqualTo(serial);
        assertThat(r.json().get("reason").asText()).isEqualTo("KEY_COMPROMISE");
        assertThat(r.json().get("commonName").asText()).isEqualTo("Trần Thu Hồi");
        assertThat(r.json().get("revokedAt").asText()).endsWith("+07:00");

        X509CRLEntry entry = downloadCrl().getRevokedCertificate(cert);
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
        assertThat(entry.getRevocationDate().toInstant()).isAfter(Instant.now().minusSeconds(60));

        Api.Response again = api.postJson("admin", "/api/pki/certificates/" + serial + "/revoke", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("code").asText()).isEqualTo("PKI_ALREADY_REVOKED");
    }

    @Test
    void withoutAReasonTheRevocationIsUnspecifiedAndTheCrlEntryHasNoReasonCode() throws Exception {
        X509Certificate cert = newTestCertificate("Không Lý Do");
        Api.Response r = api.postJson("admin", "/api/pki/certificates/" + cert.getSerialNumber().toString(16)
                + "/revoke", Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("reason").asText()).isEqualTo("UNSPECIFIED");
        X509CRLEntry entry = downloadCrl().getRevokedCertificate(cert);
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationReason()).isNull();
    }

    @Test
    void onlyAdministratorsSeeOrRevoke() {
        X509Certificate cert = newTestCertificate("Chưa Thu Hồi");
        String path = "/api/pki/certificates/" + cert.getSerialNumber().toString(16) + "/revoke";
        for (String user : new String[] {"gv.lan", "tt.hung", "ht.mai", "vt.hoa", "cv.nam", "ph.binh"}) {
            Api.Response r = api.postJson(user, path, Map.of("reason", "SUPERSEDED"));
            assertThat(r.status()).as(user).isEqualTo(403);
            assertThat(r.json().get("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(api.get(user, "/api/pki/certificates").status()).as(user).isEqualTo(403);
        }
        assertThat(api.postJson(null, path, Map.of()).status()).isEqualTo(401);
        assertThat(api.get(null, "/api/pki/certificates").status()).isEqualTo(401);
        // Still good afterwards.
        JsonNode mine = find(api.get("admin", "/api/pki/certificates").json(), cert.getSerialNumber());
        assertThat(mine.get("status").asText()).isEqualTo("GOOD");
    }

    @Test
    void unknownBadOrCaSerialsAreRefused() {
        Api.Response unknown = api.postJson("admin", "/api/pki/certificates/0123456789abcdef/revoke", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("code").asText()).isEqualTo("NOT_FOUND");

        assertThat(api.postJson("admin", "/api/pki/certificates/xyz/revoke", Map.of()).json().get("code").asText())
                .isEqualTo("PKI_SERIAL_INVALID");
        Api.Response ca = api.postJson("admin", "/api/pki/certificates/"
                + pki.issuingCertificate().getSerialNumber().toString(16) + "/revoke", Map.of());
        assertThat(ca.status()).isEqualTo(400);
        assertThat(ca.json().get("code").asText()).isEqualTo("PKI_CA_NOT_REVOCABLE");

        X509Certificate cert = newTestCertificate("Lý Do Lạ");
        Api.Response badReason = api.postJson("admin", "/api/pki/certificates/"
                + cert.getSerialNumber().toString(16) + "/revoke", Map.of("reason", "BECAUSE"));
        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.json().get("code").asText()).isEqualTo("PKI_REASON_INVALID");
    }

    @Test
    void theListShowsEveryCertificateWithSubjectSerialAndStatusButNoSecrets() {
        Api.Response r = api.get("admin", "/api/pki/certificates");
        assertThat(r.status()).isEqualTo(200);
        JsonNode list = r.json();
        JsonNode mai = null;
        for (JsonNode c : list) {
            if ("ht.mai".equals(c.path("username").asText())) {
                mai = c;
            }
        }
        assertThat(mai).isNotNull();
        assertThat(mai.get("kind").asText()).isEqualTo("SIGNER");
        assertThat(mai.get("commonName").asText()).isEqualTo("Phạm Thị Mai");
        assertThat(mai.get("subject").asText()).contains("T=Hiệu trưởng", "O=Trường THCS Hòa Bình");
        assertThat(mai.get("status").asText()).isEqualTo("GOOD");
        assertThat(mai.get("serial").asText()).isEqualTo(pki.signer("ht.mai").orElseThrow().certificate()
                .getSerialNumber().toString(16));
        assertThat(list).extracting(c -> c.get("kind").asText()).contains("ROOT_CA", "ISSUING_CA", "TSA", "OCSP");
        assertThat(r.text()).doesNotContain("truongso-sample").doesNotContainIgnoringCase("private");
    }

    private static JsonNode find(JsonNode list, BigInteger serial) {
        for (JsonNode c : list) {
            if (c.get("serial").asText().equals(serial.toString(16))) {
                return c;
            }
        }
        throw new AssertionError("not listed: " + serial.toString(16));
    }
}
