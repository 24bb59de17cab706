package vn.truongso.benchmarks;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.token.KSPrivateKeyEntry;
import eu.europa.esig.dss.token.Pkcs12SignatureToken;
import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.truongso.pki.SchoolPki;
import vn.truongso.verification.PdfVerifier;
import vn.truongso.verification.VerificationReport;
import org.openjdk.jmh.annotations.Warmup;
import vn.truongso.common.VietnameseFont;
import vn.truongso.signing.Appearance;
import vn.truongso.signing.KeyPairSignatureProvider;
import vn.truongso.signing.PadesSigner;
import vn.truongso.signing.SignatureRequest;

/**
 * Signing cost, side by side: TruongSo's PAdES signer, EU DSS signing the same file with the same key, and the floor
 * (SHA-256 of the file plus one RSA-2048 signature). Run as described in docs/benchmarks.md; not a test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {

    @Param({"2", "50"})
    public int pages;

    ConfigurableApplicationContext app;
    byte[] pdf;
    PadesSigner signer;
    KeyPairSignatureProvider provider;
    PAdESService dss;
    Pkcs12SignatureToken token;
    KSPrivateKeyEntry entry;
    java.security.PrivateKey key;
    PdfVerifier verifier;
    byte[] signedBB;
    byte[] signedBLTA;

    @TearDown(Level.Trial)
    public void tearDown() {
        app.close();
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // The real signer with the sample PKI (in-process TSA and revocation data), as the service runs it.
        app = new SpringApplicationBuilder(vn.truongso.TruongSoApplication.class).run("--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "--truongso.data-dir=target/bench-data",
                "--camunda.bpm.job-execution.enabled=false", "--logging.level.root=warn");
        pdf = pdf(pages);
        SchoolPki.SignerCredential mai = app.getBean(SchoolPki.class).signer("ht.mai").orElseThrow();
        key = mai.privateKey();
        provider = new KeyPairSignatureProvider(mai.privateKey(), mai.chain());
        signer = app.getBean(PadesSigner.class);
        verifier = app.getBean(PdfVerifier.class);
        signedBB = truongSoBB();
        signedBLTA = truongSoBLTA();
        verifier.verify(signedBB);
        dss = new PAdESService(new CommonCertificateVerifier());
        // DSS signs with the same key, read from the same sample PKCS#12 file.
        token = new Pkcs12SignatureToken("certs-sample/signer-ht.mai.p12",
                new KeyStore.PasswordProtection("truongso-sample".toCharArray()));
        entry = (KSPrivateKeyEntry) token.getKeys().get(0);
    }

    @Benchmark
    public byte[] truongSoBB() {
        return signer.sign(pdf, request(vn.truongso.signing.SignatureLevel.B_B));
    }

    /** Like for like with dssBB, which has no visible appearance. */
    @Benchmark
    public byte[] truongSoBBInvisible() {
        return signer.sign(pdf, new SignatureRequest(provider, vn.truongso.signing.SignatureLevel.B_B, null,
                "Phê duyệt", "Hòa Bình"));
    }

    @Benchmark
    public byte[] truongSoBLTA() {
        return signer.sign(pdf, request(vn.truongso.signing.SignatureLevel.B_LTA));
    }

    @Benchmark
    public DSSDocument dssBB() {
        PAdESSignatureParameters p = new PAdESSignatureParameters();
        p.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
        p.setDigestAlgorithm(DigestAlgorithm.SHA256);
        p.setSigningCertificate(new CertificateToken(provider.chain().get(0)));
        p.setCertificateChain(provider.chain().stream().map(CertificateToken::new).toList());
        DSSDocument doc = new InMemoryDocument(pdf);
        ToBeSigned tbs = dss.getDataToSign(doc, p);
        SignatureValue value = token.sign(tbs, DigestAlgorithm.SHA256, entry);
        return dss.signDocument(doc, p, value);
    }

    @Benchmark
    public VerificationReport verifyBB() {
        return verifier.verify(signedBB);
    }

    @Benchmark
    public VerificationReport verifyBLTA() {
        return verifier.verify(signedBLTA);
    }

    /** The floor: hash the file once, sign once, write the bytes once. */
    @Benchmark
    public byte[] floor() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(pdf);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(digest);
        ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 16 * 1024);
        out.write(pdf);
        out.write(rsa.sign());
        return out.toByteArray();
    }

    private SignatureRequest request(vn.truongso.signing.SignatureLevel level) {
        return new SignatureRequest(provider, level, new Appearance("Phạm Thị Mai", "Hiệu trưởng",
                "Trường THCS Hòa Bình", Instant.now(), null, new Appearance.At(1, 350, 60, 200, 60)),
                "Phê duyệt", "Hòa Bình");
    }

    static byte[] pdf(int pages) throws Exception {
        try (VietnameseFont.Sans sans = VietnameseFont.sans(); PDDocument doc = new PDDocument();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType0Font font = sans.embed(doc);
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 11);
                    cs.newLineAtOffset(50, 780);
                    for (int line = 0; line < 40; line++) {
                        cs.showText("Trang " + i + ", dòng " + line + ": Kế hoạch bài dạy môn Toán lớp 8 – luyện tập.");
                        cs.newLineAtOffset(0, -18);
                    }
                    cs.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length > 0 ? args : new String[] {SigningBenchmark.class.getSimpleName()});
    }

}
