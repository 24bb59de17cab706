package vn.truongso.remotesign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.truongso.signing.Appearance;
import vn.truongso.signing.DigestToSign;
import vn.truongso.signing.SignatureConfirmations;
import vn.truongso.signing.PadesSigner;
import vn.truongso.signing.SignatureLevel;
import vn.truongso.signing.SignatureRequest;
import vn.truongso.signing.SignatureValueProvider;
import vn.truongso.support.Api;
import vn.truongso.verification.PdfVerifier;
import vn.truongso.verification.VerificationReport;

/**
 * Signing credentials whose keys live in a PKCS#11 token: a fresh SoftHSM2 token under target/ ({@link SoftHsm}),
 * the application started with {@code truongso.remotesign.key-store=PKCS11} on the same database as the other
 * integration tests. A second application context in this JVM: its own Camunda engine name, closed after the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "truongso.remotesign.key-store=PKCS11",
        "camunda.bpm.process-engine-name=softhsm-test"})
@ActiveProfiles("test")
@Import(TestOtp.Config.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class SoftHsmCredentialTest {

    /** Runs when the context is made: the tokens exist before anything loads the SoftHSM library. */
    @DynamicPropertySource
    static void theToken(DynamicPropertyRegistry registry) {
        SoftHsm.Tokens tokens = SoftHsm.tokens();
        registry.add("truongso.remotesign.pkcs11.library", tokens::library);
        registry.add("truongso.remotesign.pkcs11.slot", () -> tokens.main().slot());
        registry.add("truongso.remotesign.pkcs11.pin", () -> tokens.main().pin());
    }

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
    @Autowired
    PadesSigner padesSigner;
    @Autowired
    PdfVerifier verifier;

    /** A teacher of THCSAP made here, with a credential issued over the API (so: into the token) and TOTP enrolled. */
    TestSigners.Signer freshSigner(Api api) {
        TestSigners.Signer s = new TestSigners(jdbc, encoder).signer(api, "gv.hsm", "Trần Thị Khóa");
        assertThat(api.get("admin", "/api/admin/credentials").json()).anySatisfy(c -> {
            assertThat(c.get("id").asText()).isEqualTo(s.credentialId());
            assertThat(c.get("keyStore").asText()).isEqualTo("PKCS11");
        });
        return s;
    }

    /** Opens a sign transaction for one digest and confirms it with the signer's next code, over HTTP. */
    Api.Response openAndConfirm(Api api, String username, String secret, byte[] sha256) {
        UUID id = transactions.open(username, "Ký kế hoạch bài dạy", "Ký 1 kế hoạch bài dạy",
                List.of(new DigestToSign("Kế hoạch bài dạy", sha256)));
        return api.postJson(username, "/api/sign-transactions/" + id + "/confirm",
                Map.of("otp", TestOtp.nextCode(secret)));
    }

    @Test
    void aKeyMadeInTheTokenSignsThroughATransactionIntoAPdfThatEuDssAccepts(CapturedOutput output) throws Exception {
        Api api = new Api(port);
        TestSigners.Signer s = freshSigner(api);

        // The row says where the key is and holds none of it; the check constraint keeps it so.
        Map<String, Object> row = jdbc.queryForMap("select key_store, key_alias, key_ciphertext, key_iv "
                + "from signing_credential where id = ?", UUID.fromString(s.credentialId()));
        assertThat(row.get("key_store")).isEqualTo("PKCS11");
        assertThat(row.get("key_alias")).isEqualTo(s.credentialId());
        assertThat(row.get("key_ciphertext")).isNull();
        assertThat(row.get("key_iv")).isNull();
        assertThatThrownBy(() -> jdbc.update("update signing_credential set key_store = 'SOFTWARE' where id = ?",
                UUID.fromString(s.credentialId()))).isInstanceOf(DataIntegrityViolationException.class);

        // The key is in the token, as a token object that is sensitive and cannot be extracted, with the certificate.
        X509Certificate cert = confirmations.chain(s.username()).get(0);
        KeyStore token = tokenAsTheTestSeesIt();
        assertThat(token.isKeyEntry(s.credentialId())).isTrue();
        Key key = token.getKey(s.credentialId(), null);
        assertThat(key.getEncoded()).isNull();
        assertThat(key.toString()).contains("token object", "sensitive", "unextractable");
        assertThat(token.getCertificate(s.credentialId())).isEqualTo(cert);
        assertThat(SoftHsm.showSlots()).contains("truongso-test");

        // A PAdES signature whose value comes from a sign transaction the signer confirms with a one-time code.
        SignatureValueProvider viaTransaction = new SignatureValueProvider() {
            @Override
            public List<X509Certificate> chain() {
                return confirmations.chain(s.username());
            }

            @Override
            public byte[] signDigest(byte[] sha256Digest) {
                Api.Response confirmed = openAndConfirm(api, s.username(), s.secret(), sha256Digest);
                assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
                assertThat(confirmed.json().get("status").asText()).isEqualTo("SIGNED");
                UUID id = UUID.fromString(confirmed.json().get("id").asText());
                return TestSigners.signatureValues(confirmed.json()).get(0);
            }
        };
        byte[] pdf = Files.readAllBytes(Path.of("docs/samples/ke-hoach-bai-day-mau.pdf"));
        byte[] signed = padesSigner.sign(pdf, new SignatureRequest(viaTransaction, SignatureLevel.B_LTA,
                new Appearance(s.fullName(), "Giáo viên", "Trường THCS An Phú", Instant.now(), null,
                        new Appearance.NearKeyword("GIÁO VIÊN", 200, 60)), "Kế hoạch bài dạy", "An Phú"));
        Files.createDirectories(Path.of("target/signing"));
        Files.write(Path.of("target/signing/softhsm-signed.pdf"), signed);

        // EU DSS, with the school PKI's root (the sample root) trusted.
        VerificationReport report = verifier.verify(signed);
        VerificationReport.SignatureReport signature = report.signatures().stream()
                .filter(r -> r.kind() == VerificationReport.Kind.SIGNATURE).findFirst().orElseThrow();
        assertThat(signature.indication()).as(signature.toString()).isEqualTo("TOTAL_PASSED");
        assertThat(signature.level()).isEqualTo("PAdES-BASELINE-LTA");
        assertThat(signature.trusted()).isTrue();
        assertThat(signature.signer()).isEqualTo(s.fullName());
        assertThat(report.verdict()).as(report.summary()).isEqualTo(VerificationReport.Verdict.VALID);

        // Suspension and revocation work as for any credential.
        UUID pending = transactions.open(s.username(), "Ký kế hoạch bài dạy", "Ký 1 kế hoạch bài dạy",
                List.of(new DigestToSign("Kế hoạch bài dạy", MessageDigest.getInstance("SHA-256")
                        .digest("sau khi tạm dừng".getBytes(StandardCharsets.UTF_8)))));
        assertThat(api.postJson("admin", "/api/admin/credentials/" + s.credentialId() + "/suspend", Map.of()).status())
                .isEqualTo(200);
        Api.Response suspended = api.postJson(s.username(), "/api/sign-transactions/" + pending + "/confirm",
                Map.of("otp", TestOtp.nextCode(s.secret())));
        assertThat(suspended.status()).isEqualTo(409);
        assertThat(suspended.json().get("code").asText()).isEqualTo("CREDENTIAL_NOT_ACTIVE");
        assertThat(api.postJson("admin", "/api/admin/credentials/" + s.credentialId() + "/revoke", Map.of())
                .json().get("status").asText()).isEqualTo("REVOKED");

        // The token's PIN is in no log line (start-up included: this class made the context).
        assertThat(output.getAll()).contains("PKCS#11 token ready").doesNotContain(SoftHsm.USER_PIN);
    }

    @Test
    void softwareCredentialsKeepSigningWhenNewKeysGoToTheToken() throws Exception {
        Api api = new Api(port);
        String who = "gv.tuan";
        String keyStore = jdbc.queryForObject("select key_store from signing_credential where username = ? "
                + "and status <> 'REVOKED'", String.class, who);
        assertThat(keyStore).isEqualTo("SOFTWARE");
        byte[] data = "kế hoạch ký bằng khóa phần mềm".getBytes(StandardCharsets.UTF_8);
        Api.Response ok = openAndConfirm(api, who, TestOtp.DEMO_SECRET, MessageDigest.getInstance("SHA-256").digest(data));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        byte[] value = TestSigners.signatureValues(ok.json()).get(0);
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(confirmations.chain(who).get(0).getPublicKey());
        v.update(data);
        assertThat(v.verify(value)).isTrue();
    }

    /** Our own SunPKCS11 instance on the same slot (the library is shared in this JVM, and so is the login). */
    private static KeyStore tokenAsTheTestSeesIt() throws Exception {
        SoftHsm.Tokens tokens = SoftHsm.tokens();
        Provider p = Security.getProvider("SunPKCS11")
                .configure(Pkcs11Token.config(tokens.library(), tokens.main().slot(), 0));
        KeyStore ks = KeyStore.getInstance("PKCS11", p);
        ks.load(null, tokens.main().pin().toCharArray());
        return ks;
    }
}
