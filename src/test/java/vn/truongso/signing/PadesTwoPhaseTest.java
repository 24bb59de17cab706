package vn.truongso.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import vn.truongso.common.ApiException;
import vn.truongso.support.TestPdfs;

/**
 * Deferred signing with a throwaway CA: the key is not needed to prepare, and complete() refuses every value, blob or
 * certificate that does not belong, without producing anything or spoiling what was prepared.
 */
class PadesTwoPhaseTest {

    static TestCa ca;
    static KeyPairSignatureProvider mai;
    static KeyPairSignatureProvider maiEc;
    static KeyPairSignatureProvider hung;
    static byte[] plan;
    final PadesSigner signer = new PadesSigner(null, null);

    @BeforeAll
    static void setUp() throws Exception {
        ca = new TestCa();
        mai = ca.signer("Phạm Thị Mai");
        maiEc = ca.ecSigner("Phạm Thị Mai");
        hung = ca.signer("Lê Văn Hùng");
        plan = Files.readAllBytes(Path.of("docs/samples/ke-hoach-bai-day-mau.pdf"));
    }

    /** A provider as a remote signing service looks in phase 1: the certificates, and no key at all. */
    static SignatureValueProvider chainOnly(SignatureValueProvider of) {
        return new SignatureValueProvider() {
            @Override
            public List<X509Certificate> chain() {
                return of.chain();
            }

            @Override
            public byte[] signDigest(byte[] sha256Digest) {
                throw new AssertionError("the key must not be used to prepare or complete");
            }
        };
    }

    static SignatureRequest request(SignatureValueProvider provider, SignatureLevel level) {
        return new SignatureRequest(provider, level, new Appearance("Phạm Thị Mai", "Hiệu trưởng",
                "Trường THCS Hòa Bình", Instant.parse("2026-11-23T03:15:02Z"), null,
                new Appearance.NearKeyword("HIỆU TRƯỞNG", 200, 60)), "Phê duyệt", "Hòa Bình");
    }

    @Test
    void preparesWithoutTheKeyAndCompletesWithAValueMadeElsewhere() throws Exception {
        for (KeyPairSignatureProvider key : List.of(mai, maiEc)) {
            SignatureRequest remote = request(chainOnly(key), SignatureLevel.B_B);
            PreparedSignature prepared = signer.prepare(plan, remote);

            assertThat(prepared.digest()).isEqualTo(CmsSignature.sha256(prepared.signedAttributes()));
            assertThat(Arrays.copyOf(prepared.pdf(), plan.length)).isEqualTo(plan); // an incremental update
            byte[] signed = signer.complete(prepared, remote, key.signDigest(prepared.digest()));

            assertIntactAndValid(signed, 1);
            assertThat(signed).hasSameSizeAs(prepared.pdf());
        }
    }

    @Test
    void signInOneGoIsPrepareThenComplete() throws Exception {
        byte[] once = signer.sign(plan, request(mai, SignatureLevel.B_B));
        assertIntactAndValid(once, 1);
    }

    @Test
    void aWrongValueIsRefusedAndThePreparedSignatureStaysUsable() throws Exception {
        SignatureRequest remote = request(chainOnly(mai), SignatureLevel.B_B);
        PreparedSignature prepared = signer.prepare(plan, remote);
        byte[] before = prepared.pdf().clone();
        byte[] random = new byte[256];
        new SecureRandom().nextBytes(random);

        assertRefused(() -> signer.complete(prepared, remote, mai.signDigest(CmsSignature.sha256(plan))));
        assertRefused(() -> signer.complete(prepared, remote, random));
        assertRefused(() -> signer.complete(prepared, remote, Arrays.copyOf(random, 17)));
        assertRefused(() -> signer.complete(prepared, remote, new byte[0]));
        assertRefused(() -> signer.complete(prepared, remote, null));
        assertRefused(() -> signer.complete(prepared, remote, hung.signDigest(prepared.digest())));
        assertRefused(() -> signer.complete(prepared, remote, maiEc.signDigest(prepared.digest())));

        assertThat(prepared.pdf()).isEqualTo(before);
        assertIntactAndValid(signer.complete(prepared, remote, mai.signDigest(prepared.digest())), 1);
    }

    @Test
    void aWrongEcdsaValueIsRefusedToo() {
        SignatureRequest remote = request(chainOnly(maiEc), SignatureLevel.B_B);
        PreparedSignature prepared = signer.prepare(plan, remote);
        byte[] other = maiEc.signDigest(CmsSignature.sha256(plan));
        byte[] random = new byte[72];
        new SecureRandom().nextBytes(random);

        assertRefused(() -> signer.complete(prepared, remote, other));
        assertRefused(() -> signer.complete(prepared, remote, random));
        assertRefused(() -> signer.complete(prepared, remote, mai.signDigest(prepared.digest())));
    }

    @Test
    void anotherSignerCertificateThanPreparedIsRefused() {
        PreparedSignature prepared = signer.prepare(plan, request(chainOnly(mai), SignatureLevel.B_B));
        assertThatThrownBy(() -> signer.complete(prepared, request(chainOnly(hung), SignatureLevel.B_B),
                hung.signDigest(prepared.digest())))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo("SIGNING_CERTIFICATE_MISMATCH"));
    }

    @Test
    void partsOfTwoPreparationsDoNotMix() {
        SignatureRequest remote = request(chainOnly(mai), SignatureLevel.B_B);
        PreparedSignature a = signer.prepare(plan, remote);
        PreparedSignature b = signer.prepare(TestPdfs.lessonPlan("Bài 6"), remote);
        PreparedSignature mixed = new PreparedSignature(a.pdf(), b.signedAttributes(), b.digest());
        assertThatThrownBy(() -> signer.complete(mixed, remote, mai.signDigest(mixed.digest())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not belong together");
        PreparedSignature wrongDigest = new PreparedSignature(a.pdf(), a.signedAttributes(), b.digest());
        assertThatThrownBy(() -> signer.complete(wrongDigest, remote, mai.signDigest(a.digest())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChangedOrAlreadyCompletedPdfIsNotAPreparedSignature() {
        SignatureRequest remote = request(chainOnly(mai), SignatureLevel.B_B);
        PreparedSignature prepared = signer.prepare(plan, remote);
        byte[] value = mai.signDigest(prepared.digest());

        byte[] changed = prepared.pdf().clone();
        changed[100] ^= 1;
        assertThatThrownBy(() -> signer.complete(new PreparedSignature(changed, prepared.signedAttributes(),
                prepared.digest()), remote, value)).isInstanceOf(IllegalArgumentException.class);

        byte[] completed = signer.complete(prepared, remote, value);
        assertThatThrownBy(() -> signer.complete(new PreparedSignature(completed, prepared.signedAttributes(),
                prepared.digest()), remote, value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already completed");

        byte[] truncated = Arrays.copyOf(prepared.pdf(), prepared.pdf().length - 1);
        assertThatThrownBy(() -> signer.complete(new PreparedSignature(truncated, prepared.signedAttributes(),
                prepared.digest()), remote, value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.complete(new PreparedSignature(plan, prepared.signedAttributes(),
                prepared.digest()), remote, value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no signature /ByteRange");
    }

    @Test
    void aCmsTooLargeForThePlaceholderIsAClearErrorNotAPdf() {
        // Prepared for B-B (no room for a time-stamp), completed at B-T with a huge time-stamp token.
        PadesSigner bigTokens = new PadesSigner(digest -> {
            try {
                return new DEROctetString(new byte[64 * 1024]).getEncoded();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, null);
        PreparedSignature prepared = bigTokens.prepare(plan, request(chainOnly(mai), SignatureLevel.B_B));
        byte[] before = prepared.pdf().clone();
        assertThatThrownBy(() -> bigTokens.complete(prepared, request(chainOnly(mai), SignatureLevel.B_T),
                mai.signDigest(prepared.digest())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not fit");
        assertThat(prepared.pdf()).isEqualTo(before);
    }

    private static void assertRefused(Executable completion) {
        assertThatThrownBy(completion::execute).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("SIGNATURE_VALUE_INVALID");
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.getMessage()).contains("không hợp lệ");
        });
    }

    /** EU DSS: every signature's bytes and value check out (trust is the integration test's business). */
    static void assertIntactAndValid(byte[] pdf, int signatures) {
        SignedDocumentValidator v = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf));
        v.setCertificateVerifier(new CommonCertificateVerifier());
        DiagnosticData dd = v.validateDocument().getDiagnosticData();
        assertThat(dd.getSignatures()).hasSize(signatures).allSatisfy(s -> {
            assertThat(s.isSignatureIntact()).as(s.getId()).isTrue();
            assertThat(s.isSignatureValid()).as(s.getId()).isTrue();
        });
    }
}
