package vn.truongso.remotesign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.truongso.signing.DigestToSign;
import vn.truongso.signing.PadesSigner;
import vn.truongso.signing.SignatureLevel;
import vn.truongso.signing.SignatureRequest;
import vn.truongso.signing.SignatureValueProvider;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;
import vn.truongso.verification.PdfVerifier;
import vn.truongso.verification.VerificationReport;
import vn.truongso.common.Secrets;

/**
 * The CSC API v2 on /csc/v2 as a standard remote-signing client uses it: over HTTP, with bearer tokens, against
 * signers made here for the purpose (tests that lock or revoke never touch the demo signers).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CscApiTest {

    static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    static final String RSA = "1.2.840.113549.1.1.1";
    static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    static final String SUBJECT = "CN=Giáo viên Thử Nghiệm,T=Giáo viên,O=Trường THCS An Phú,C=VN";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    Credentials credentials;
    @Autowired
    MasterKey masterKey;
    @Autowired
    SignTransactions transactions;
    @Autowired
    PadesSigner pades;
    @Autowired
    PdfVerifier verifier;

    Api api;
    /** Every CSC answer the test saw, for the leak scan. */
    final List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());

    Api api() {
        if (api == null) {
            api = new Api(port);
        }
        return api;
    }

    // ---- a client of the CSC API --------------------------------------------------------------------------------

    Api.Response csc(String token, String method, Object body) {
        Api.Response r = api().postJsonAuthorized(token == null ? null : "Bearer " + token, "/csc/v2/" + method, body);
        answers.add(r.text());
        return r;
    }

    String login(String user) {
        Api.Response r = api().postJson(user, "/csc/v2/auth/login", Map.of());
        answers.add(r.text());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("expires_in").asLong()).isEqualTo(3600);
        return r.json().get("access_token").asText();
    }

    /** A teacher of THCSAP nobody else uses, with a credential and TOTP enrolled (made over /api as usual). */
    TestSigners.Signer freshSigner() {
        return new TestSigners(jdbc, encoder).signer(api(), "gv.csc", "Giáo viên Thử Nghiệm");
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> b64(List<byte[]> values) {
        return values.stream().map(Base64.getEncoder()::encodeToString).toList();
    }

    Api.Response authorize(String token, String credentialId, List<byte[]> digests, String otp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("credentialID", credentialId);
        body.put("numSignatures", digests.size());
        body.put("hashes", b64(digests));
        body.put("hashAlgorithmOID", SHA256);
        body.put("OTP", otp);
        return csc(token, "credentials/authorize", body);
    }

    String sad(String token, TestSigners.Signer s, List<byte[]> digests) {
        Api.Response r = authorize(token, s.credentialId(), digests, TestOtp.nextCode(s.secret()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("expiresIn").asLong()).isEqualTo(300);
        return r.json().get("SAD").asText();
    }

    Api.Response signHash(String token, String credentialId, String sad, List<byte[]> digests) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("credentialID", credentialId);
        body.put("SAD", sad);
        body.put("hashes", b64(digests));
        body.put("hashAlgorithmOID", SHA256);
        body.put("signAlgo", SHA256_WITH_RSA);
        return csc(token, "signatures/signHash", body);
    }

    JsonNode info(String token, String credentialId, String certificates) {
        Api.Response r = csc(token, "credentials/info", Map.of("credentialID", credentialId,
                "certificates", certificates, "certInfo", true, "authInfo", true));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    static X509Certificate certificate(String base64) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }

    static void assertCscError(Api.Response r, int status, String error) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().get("error").asText()).as(r.toString()).isEqualTo(error);
        assertThat(r.json().get("error_description").asText()).isNotBlank();
    }

    // ---- the flow -----------------------------------------------------------------------------------------------

    @Test
    void theWholeFlowSignsExactlyTheAuthorisedHashesAndTheSignaturesVerify() throws Exception {
        TestSigners.Signer s = freshSigner();

        Api.Response info = csc(null, "info", Map.of());
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().get("specs").asText()).isEqualTo("2.0.0.2");
        assertThat(info.json().get("name").asText()).isEqualTo("TruongSo");
        assertThat(info.json().get("region").asText()).isEqualTo("VN");
        assertThat(info.json().get("lang").asText()).isEqualTo("vi");
        assertThat(info.json().get("authType")).extracting(JsonNode::asText).containsExactly("basic");
        assertThat(info.json().get("methods")).extracting(JsonNode::asText).contains("auth/login",
                "credentials/list", "credentials/info", "credentials/authorize", "signatures/signHash");
        assertThat(info.json().get("description").asText()).contains("ký số");

        String token = login(s.username());
        Api.Response list = csc(token, "credentials/list", Map.of());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().get("credentialIDs")).extracting(JsonNode::asText).containsExactly(s.credentialId());
        Api.Response detailed = csc(token, "credentials/list", Map.of("credInfo", true, "certInfo", true));
        assertThat(detailed.json().get("credentialInfos").get(0).get("credentialID").asText())
                .isEqualTo(s.credentialId());
        assertThat(detailed.json().get("credentialInfos").get(0).get("cert").get("subjectDN").asText())
                .isEqualTo(SUBJECT);

        JsonNode ci = info(token, s.credentialId(), "chain");
        assertThat(ci.get("key").get("status").asText()).isEqualTo("enabled");
        assertThat(ci.get("key").get("algo")).extracting(JsonNode::asText).containsExactly(RSA, SHA256_WITH_RSA);
        assertThat(ci.get("key").get("len").asInt()).isEqualTo(2048);
        JsonNode cert = ci.get("cert");
        assertThat(cert.get("status").asText()).isEqualTo("valid");
        assertThat(cert.get("certificates")).hasSize(3);
        X509Certificate signerCert = certificate(cert.get("certificates").get(0).asText());
        X509Certificate issuing = certificate(cert.get("certificates").get(1).asText());
        X509Certificate root = certificate(cert.get("certificates").get(2).asText());
        signerCert.verify(issuing.getPublicKey());
        issuing.verify(root.getPublicKey());
        root.verify(root.getPublicKey());
        assertThat(cert.get("subjectDN").asText()).isEqualTo(SUBJECT);
        assertThat(CscController.rfc4514(signerCert.getSubjectX500Principal().getEncoded())).isEqualTo(SUBJECT);
        assertThat(cert.get("issuerDN").asText())
                .isEqualTo(CscController.rfc4514(issuing.getSubjectX500Principal().getEncoded()));
        assertThat(cert.get("serialNumber").asText()).isEqualTo(signerCert.getSerialNumber().toString(16));
        assertThat(cert.get("validFrom").asText()).matches("\\d{14}Z");
        assertThat(cert.get("validTo").asText()).matches("\\d{14}Z");
        assertThat(ci.get("authMode").asText()).isEqualTo("explicit");
        assertThat(ci.get("OTP").get("type").asText()).isEqualTo("offline");
        assertThat(ci.get("OTP").get("description").asText()).contains("ứng dụng xác thực");
        assertThat(ci.get("auth").get("mode").asText()).isEqualTo("explicit");
        assertThat(ci.get("auth").get("objects").get(0).get("type").asText()).isEqualTo("OTP");
        assertThat(ci.get("SCAL").asText()).isEqualTo("2");
        assertThat(ci.get("multisign").asInt()).isEqualTo(500);
        assertThat(info(token, s.credentialId(), "single").get("cert").get("certificates")).hasSize(1);
        assertThat(info(token, s.credentialId(), "none").get("cert").has("certificates")).isFalse();

        byte[][] documents = {utf8("kế hoạch bài dạy CSC 1"), utf8("kế hoạch bài dạy CSC 2")};
        List<byte[]> digests = List.of(sha256(documents[0]), sha256(documents[1]));
        String sad = sad(token, s, digests);
        Api.Response signed = signHash(token, s.credentialId(), sad, digests);
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        JsonNode signatures = signed.json().get("signatures");
        assertThat(signatures).hasSize(2);
        for (int i = 0; i < documents.length; i++) {
            // PKCS#1 v1.5 over DigestInfo(SHA-256, hash) is exactly SHA256withRSA of the document.
            Signature v = Signature.getInstance("SHA256withRSA");
            v.initVerify(signerCert.getPublicKey());
            v.update(documents[i]);
            assertThat(v.verify(Base64.getDecoder().decode(signatures.get(i).asText()))).as("signature %d", i).isTrue();
        }
        // Used up: the same SAD signs nothing more.
        assertCscError(signHash(token, s.credentialId(), sad, digests.subList(0, 1)), 400, "invalid_request");

        // rsaEncryption with the hash named separately means the same; the code as version 2 authData works too.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("credentialID", s.credentialId());
        body.put("numSignatures", 1);
        body.put("hashes", b64(digests.subList(0, 1)));
        body.put("hashAlgorithmOID", SHA256);
        body.put("authData", List.of(Map.of("id", "OTP", "value", TestOtp.nextCode(s.secret()))));
        Api.Response v2 = csc(token, "credentials/authorize", body);
        assertThat(v2.status()).as(v2.toString()).isEqualTo(200);
        Map<String, Object> sign = new LinkedHashMap<>();
        sign.put("credentialID", s.credentialId());
        sign.put("SAD", v2.json().get("SAD").asText());
        sign.put("hashes", b64(digests.subList(0, 1)));
        sign.put("signAlgo", RSA);
        assertCscError(csc(token, "signatures/signHash", sign), 400, "invalid_request"); // no hashAlgorithmOID
        sign.put("hashAlgorithmOID", SHA256);
        Api.Response rsa = csc(token, "signatures/signHash", sign);
        assertThat(rsa.status()).as(rsa.toString()).isEqualTo(200);
        assertThat(rsa.json().get("signatures").get(0).asText()).isEqualTo(signatures.get(0).asText());

        Api.Response revoked = csc(token, "auth/revoke", Map.of());
        assertThat(revoked.status()).isEqualTo(204);
        assertCscError(csc(token, "credentials/list", Map.of()), 401, "invalid_token");
    }

    /** A PAdES client with its signature values from the CSC API: authorize and signHash for each digest. */
    final class CscSignatureProvider implements SignatureValueProvider {
        private final TestSigners.Signer signer;
        private final String token;
        private final List<X509Certificate> chain = new ArrayList<>();

        CscSignatureProvider(TestSigners.Signer signer, String token) throws Exception {
            this.signer = signer;
            this.token = token;
            for (JsonNode c : info(token, signer.credentialId(), "chain").get("cert").get("certificates")) {
                chain.add(certificate(c.asText()));
            }
        }

        @Override
        public List<X509Certificate> chain() {
            return chain;
        }

        @Override
        public byte[] signDigest(byte[] sha256Digest) {
            String sad = sad(token, signer, List.of(sha256Digest));
            Api.Response r = signHash(token, signer.credentialId(), sad, List.of(sha256Digest));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return Base64.getDecoder().decode(r.json().get("signatures").get(0).asText());
        }
    }

    @Test
    void aPadesSignatureWhoseValueCameFromTheCscApiPassesEuDss() throws Exception {
        TestSigners.Signer s = freshSigner();
        String token = login(s.username());
        byte[] signed = pades.sign(TestPdfs.lessonPlan("Bài 7: Ký qua CSC API"), new SignatureRequest(
                new CscSignatureProvider(s, token), SignatureLevel.B_LTA, null, "Ký kế hoạch bài dạy", "An Phú"));

        VerificationReport report = verifier.verify(signed);
        VerificationReport.SignatureReport signature = report.signatures().stream()
                .filter(r -> r.kind() == VerificationReport.Kind.SIGNATURE).findFirst().orElseThrow();
        assertThat(signature.indication()).as(signature.toString()).isEqualTo("TOTAL_PASSED");
        assertThat(signature.level()).isEqualTo("PAdES-BASELINE-LTA");
        assertThat(signature.signer()).isEqualTo("Giáo viên Thử Nghiệm");
        assertThat(signature.trusted()).isTrue();
        assertThat(report.verdict()).as(report.summary()).isEqualTo(VerificationReport.Verdict.VALID);
    }

    // ---- tokens ---------------------------------------------------------------------------------------------------

    @Test
    void withoutAValidBearerTokenOnlyInfoAnswers() throws Exception {
        HttpResponse<String> none = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/csc/v2/credentials/list"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer ");
        assertThat(none.body()).contains("\"error\":\"invalid_token\"");

        HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/csc/v2/credentials/list"))
                .header("Authorization", "Bearer khong-phai-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");

        assertCscError(csc(null, "credentials/info", Map.of("credentialID", UUID.randomUUID().toString())), 401,
                "invalid_token");
        // Basic is for auth/login only; a bearer token does not log in.
        assertCscError(api().postJson("gv.lan", "/csc/v2/credentials/list", Map.of()), 401, "invalid_token");
        String token = login("gv.lan");
        assertCscError(csc(token, "auth/login", Map.of()), 401, "access_denied");
        assertCscError(api().postJson("gv.lan:sai-mat-khau", "/csc/v2/auth/login", Map.of()), 401, "access_denied");
        // info is public, whatever is sent along.
        assertThat(csc("khong-phai-token", "info", Map.of()).status()).isEqualTo(200);
        assertThat(csc(token, "credentials/list", Map.of()).status()).isEqualTo(200);
        // Errors before any method are CSC errors too.
        assertCscError(api().get(null, "/csc/v2/info"), 405, "invalid_request");
        assertCscError(csc(token, "credentials/khong-co", Map.of()), 404, "invalid_request");
        // The token is kept only as its hash.
        assertThat(jdbc.queryForObject("select count(*) from csc_access_token where token_hash = ?", Integer.class,
                Secrets.sha256Hex(token))).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = login("gv.lan");
        assertThat(csc(token, "credentials/list", Map.of()).status()).isEqualTo(200);
        jdbc.update("update csc_access_token set expires_at = ? where token_hash = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), Secrets.sha256Hex(token));
        Api.Response r = csc(token, "credentials/list", Map.of());
        assertCscError(r, 401, "invalid_token");
        assertThat(r.json().get("error_description").asText()).contains("hết hạn");
    }

    // ---- whose credential --------------------------------------------------------------------------------------

    @Test
    void anotherUsersCredentialAnswersAsIfItDidNotExist() {
        TestSigners.Signer s = freshSigner();
        String other = login("gv.lan");
        Api.Response list = csc(other, "credentials/list", Map.of());
        assertThat(list.json().get("credentialIDs")).extracting(JsonNode::asText).isNotEmpty()
                .doesNotContain(s.credentialId());

        String unknown = UUID.randomUUID().toString();
        Api.Response theirs = csc(other, "credentials/info", Map.of("credentialID", s.credentialId()));
        Api.Response nobodys = csc(other, "credentials/info", Map.of("credentialID", unknown));
        assertCscError(theirs, 400, "invalid_request");
        assertThat(theirs.text()).isEqualTo(nobodys.text());

        List<byte[]> digests = List.of(sha256(utf8("không phải của tôi")));
        Api.Response authTheirs = authorize(other, s.credentialId(), digests, TestOtp.code(s.secret(), 0));
        Api.Response authNobodys = authorize(other, unknown, digests, TestOtp.code(s.secret(), 0));
        assertCscError(authTheirs, 400, "invalid_request");
        assertThat(authTheirs.text()).isEqualTo(authNobodys.text());
        // Nothing was counted against the owner.
        assertThat(jdbc.queryForObject("select failed_attempts from signing_credential where id = ?", Integer.class,
                UUID.fromString(s.credentialId()))).isZero();

        // The owner's SAD is no good to anyone else either.
        String mine = login(s.username());
        String sad = sad(mine, s, digests);
        assertCscError(signHash(other, s.credentialId(), sad, digests), 400, "invalid_request");
        assertThat(signHash(mine, s.credentialId(), sad, digests).status()).isEqualTo(200);
    }

    // ---- the code: one check with sign transactions ------------------------------------------------------------

    @Test
    void wrongCodesAreCountedAndLockTheCredentialTogetherWithSignTransactions() throws Exception {
        TestSigners.Signer s = freshSigner();
        String token = login(s.username());
        List<byte[]> digests = List.of(sha256(utf8("khóa")));
        for (int i = 1; i <= 4; i++) {
            Api.Response wrong = authorize(token, s.credentialId(), digests, s.wrongCode());
            assertCscError(wrong, 400, "invalid_otp");
            assertThat(jdbc.queryForObject("select failed_attempts from signing_credential where id = ?",
                    Integer.class, UUID.fromString(s.credentialId()))).isEqualTo(i);
        }
        // The fifth wrong code, given to a sign transaction, locks: it is the same check and the same count.
        UUID tx = transactions.open(s.username(), "Thử", "Ký thử", List.of(new DigestToSign("x", digests.get(0))));
        Api.Response fifth = api().postJson(s.username(), "/api/sign-transactions/" + tx + "/confirm",
                Map.of("otp", s.wrongCode()));
        assertThat(fifth.status()).isEqualTo(423);
        Api.Response locked = authorize(token, s.credentialId(), digests, TestOtp.nextCode(s.secret()));
        assertCscError(locked, 423, "access_denied");
        assertThat(locked.json().get("error_description").asText()).contains("tạm khóa");

        api().postJson("admin", "/api/admin/credentials/" + s.credentialId() + "/resume", Map.of());
        assertThat(sad(token, s, digests)).isNotBlank();
    }

    @Test
    void aCodeWorksOnceWhereverItIsUsed() throws Exception {
        TestSigners.Signer s = freshSigner();
        String token = login(s.username());
        List<byte[]> digests = List.of(sha256(utf8("một lần")));
        String code = TestOtp.nextCode(s.secret());
        assertThat(authorize(token, s.credentialId(), digests, code).status()).isEqualTo(200);
        Api.Response again = authorize(token, s.credentialId(), digests, code);
        assertCscError(again, 400, "invalid_otp");
        assertThat(again.json().get("error_description").asText()).contains("đã được dùng");
        UUID tx = transactions.open(s.username(), "Thử", "Ký thử", List.of(new DigestToSign("x", digests.get(0))));
        Api.Response confirm = api().postJson(s.username(), "/api/sign-transactions/" + tx + "/confirm",
                Map.of("otp", code));
        assertThat(confirm.json().get("code").asText()).isEqualTo("OTP_REUSED");
        assertCscError(authorize(token, s.credentialId(), digests, null), 400, "invalid_request");
    }

    // ---- the SAD --------------------------------------------------------------------------------------------------

    @Test
    void aSadSignsOnlyItsOwnHashesAtMostNumSignaturesAndNotAfterItExpires() {
        TestSigners.Signer s = freshSigner();
        String token = login(s.username());
        byte[] h1 = sha256(utf8("một"));
        byte[] h2 = sha256(utf8("hai"));
        byte[] h3 = sha256(utf8("ba"));
        String sad = sad(token, s, List.of(h1, h2));
        assertThat(jdbc.queryForObject("select num_signatures from csc_authorization where sad_hash = ?",
                Integer.class, Secrets.sha256Hex(sad))).isEqualTo(2);

        Api.Response notAuthorised = signHash(token, s.credentialId(), sad, List.of(h3));
        assertCscError(notAuthorised, 400, "invalid_request");
        assertThat(notAuthorised.json().get("error_description").asText()).contains("không nằm trong danh sách");
        assertThat(signHash(token, s.credentialId(), sad, List.of(h1)).status()).isEqualTo(200);
        assertCscError(signHash(token, s.credentialId(), sad, List.of(h1)), 400, "invalid_request");
        Api.Response tooMany = signHash(token, s.credentialId(), sad, List.of(h2, h2));
        assertCscError(tooMany, 400, "invalid_request");
        assertThat(tooMany.json().get("error_description").asText()).contains("vượt quá");
        assertThat(signHash(token, s.credentialId(), sad, List.of(h2)).status()).isEqualTo(200);
        Api.Response usedUp = signHash(token, s.credentialId(), sad, List.of(h2));
        assertThat(usedUp.json().get("error_description").asText()).contains("dùng hết");
        assertCscError(signHash(token, s.credentialId(), "khong-phai-SAD", List.of(h1)), 400, "invalid_request");

        String expiring = sad(token, s, List.of(h3));
        jdbc.update("update csc_authorization set expires_at = ? where sad_hash = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), Secrets.sha256Hex(expiring));
        Api.Response expired = signHash(token, s.credentialId(), expiring, List.of(h3));
        assertCscError(expired, 400, "invalid_request");
        assertThat(expired.json().get("error_description").asText()).contains("hết hạn");
        // The next authorisation (anyone's) clears expired SADs away, hashes and all.
        sad(token, s, List.of(h3));
        assertThat(jdbc.queryForObject("select count(*) from csc_authorization where sad_hash = ?", Integer.class,
                Secrets.sha256Hex(expiring))).isZero();
        assertThat(jdbc.queryForObject("select count(*) from csc_authorization_hash where sad_hash = ?",
                Integer.class, Secrets.sha256Hex(expiring))).isZero();

        // numSignatures and hashes must agree, and only SHA-256 is taken.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("credentialID", s.credentialId());
        body.put("numSignatures", 2);
        body.put("hashes", b64(List.of(h1)));
        body.put("hashAlgorithmOID", SHA256);
        body.put("OTP", TestOtp.nextCode(s.secret()));
        assertCscError(csc(token, "credentials/authorize", body), 400, "invalid_request");
        body.put("numSignatures", 1);
        body.put("hashAlgorithmOID", "1.3.14.3.2.26");
        assertCscError(csc(token, "credentials/authorize", body), 400, "invalid_request");
        body.put("hashAlgorithmOID", SHA256);
        body.put("hashes", List.of(Base64.getEncoder().encodeToString(new byte[20])));
        assertCscError(csc(token, "credentials/authorize", body), 400, "invalid_request");
        assertCscError(csc(token, "credentials/authorize", "không phải JSON"), 400, "invalid_request");
    }

    @org.junit.jupiter.api.RepeatedTest(3)
    void twoSignHashCallsWithOneSadAtOnceSignOnce() throws Exception {
        TestSigners.Signer s = freshSigner();
        String token = login(s.username());
        List<byte[]> digests = List.of(sha256(utf8("đua")));
        String sad = sad(token, s, digests);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return signHash(token, s.credentialId(), sad, digests);
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var call : calls) {
                statuses.add(call.get().status());
            }
            // One signs; the other raced the same row (409) or saw the hash already signed (400).
            assertThat(statuses).containsOnlyOnce(200);
            assertThat(statuses).anySatisfy(st -> assertThat(st).isIn(400, 409));
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select signatures_used from csc_authorization where sad_hash = ?",
                Integer.class, Secrets.sha256Hex(sad))).isEqualTo(1);
    }

    @Test
    void aSuspendedOrRevokedCredentialSignsNothing() {
        TestSigners.Signer s = freshSigner();
        String token = login(s.username());
        List<byte[]> digests = List.of(sha256(utf8("thu hồi")));
        String sad = sad(token, s, digests);

        api().postJson("admin", "/api/admin/credentials/" + s.credentialId() + "/suspend", Map.of());
        assertCscError(signHash(token, s.credentialId(), sad, digests), 400, "invalid_request");
        JsonNode suspended = info(token, s.credentialId(), "none");
        assertThat(suspended.get("key").get("status").asText()).isEqualTo("disabled");
        assertThat(suspended.get("cert").get("status").asText()).isEqualTo("suspended");
        api().postJson("admin", "/api/admin/credentials/" + s.credentialId() + "/resume", Map.of());

        assertThat(api().postJson("admin", "/api/admin/credentials/" + s.credentialId() + "/revoke", Map.of())
                .status()).isEqualTo(200);
        Api.Response refused = signHash(token, s.credentialId(), sad, digests);
        assertCscError(refused, 400, "invalid_request");
        assertThat(refused.json().get("error_description").asText()).contains("thu hồi");
        assertCscError(authorize(token, s.credentialId(), digests, TestOtp.nextCode(s.secret())), 400,
                "invalid_request");
        JsonNode revoked = info(token, s.credentialId(), "none");
        assertThat(revoked.get("key").get("status").asText()).isEqualTo("disabled");
        assertThat(revoked.get("cert").get("status").asText()).isEqualTo("revoked");
        assertThat(csc(token, "credentials/list", Map.of("onlyValid", true)).json().get("credentialIDs")).isEmpty();
        assertThat(csc(token, "credentials/list", Map.of()).json().get("credentialIDs")).hasSize(1);
    }

    // ---- secrets ---------------------------------------------------------------------------------------------------

    /**
     * Text that would show the private part of a key: its secret number (RSA private exponent, EC scalar) in hex,
     * and the PKCS#8 bytes around it in base64 at each of the three alignments (so it is found inside any base64).
     * Not the whole PKCS#8 in pieces: an RSA key's also holds the public modulus, which every certificate shows.
     */
    static List<String> privateNeedles(PrivateKey key) {
        byte[] pkcs8 = key.getEncoded();
        byte[] secret = key instanceof RSAPrivateKey rsa ? rsa.getPrivateExponent().toByteArray()
                : ((ECPrivateKey) key).getS().toByteArray();
        int at = indexOf(pkcs8, secret);
        assertThat(at).as("the secret inside the PKCS#8").isPositive();
        List<String> needles = new ArrayList<>();
        needles.add(Base64.getEncoder().encodeToString(pkcs8));
        needles.add(HexFormat.of().formatHex(secret, 0, Math.min(secret.length, 24)));
        int length = Math.min(secret.length - 3, 24);
        for (int shift = 0; shift < 3; shift++) {
            needles.add(Base64.getEncoder().encodeToString(Arrays.copyOfRange(pkcs8, at + shift, at + shift + length))
                    .substring(0, 28));
        }
        return needles;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void noPrivateKeyTotpSecretTokenOrSadInTheAnswersTheDatabaseOrTheLog(CapturedOutput output) throws Exception {
        TestSigners.Signer s = freshSigner();
        String token = login(s.username());
        List<byte[]> digests = List.of(sha256(utf8("bí mật")));
        String sad = sad(token, s, digests);
        signHash(token, s.credentialId(), sad, digests);
        csc(token, "credentials/list", Map.of("credInfo", true, "certificates", "chain", "certInfo", true,
                "authInfo", true));
        info(token, s.credentialId(), "chain");
        authorize(token, s.credentialId(), digests, s.wrongCode());

        List<String> keyMaterial = new ArrayList<>();
        // Keys in a PKCS#11 token (SoftHsmCredentialTest shares this database) cannot be read out at all.
        for (Credential c : credentials.all().stream().filter(c -> c.getKeyStore() == KeyStorage.SOFTWARE).toList()) {
            keyMaterial.addAll(privateNeedles(credentials.privateKey(c)));
            if (c.totp() != null) {
                byte[] secret = masterKey.open(c.totp(), Credential.totpAad(c.getId()));
                keyMaterial.add(Totp.base32(secret));
                keyMaterial.add(HexFormat.of().formatHex(secret));
                keyMaterial.add(Base64.getEncoder().encodeToString(secret));
            }
        }
        keyMaterial.add(RemoteSignDemoData.DEMO_TOTP_SECRET);
        String responses = String.join("\n", answers);
        for (String needle : keyMaterial) {
            assertThat(responses).as("CSC answers").doesNotContain(needle);
            assertThat(output.getAll()).as("log").doesNotContain(needle);
        }

        StringBuilder db = new StringBuilder();
        for (String table : List.of("csc_access_token", "csc_authorization", "csc_authorization_hash")) {
            jdbc.query("select * from " + table, rs -> {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    db.append(rs.getObject(i)).append('\n');
                }
            });
        }
        assertThat(db).contains(Secrets.sha256Hex(token)).contains(Secrets.sha256Hex(sad));
        for (String secret : List.of(token, sad)) {
            assertThat(db.toString()).as("database").doesNotContain(secret);
            assertThat(output.getAll()).as("log").doesNotContain(secret);
        }
    }
}
