package vn.truongso.remotesign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.truongso.common.ApiException;
import vn.truongso.signing.DigestToSign;
import vn.truongso.signing.SignatureConfirmations;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * An administrator who revokes a signer's certificate in the school PKI (not the credential) stops that credential
 * signing at once: nothing made after the revocation carries the revoked certificate (issue 13, 11).
 */
@IntegrationTest
class CertificateRevocationStopsSigningTest {

    @LocalServerPort
    int port;
    @Autowired
    SignTransactions transactions;
    @Autowired
    SignatureConfirmations confirmations;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;

    UUID open(String username) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(UUID.randomUUID().toString()
                .getBytes(StandardCharsets.UTF_8));
        return transactions.open(username, "Thử", "Ký thử", List.of(new DigestToSign("Văn bản", digest)));
    }

    @Test
    void aRevokedCertificatesCredentialNoLongerPreparesOrSigns() throws Exception {
        Api api = new Api(port);
        TestSigners.Signer s = new TestSigners(jdbc, encoder).signer(api, "gv.thuhoi", "Giáo viên Thu Hồi");
        UUID waiting = open(s.username());
        String serial = api.get(s.username(), "/api/credentials/me").json().get(0).get("serial").asText();
        Api.Response revoked = api.postJson("admin", "/api/pki/certificates/" + serial + "/revoke",
                Map.of("reason", "KEY_COMPROMISE"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        // The signer and the administrators see it revoked, as it is.
        assertThat(api.get(s.username(), "/api/credentials/me").json().get(0).get("status").asText())
                .isEqualTo("REVOKED");

        Api.Response confirm = api.postJson(s.username(), "/api/sign-transactions/" + waiting + "/confirm",
                Map.of("otp", TestOtp.nextCode(s.secret())));
        assertThat(confirm.status()).as(confirm.toString()).isEqualTo(409);
        assertThat(confirm.contentType()).isEqualTo("application/problem+json");
        assertThat(confirm.json().get("code").asText()).isEqualTo("CERTIFICATE_REVOKED");
        assertThat(confirm.json().get("detail").asText()).contains("thu hồi");
        assertThat(api.get(s.username(), "/api/sign-transactions/" + waiting).json().get("status").asText())
                .isEqualTo("PENDING");

        assertThatThrownBy(() -> open(s.username())).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThatThrownBy(() -> confirmations.chain(s.username())).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));

        // The CSC API neither lists it as usable nor authorises it.
        Api.Response login = api.postJson(s.username(), "/csc/v2/auth/login", Map.of());
        String token = login.json().get("access_token").asText();
        Api.Response authorize = api.postJsonAuthorized("Bearer " + token, "/csc/v2/credentials/authorize",
                Map.of("credentialID", s.credentialId(), "numSignatures", 1,
                        "hashes", List.of("n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="),
                        "hashAlgorithmOID", "2.16.840.1.101.3.4.2.1", "OTP", TestOtp.nextCode(s.secret())));
        assertThat(authorize.status()).as(authorize.toString()).isIn(400, 409);
        assertThat(authorize.text()).doesNotContain("SAD");
    }
}
