package vn.truongso.remotesign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.truongso.pki.SchoolPki;
import vn.truongso.signing.DigestToSign;
import vn.truongso.signing.SignatureConfirmations;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * Remote signing over HTTP as the signers would use it. Tests that lock, suspend or revoke do so on credentials of
 * users made here for the purpose, never on the demo signers others rely on.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RemoteSignApiTest {

    @LocalServerPort
    int port;
    @Autowired
    SignTransactions transactions;
    @Autowired
    Credentials credentials;
    @Autowired
    SchoolPki pki;
    @Autowired
    MasterKey masterKey;
    @Autowired
    SignatureConfirmations confirmations;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;

    Api api;
    /** Every answer the tests saw, for the leak scan. */
    final List<String> answers = new ArrayList<>();

    Api api() {
        if (api == null) {
            api = new Api(port);
        }
        return api;
    }

    Api.Response get(String user, String path) {
        Api.Response r = api().get(user, path);
        answers.add(r.text());
        return r;
    }

    Api.Response post(String user, String path, Object body) {
        Api.Response r = api().postJson(user, path, body);
        answers.add(r.text());
        return r;
    }

    TestSigners.Signer freshSigner() {
        TestSigners.Signer s = signers().signer(api(), "gv.thu", "Giáo viên Thử Nghiệm");
        JsonNode mine = api().get(s.username(), "/api/credentials/me").json().get(0);
        assertThat(mine.get("subject").asText()).isEqualTo("C=VN,O=Trường THCS An Phú,T=Giáo viên,CN=Giáo viên Thử Nghiệm");
        assertThat(s.otpauthUri()).isEqualTo("otpauth://totp/TruongSo:" + s.username() + "?secret=" + s.secret()
                + "&issuer=TruongSo&algorithm=SHA1&digits=6&period=30");
        return s;
    }

    TestSigners signers() {
        return new TestSigners(jdbc, encoder);
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    UUID open(String username, byte[]... data) throws Exception {
        List<DigestToSign> digests = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            digests.add(new DigestToSign("Kế hoạch bài dạy " + (i + 1), sha256(data[i])));
        }
        return transactions.open(username, "Duyệt kế hoạch bài dạy",
                "Ký duyệt " + data.length + " kế hoạch bài dạy", digests);
    }

    @Test
    void theOwnerSeesTheTransactionOthersGet404AndTheOwnerRejects() throws Exception {
        UUID id = open("ht.mai", "a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8));
        Api.Response mine = get("ht.mai", "/api/sign-transactions?status=PENDING");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().findValuesAsText("id")).contains(id.toString());
        JsonNode one = get("ht.mai", "/api/sign-transactions/" + id).json();
        assertThat(one.get("status").asText()).isEqualTo("PENDING");
        assertThat(one.get("displayText").asText()).isEqualTo("Ký duyệt 2 kế hoạch bài dạy");
        assertThat(one.get("items")).hasSize(2);

        assertThat(get("gv.lan", "/api/sign-transactions/" + id).status()).isEqualTo(404);
        assertThat(get("gv.lan", "/api/sign-transactions?status=PENDING").json().findValuesAsText("id"))
                .doesNotContain(id.toString());
        assertThat(post("gv.lan", "/api/sign-transactions/" + id + "/confirm", Map.of("otp", "123456")).status())
                .isEqualTo(404);
        assertThat(post("gv.lan", "/api/sign-transactions/" + id + "/reject", Map.of()).status()).isEqualTo(404);

        Api.Response rejected = post("ht.mai", "/api/sign-transactions/" + id + "/reject", Map.of("reason", "Chưa đọc kỹ"));
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().get("status").asText()).isEqualTo("REJECTED");
        Api.Response again = post("ht.mai", "/api/sign-transactions/" + id + "/confirm", Map.of("otp", "123456"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("TRANSACTION_NOT_PENDING");
        JsonNode seen = get("ht.mai", "/api/sign-transactions/" + id).json();
        assertThat(seen.get("status").asText()).isEqualTo("REJECTED");
        assertThat(seen.get("items")).allSatisfy(i -> assertThat(i.get("signatureValue").isNull()).isTrue());

        // The demo credential keeps the sample PKI's certificate, so signatures look as they did before.
        List<X509Certificate> chain = confirmations.chain("ht.mai");
        assertThat(chain).containsExactly(pki.signer("ht.mai").orElseThrow().certificate(), pki.issuingCertificate(),
                pki.rootCertificate());
    }

    @Test
    void aRightCodeSignsEveryDigestOnceAndTheSignaturesVerify() throws Exception {
        TestSigners.Signer s = freshSigner();
        byte[][] data = {"kế hoạch 1".getBytes(StandardCharsets.UTF_8), "kế hoạch 2".getBytes(StandardCharsets.UTF_8),
                "kế hoạch 3".getBytes(StandardCharsets.UTF_8)};
        UUID id = open(s.username(), data);
        Api.Response wrong = post(s.username(), "/api/sign-transactions/" + id + "/confirm", Map.of("otp", s.wrongCode()));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("code").asText()).isEqualTo("OTP_INVALID");

        String code = s.code(0);
        Api.Response ok = post(s.username(), "/api/sign-transactions/" + id + "/confirm", Map.of("otp", code));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("status").asText()).isEqualTo("SIGNED");

        List<byte[]> values = TestSigners.signatureValues(ok.json());
        X509Certificate cert = confirmations.chain(s.username()).get(0);
        assertThat(values).hasSize(3);
        for (int i = 0; i < data.length; i++) {
            Signature v = Signature.getInstance("SHA256withRSA");
            v.initVerify(cert.getPublicKey());
            v.update(data[i]);
            assertThat(v.verify(values.get(i))).as("signature %d", i).isTrue();
        }
        Api.Response twice = post(s.username(), "/api/sign-transactions/" + id + "/confirm", Map.of("otp", s.code(1)));
        assertThat(twice.status()).isEqualTo(409);

        // The same code for another transaction: refused, it was used.
        UUID next = open(s.username(), "kế hoạch 4".getBytes(StandardCharsets.UTF_8));
        Api.Response replay = post(s.username(), "/api/sign-transactions/" + next + "/confirm", Map.of("otp", code));
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().get("code").asText()).isEqualTo("OTP_REUSED");
        Api.Response older = post(s.username(), "/api/sign-transactions/" + next + "/confirm", Map.of("otp", s.code(-1)));
        assertThat(older.status()).isEqualTo(400);
        assertThat(get(s.username(), "/api/sign-transactions/" + next).json().get("status").asText()).isEqualTo("PENDING");
    }

    @org.junit.jupiter.api.RepeatedTest(5)
    void twoConfirmationsAtOnceSignOnce() throws Exception {
        TestSigners.Signer s = freshSigner();
        UUID id = open(s.username(), "kế hoạch đua".getBytes(StandardCharsets.UTF_8));
        String code = s.code(0);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return api().postJson(s.username(), "/api/sign-transactions/" + id + "/confirm",
                            Map.of("otp", code));
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (java.util.concurrent.Future<Api.Response> f : answers) {
                statuses.add(f.get().status());
            }
            // One signs; the other is refused (409 when it raced the same row, 400 when it saw the used code).
            assertThat(statuses).containsOnlyOnce(200);
            assertThat(statuses).anySatisfy(st -> assertThat(st).isIn(400, 409));
        } finally {
            pool.shutdownNow();
        }
        assertThat(get(s.username(), "/api/sign-transactions/" + id).json().get("status").asText()).isEqualTo("SIGNED");
        assertThat(TestSigners.signatureValues(get(s.username(), "/api/sign-transactions/" + id).json())).hasSize(1);
    }

    @Test
    void fiveWrongCodesLockTheCredentialUntilAnAdministratorResumesIt() throws Exception {
        TestSigners.Signer s = freshSigner();
        UUID id = open(s.username(), "x".getBytes(StandardCharsets.UTF_8));
        String path = "/api/sign-transactions/" + id + "/confirm";
        for (int i = 1; i <= 4; i++) {
            assertThat(post(s.username(), path, Map.of("otp", s.wrongCode())).json().get("code").asText())
                    .isEqualTo("OTP_INVALID");
        }
        Api.Response fifth = post(s.username(), path, Map.of("otp", s.wrongCode()));
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.json().get("code").asText()).isEqualTo("CREDENTIAL_LOCKED");
        Api.Response right = post(s.username(), path, Map.of("otp", s.code(0)));
        assertThat(right.status()).isEqualTo(423);
        JsonNode me = get(s.username(), "/api/credentials/me").json().get(0);
        assertThat(me.get("lockedUntil").isNull()).isFalse();

        assertThat(post("admin", "/api/admin/credentials/" + s.credentialId() + "/resume", Map.of()).status())
                .isEqualTo(200);
        assertThat(post(s.username(), path, Map.of("otp", s.code(0))).json().get("status").asText()).isEqualTo("SIGNED");
    }

    @Test
    void anExpiredTransactionCannotBeConfirmed() throws Exception {
        TestSigners.Signer s = freshSigner();
        UUID id = transactions.open(s.username(), "Thử", "Ký thử", List.of(new DigestToSign("x", new byte[32])),
                Duration.ofMillis(1)).getId();
        Thread.sleep(20);
        assertThat(get(s.username(), "/api/sign-transactions/" + id).json().get("status").asText()).isEqualTo("EXPIRED");
        assertThat(get(s.username(), "/api/sign-transactions?status=EXPIRED").json().findValuesAsText("id"))
                .contains(id.toString());
        Api.Response r = post(s.username(), "/api/sign-transactions/" + id + "/confirm", Map.of("otp", s.code(0)));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("code").asText()).isEqualTo("TRANSACTION_EXPIRED");
        assertThat(jdbc.queryForObject("select status from sign_transaction where id = ?", String.class, id))
                .isEqualTo("EXPIRED");
    }

    @Test
    void administratorsManageCredentialsAndRevocationReachesCrlAndOcsp() throws Exception {
        TestSigners.Signer s = freshSigner();
        assertThat(get("gv.lan", "/api/admin/credentials").status()).isEqualTo(403);
        assertThat(post("gv.lan", "/api/admin/credentials", Map.of("username", "gv.lan")).status()).isEqualTo(403);
        assertThat(post("admin", "/api/admin/credentials", Map.of("username", s.username())).json().get("code").asText())
                .isEqualTo("CREDENTIAL_EXISTS");
        assertThat(post("admin", "/api/admin/credentials", Map.of("username", "ph.binh")).status()).isEqualTo(400);
        assertThat(get("admin", "/api/admin/credentials").json().findValuesAsText("username"))
                .contains(s.username(), "ht.mai", "gv.lan");

        UUID id = open(s.username(), "y".getBytes(StandardCharsets.UTF_8));
        assertThat(post("admin", "/api/admin/credentials/" + s.credentialId() + "/suspend", Map.of())
                .json().get("status").asText()).isEqualTo("SUSPENDED");
        Api.Response suspended = post(s.username(), "/api/sign-transactions/" + id + "/confirm", Map.of("otp", s.code(0)));
        assertThat(suspended.status()).isEqualTo(409);
        assertThat(suspended.json().get("code").asText()).isEqualTo("CREDENTIAL_NOT_ACTIVE");
        post("admin", "/api/admin/credentials/" + s.credentialId() + "/resume", Map.of());

        X509Certificate cert = confirmations.chain(s.username()).get(0);
        assertThat(post("admin", "/api/admin/credentials/" + s.credentialId() + "/revoke", Map.of())
                .json().get("status").asText()).isEqualTo("REVOKED");
        Api.Response revoked = post(s.username(), "/api/sign-transactions/" + id + "/confirm", Map.of("otp", s.code(0)));
        assertThat(revoked.status()).isEqualTo(409);
        assertThat(revoked.json().get("code").asText()).isEqualTo("CREDENTIAL_NOT_ACTIVE");
        assertThat(post("admin", "/api/admin/credentials/" + s.credentialId() + "/resume", Map.of()).status())
                .isEqualTo(409);

        var ocsp = new org.bouncycastle.cert.ocsp.OCSPResp(pki.ocspResponse(cert));
        var basic = (org.bouncycastle.cert.ocsp.BasicOCSPResp) ocsp.getResponseObject();
        assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
        var crl = (java.security.cert.X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCRL(new java.io.ByteArrayInputStream(get(null, "/pki/crl/issuing-ca.crl").bytes()));
        assertThat(crl.getRevokedCertificate(cert)).isNotNull();

        // A new credential may be issued once the old one is revoked.
        assertThat(post("admin", "/api/admin/credentials", Map.of("username", s.username())).status()).isEqualTo(201);
    }

    @Test
    void noPrivateKeyOrTotpSecretInTheDatabaseTheAnswersOrTheLog(CapturedOutput output) throws Exception {
        TestSigners.Signer s = freshSigner();
        Api.Response qr = api().get(s.username(), "/api/credentials/me/totp/qr.png");
        assertThat(qr.status()).isEqualTo(200);
        assertThat(qr.contentType()).isEqualTo("image/png");
        assertThat(qr.bytes()).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        UUID id = open(s.username(), "z".getBytes(StandardCharsets.UTF_8));
        post(s.username(), "/api/sign-transactions/" + id + "/confirm", Map.of("otp", s.code(0)));
        get(s.username(), "/api/credentials/me");
        get(s.username(), "/api/sign-transactions/" + id);
        get("admin", "/api/admin/credentials");

        List<String> needles = new ArrayList<>();
        List<Credential> all = credentials.all();
        for (Credential c : all) {
            // A key in a PKCS#11 token (SoftHsmCredentialTest, same database) cannot be read at all, let alone leak.
            if (c.getKeyStore() == KeyStorage.SOFTWARE) {
                byte[] key = credentials.privateKey(c).getEncoded();
                needles.add(Base64.getEncoder().encodeToString(key));
                needles.add(Base64.getMimeEncoder().encodeToString(key).split("\r\n")[1]);
                needles.add(HexFormat.of().formatHex(key).substring(0, 600));
            }
            if (c.totp() != null) {
                byte[] secret = masterKey.open(c.totp(), Credential.totpAad(c.getId()));
                needles.add(Totp.base32(secret));
                needles.add(HexFormat.of().formatHex(secret));
                needles.add(Base64.getEncoder().encodeToString(secret));
            }
        }
        needles.add(RemoteSignDemoData.DEMO_TOTP_SECRET);

        StringBuilder db = new StringBuilder();
        for (String table : List.of("signing_credential", "sign_transaction", "sign_transaction_item")) {
            jdbc.query("select * from " + table, rs -> {
                int n = rs.getMetaData().getColumnCount();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    db.append(v instanceof byte[] b ? HexFormat.of().formatHex(b) + " "
                            + new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(v)).append('\n');
                }
            });
        }
        assertThat(db).contains(s.username());
        String responses = String.join("\n", answers);
        for (String needle : needles) {
            assertThat(db.toString()).as("database").doesNotContain(needle);
            assertThat(responses).as("API answers").doesNotContain(needle);
            assertThat(output.getAll()).as("log").doesNotContain(needle);
        }
    }

    /** As a signer's own tool writes it, with whatever password (Vietnamese letters too). */
    static byte[] pkcs12(java.security.PrivateKey key, List<X509Certificate> chain, String password) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12",
                new org.bouncycastle.jce.provider.BouncyCastleProvider());
        store.load(null, null);
        store.setKeyEntry("signer", key, password.toCharArray(), chain.toArray(X509Certificate[]::new));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return out.toByteArray();
    }

    Api.Response importP12(String admin, String username, byte[] p12, String password) {
        Api.Response r = api().postMultipart(admin, "/api/admin/credentials/import", Api.Part.field("username", username),
                Api.Part.file("khoa.p12", "application/x-pkcs12", p12), Api.Part.field("password", password));
        answers.add(r.text());
        return r;
    }

    @Test
    void administratorsImportASignersPkcs12OfTheSchoolPkiAndItSigns() throws Exception {
        String username = signers().teacher("gv.nhap", "Giáo viên Nhập Khóa");
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        java.security.KeyPair keys = g.generateKeyPair();
        X509Certificate cert = pki.issueSigningCertificate(keys.getPublic(), "Giáo viên Nhập Khóa", "Giáo viên",
                "Trường THCS An Phú");
        List<X509Certificate> chain = List.of(cert, pki.issuingCertificate(), pki.rootCertificate());
        byte[] p12 = pkcs12(keys.getPrivate(), chain, "mật khẩu");

        assertThat(importP12(username, username, p12, "mật khẩu").status()).isEqualTo(403);
        Map<String, Api.Response> refused = new java.util.LinkedHashMap<>();
        refused.put("PKCS12_INVALID", importP12("admin", username, p12, "sai mật khẩu"));
        refused.put("PKCS12_INVALID ", importP12("admin", username, "không phải PKCS#12".getBytes(StandardCharsets.UTF_8), "x"));
        refused.put("CERTIFICATE_SUBJECT_MISMATCH", importP12("admin", signers().teacher("gv.nhap", "Người Khác"), p12, "mật khẩu"));
        refused.put("PKCS12_KEY_MISMATCH", importP12("admin", username,
                pkcs12(g.generateKeyPair().getPrivate(), chain, "mật khẩu"), "mật khẩu"));
        X509Certificate selfMade = pki.rootCertificate();
        refused.put("CERTIFICATE_NOT_FROM_SCHOOL_PKI", importP12("admin", username,
                pkcs12(keys.getPrivate(), List.of(selfMade), "mật khẩu"), "mật khẩu"));
        refused.forEach((code, r) -> {
            assertThat(r.status()).as(code + " " + r).isIn(400, 409);
            assertThat(r.contentType()).isEqualTo("application/problem+json");
            assertThat(r.json().get("code").asText()).isEqualTo(code.strip());
        });
        assertThat(jdbc.queryForObject("select count(*) from signing_credential where username = ?", Integer.class,
                username)).isZero();

        Api.Response imported = importP12("admin", username, p12, "mật khẩu");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().get("serial").asText()).isEqualTo(cert.getSerialNumber().toString(16));
        // The same certificate cannot become a second credential.
        Api.Response twice = importP12("admin", username, p12, "mật khẩu");
        assertThat(twice.status()).isEqualTo(409);

        String secret = api().postJson(username, "/api/credentials/me/totp", Map.of()).json().get("secret").asText();
        byte[] data = "kế hoạch".getBytes(StandardCharsets.UTF_8);
        UUID id = open(username, data);
        Api.Response signed = post(username, "/api/sign-transactions/" + id + "/confirm",
                Map.of("otp", TestOtp.nextCode(secret)));
        assertThat(signed.json().get("status").asText()).isEqualTo("SIGNED");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(cert.getPublicKey());
        rsa.update(data);
        assertThat(rsa.verify(Base64.getDecoder().decode(
                signed.json().get("items").get(0).get("signatureValue").asText()))).isTrue();
    }

    @Test
    void transactionAndCredentialListsArePaged() throws Exception {
        for (int i = 0; i < 3; i++) {
            open("ht.mai", ("trang " + i + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        }
        Api.Response two = get("ht.mai", "/api/sign-transactions?size=2");
        assertThat(two.status()).isEqualTo(200);
        assertThat(two.json()).hasSize(2);
        assertThat(get("ht.mai", "/api/sign-transactions?size=2&page=" + Integer.MAX_VALUE).json()).isEmpty();
        assertThat(get("ht.mai", "/api/sign-transactions?size=100000").status()).isEqualTo(400);

        Api.Response one = get("admin", "/api/admin/credentials?size=1");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json()).hasSize(1);
        assertThat(get("admin", "/api/admin/credentials?size=1&page=1").json().get(0).get("id").asText())
                .isNotEqualTo(one.json().get(0).get("id").asText());
        Api.Response tooBig = get("admin", "/api/admin/credentials?size=100000");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.contentType()).startsWith("application/problem+json");
    }
}
