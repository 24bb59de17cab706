package vn.truongso.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import vn.truongso.pki.SchoolPki.SignerCredential;

/** {@code pki init} as an operator runs it: what lands in the directory, and what a validator finds in it. */
class PkiInitTest {

    static final char[] PASSWORD = "truongso-sample".toCharArray();

    /** The demo people of school.DemoData, written out again so a drift on either side shows. */
    static final Map<String, List<String>> SIGNERS = Map.of(
            "gv.lan", List.of("Nguyễn Thị Lan", "Giáo viên", "Trường THCS Hòa Bình"),
            "tt.hung", List.of("Lê Văn Hùng", "Tổ trưởng tổ Khoa học tự nhiên", "Trường THCS Hòa Bình"),
            "ht.mai", List.of("Phạm Thị Mai", "Hiệu trưởng", "Trường THCS Hòa Bình"),
            "vt.hoa", List.of("Đỗ Thị Hoa", "Văn thư", "Trường THCS Hòa Bình"),
            "gv.tuan", List.of("Hoàng Minh Tuấn", "Giáo viên", "Trường THCS An Phú"),
            "tt.linh", List.of("Vũ Thùy Linh", "Tổ trưởng tổ Khoa học tự nhiên", "Trường THCS An Phú"),
            "ht.son", List.of("Bùi Văn Sơn", "Hiệu trưởng", "Trường THCS An Phú"),
            "vt.thu", List.of("Ngô Thị Thu", "Văn thư", "Trường THCS An Phú"));

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run pki(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PkiCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), null);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run pki(Map<String, String> env, PkiCommand.Prompt prompt, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PkiCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, prompt);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private X509Certificate pem(String name) throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".pem"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void rsaByDefault_everyFileWithAChainThatVerifies() throws Exception {
        Run run = pki("init", dir.toString(), "--sample");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("RSA 2048").doesNotContain("truongso-sample");

        List<String> names = Stream.concat(Stream.of("root-ca", "issuing-ca", "tsa", "ocsp"),
                SIGNERS.keySet().stream().map(u -> "signer-" + u)).toList();
        for (String name : names) {
            assertThat(dir.resolve(name + ".pem")).isRegularFile();
            assertThat(dir.resolve(name + ".p12")).isRegularFile();
            // A PEM holds a certificate and nothing else: never a key.
            assertThat(Files.readString(dir.resolve(name + ".pem"))).startsWith("-----BEGIN CERTIFICATE-----")
                    .doesNotContain("PRIVATE");
            assertThat(pem(name).getPublicKey()).isInstanceOf(RSAPublicKey.class);
            assertThat(((RSAPublicKey) pem(name).getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
            assertThat(pem(name).getSigAlgName()).isEqualTo("SHA256withRSA");
        }
        assertThat(dir.resolve("issuing-ca.crl")).isRegularFile();
        assertThat(dir.resolve("root-ca.crl")).isRegularFile();

        X509Certificate root = pem("root-ca");
        X509Certificate issuing = pem("issuing-ca");
        for (String name : names.subList(2, names.size())) {
            validate(pem(name), issuing, root);
        }
        validate(issuing, root);

        X509CRL crl;
        try (InputStream in = Files.newInputStream(dir.resolve("issuing-ca.crl"))) {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
        crl.verify(issuing.getPublicKey());
        assertThat(crl.getRevokedCertificates()).isNull();
    }

    @Test
    void ecdsaWithTheOption() throws Exception {
        Run run = pki("init", dir.toString(), "--sample", "--ec");
        assertThat(run.status()).as(run.err()).isZero();
        for (String name : List.of("root-ca", "issuing-ca", "tsa", "ocsp", "signer-ht.mai")) {
            assertThat(pem(name).getPublicKey()).isInstanceOf(ECPublicKey.class);
            assertThat(((ECPublicKey) pem(name).getPublicKey()).getParams().getCurve().getField().getFieldSize())
                    .isEqualTo(256);
            assertThat(pem(name).getSigAlgName()).isEqualTo("SHA256withECDSA");
        }
        validate(pem("signer-ht.mai"), pem("issuing-ca"), pem("root-ca"));
        SignerCredential c = Pkcs12.read(Files.newInputStream(dir.resolve("signer-ht.mai.p12")), PASSWORD);
        assertThat(c.privateKey().getAlgorithm()).isEqualTo("EC");
        // The service loads an EC PKI just the same.
        PkiMaterial loaded = PkiMaterial.load(new DefaultResourceLoader(), dir.toString(), PASSWORD);
        assertThat(loaded.signers()).containsOnlyKeys(SIGNERS.keySet());
    }

    @Test
    void signersCarryNameTitleAndSchoolExactlyAndTheRightKeyUsage() throws Exception {
        assertThat(pki("init", dir.toString(), "--sample").status()).isZero();
        for (Map.Entry<String, List<String>> e : SIGNERS.entrySet()) {
            X509Certificate cert = pem("signer-" + e.getKey());
            X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
            assertThat(value(subject, BCStyle.CN)).isEqualTo(new DERUTF8String(e.getValue().get(0)));
            assertThat(value(subject, BCStyle.T)).isEqualTo(new DERUTF8String(e.getValue().get(1)));
            assertThat(value(subject, BCStyle.O)).isEqualTo(new DERUTF8String(e.getValue().get(2)));
            assertThat(value(subject, BCStyle.C)).isEqualTo(new DERPrintableString("VN"));

            assertThat(cert.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
            boolean[] ku = cert.getKeyUsage();
            assertThat(ku[0]).as("digitalSignature").isTrue();
            assertThat(ku[1]).as("nonRepudiation").isTrue();
            assertThat(ku[5] || ku[6]).as("no CA usages").isFalse();
            assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        }
    }

    @Test
    void tsaOcspAndCaProfiles() throws Exception {
        assertThat(pki("init", dir.toString(), "--sample").status()).isZero();
        X509Certificate tsa = pem("tsa");
        assertThat(tsa.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
        assertThat(tsa.getCriticalExtensionOIDs()).contains(Extension.extendedKeyUsage.getId());

        X509Certificate ocsp = pem("ocsp");
        assertThat(ocsp.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.9");
        assertThat(ocsp.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId())).isNotNull();

        X509Certificate root = pem("root-ca");
        X509Certificate issuing = pem("issuing-ca");
        assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(issuing.getBasicConstraints()).isZero();
        for (X509Certificate ca : List.of(root, issuing)) {
            assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
            assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
            assertThat(ca.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId(),
                    Extension.basicConstraints.getId());
        }
        // Root 20 years, issuing 10, everything else 5.
        assertThat(years(root)).isEqualTo(20);
        assertThat(years(issuing)).isEqualTo(10);
        assertThat(years(tsa)).isEqualTo(5);
        assertThat(years(pem("signer-gv.lan"))).isEqualTo(5);
    }

    @Test
    void urlsPointAtTheConfiguredService() throws Exception {
        assertThat(pki("init", dir.toString(), "--sample", "--base-url", "https://pki.truong.example/").status()).isZero();
        X509Certificate signer = pem("signer-vt.thu");
        assertThat(PkiMaterial.crlBase(signer)).contains("https://pki.truong.example");
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(
                signer.getExtensionValue(Extension.authorityInfoAccess.getId())).getOctets());
        assertThat(Stream.of(aia.getAccessDescriptions()).map(a -> a.getAccessMethod().getId() + " "
                + a.getAccessLocation().getName())).containsExactly(
                AccessDescription.id_ad_ocsp.getId() + " https://pki.truong.example/pki/ocsp",
                AccessDescription.id_ad_caIssuers.getId() + " https://pki.truong.example/pki/ca/issuing-ca.cer");
        assertThat(PkiMaterial.crlBase(pem("tsa"))).contains("https://pki.truong.example");
        assertThat(Files.readString(dir.resolve("README.md"))).contains("https://pki.truong.example/pki/ocsp");
    }

    @Test
    void keysOnlyInPkcs12WithTheDocumentedPasswordAndModernEncryption() throws Exception {
        assertThat(pki("init", dir.toString(), "--sample").status()).isZero();
        Path p12 = dir.resolve("signer-gv.lan.p12");
        SignerCredential c = Pkcs12.read(Files.newInputStream(p12), PASSWORD);
        assertThat(c.chain()).hasSize(3);
        assertThat(c.certificate()).isEqualTo(pem("signer-gv.lan"));
        assertThat(c.chain().get(2)).isEqualTo(pem("root-ca"));

        assertThatThrownBy(() -> KeyStore.getInstance("PKCS12").load(Files.newInputStream(p12),
                "sai-mat-khau".toCharArray())).hasMessageContaining("password");
        KeyStore noPassword = KeyStore.getInstance("PKCS12");
        noPassword.load(Files.newInputStream(p12), null);
        String alias = noPassword.aliases().nextElement();
        assertThatThrownBy(() -> noPassword.getKey(alias, new char[0])).isInstanceOf(Exception.class);

        // AES-256-CBC under PBKDF2-HmacSHA256 for the key, and a SHA-256 MAC over the file.
        PKCS12PfxPdu pfx = new PKCS12PfxPdu(Files.readAllBytes(p12));
        assertThat(pfx.getMacAlgorithmID().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        int keyBags = 0;
        for (var info : pfx.getContentInfos()) {
            if (!info.getContentType().equals(PKCSObjectIdentifiers.data)) {
                continue;
            }
            for (PKCS12SafeBag bag : new PKCS12SafeBagFactory(info).getSafeBags()) {
                if (bag.getType().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
                    keyBags++;
                    EncryptedPrivateKeyInfo epki = ((PKCS8EncryptedPrivateKeyInfo) bag.getBagValue()).toASN1Structure();
                    assertThat(epki.getEncryptionAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBES2);
                    PBES2Parameters pbes2 = PBES2Parameters.getInstance(epki.getEncryptionAlgorithm().getParameters());
                    assertThat(pbes2.getEncryptionScheme().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_aes256_CBC);
                    assertThat(pbes2.getKeyDerivationFunc().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBKDF2);
                    PBKDF2Params kdf = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
                    assertThat(kdf.getPrf().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_hmacWithSHA256);
                }
            }
        }
        assertThat(keyBags).as("the key sits in an encrypted bag, never in the clear").isEqualTo(1);
    }

    @Test
    void theReadmeSaysSampleAndGivesThePassword() throws Exception {
        assertThat(pki("init", dir.toString(), "--sample").status()).isZero();
        String readme = Files.readString(dir.resolve("README.md"));
        assertThat(readme).contains("SAMPLE", "Never use it to sign real documents", "`truongso-sample`",
                "KHÔNG DÙNG CHO VĂN BẢN THẬT");
    }

    @Test
    void refusesToOverwriteAPkiUnlessForced() throws Exception {
        assertThat(pki("init", dir.toString(), "--sample").status()).isZero();
        X509Certificate first = pem("root-ca");
        Run again = pki("init", dir.toString(), "--sample");
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("--force");
        assertThat(pem("root-ca")).isEqualTo(first);

        assertThat(pki("init", dir.toString(), "--sample", "--force").status()).isZero();
        assertThat(pem("root-ca")).isNotEqualTo(first);
    }

    @Test
    void wrongCommandLinesAreRefusedWithUsage() {
        assertThat(pki().status()).isEqualTo(2);
        assertThat(pki("help").out()).contains("pki init <directory>");
        assertThat(pki("destroy").status()).isEqualTo(2);
        assertThat(pki("init").status()).isEqualTo(2);
        assertThat(pki("init", dir.toString(), "--sample", "--base-url").status()).isEqualTo(2);
        assertThat(pki("init", dir.toString(), "--sample", "--base-url", "ftp://x").status()).isEqualTo(2);
        assertThat(pki("init", dir.toString(), "--sample", "--rsa4096").status()).isEqualTo(2);
    }

    @Test
    void theServiceLoadsAPkiFromAFileSystemPathAndRefusesAWrongPassword() throws Exception {
        assertThat(pki("init", dir.toString(), "--sample").status()).isZero();
        PkiMaterial m = PkiMaterial.load(new DefaultResourceLoader(), dir.toString(), PASSWORD);
        assertThat(m.signers()).containsOnlyKeys(SIGNERS.keySet());
        assertThat(m.baseUrl()).contains("http://localhost:8080");
        assertThat(PkiMaterial.load(new DefaultResourceLoader(), "file:" + dir, PASSWORD).root())
                .isEqualTo(pem("root-ca"));
        assertThatThrownBy(() -> PkiMaterial.load(new DefaultResourceLoader(), dir.toString(), "khong-dung".toCharArray()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("issuing-ca.p12")
                .hasMessageNotContaining("khong-dung");
        Files.delete(dir.resolve("tsa.p12"));
        assertThatThrownBy(() -> PkiMaterial.load(new DefaultResourceLoader(), dir.toString(), PASSWORD))
                .hasMessageContaining("tsa.p12 is missing");
    }

    @Test
    void aSchoolsOwnPkiNeedsAPasswordFromTheOperator() throws Exception {
        // No password anywhere and no terminal: nothing is made, and no default password is used.
        Run none = pki(Map.of(), null, "init", dir.toString());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("--password-file", "TRUONGSO_PKI_PASSWORD");
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
        // Too short, or the sample's public one: refused.
        assertThat(pki(Map.of("TRUONGSO_PKI_PASSWORD", "ngan"), null, "init", dir.toString()).status()).isEqualTo(2);
        assertThat(pki(Map.of("TRUONGSO_PKI_PASSWORD", "truongso-sample"), null, "init", dir.toString()).status())
                .isEqualTo(2);
        assertThat(pki(Map.of("TRUONGSO_PKI_PASSWORD", "mật-khẩu-có-dấu"), null, "init", dir.toString()).err())
                .contains("ASCII");
        // The prompt asks twice; two different answers make nothing.
        java.util.Iterator<String> answers = List.of("mật khẩu một lần", "mật khẩu khác hẳn").iterator();
        assertThat(pki(Map.of(), q -> answers.next().toCharArray(), "init", dir.toString()).status()).isEqualTo(2);

        // From the environment: the files open with that password, never with the sample's.
        String secret = "mot-mat-khau-rieng-cua-truong";
        Run run = pki(Map.of("TRUONGSO_PKI_PASSWORD", secret), null, "init", dir.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("offline").doesNotContain(secret);
        for (String name : List.of("root-ca", "issuing-ca", "tsa", "ocsp")) {
            assertThat(Pkcs12.read(Files.newInputStream(dir.resolve(name + ".p12")), secret.toCharArray())
                    .certificate()).isEqualTo(pem(name));
            assertThatThrownBy(() -> Pkcs12.read(Files.newInputStream(dir.resolve(name + ".p12")), PASSWORD))
                    .isInstanceOf(Exception.class);
        }
        // Not a sample: no SAMPLE in the names, no demo signers, no password in the README.
        assertThat(pem("root-ca").getSubjectX500Principal().getName()).doesNotContain("SAMPLE");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.startsWith("signer-"));
        }
        assertThat(Files.readString(dir.resolve("README.md"))).doesNotContain(secret, "truongso-sample")
                .contains("root-ca.p12", "pki root-crl");
        assertThat(PkiMaterial.load(new DefaultResourceLoader(), dir.toString(), secret.toCharArray()).signers())
                .isEmpty();

        // From a file (its first line), or from the prompt answered the same twice.
        Path other = dir.resolveSibling(dir.getFileName() + "-2");
        Path file = Files.writeString(dir.resolveSibling("pki-password"), "mat-khau-trong-tep-2026\n");
        assertThat(pki(Map.of(), null, "init", other.toString(), "--password-file", file.toString()).status())
                .isZero();
        Pkcs12.read(Files.newInputStream(other.resolve("tsa.p12")), "mat-khau-trong-tep-2026".toCharArray());
        assertThat(pki(Map.of(), q -> "mat-khau-go-vao-2026".toCharArray(), "init", other.toString(), "--force")
                .status()).isZero();
        Pkcs12.read(Files.newInputStream(other.resolve("ocsp.p12")), "mat-khau-go-vao-2026".toCharArray());
        // The sample has its published password and no other.
        assertThat(pki(Map.of(), null, "init", other.toString(), "--sample", "--force", "--password-file",
                file.toString()).status()).isEqualTo(2);
    }

    private static ASN1Primitive value(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        var rdns = name.getRDNs(oid);
        assertThat(rdns).as(oid.getId()).hasSize(1);
        ASN1Encodable v = rdns[0].getFirst().getValue();
        return v.toASN1Primitive();
    }

    private static long years(X509Certificate c) {
        return Math.round(Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()).toDays() / 365.25);
    }

    /** PKIX path validation from the certificate up to the root, revocation aside (tested over HTTP). */
    static void validate(X509Certificate... chain) throws Exception {
        X509Certificate root = chain[chain.length - 1];
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(
                List.of(chain).subList(0, chain.length - 1));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }
}
