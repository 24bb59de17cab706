package vn.truongso.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.common.ApiException;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/** The RFC 3161 time-stamping authority over HTTP, and {@link TimeStamps} with the built-in and an external TSA. */
@IntegrationTest
class PkiTsaTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;
    @Autowired
    PkiService pki;
    @Autowired
    TimeStamps timeStamps;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The TSA endpoint as an operator who opened it (truongso.pki.tsa.public) serves it; off by default. */
    private TimeStampResponse ask(TimeStampRequest request) throws Exception {
        return ask(request.getEncoded());
    }

    private TimeStampResponse ask(byte[] query) throws Exception {
        org.springframework.mock.web.MockHttpServletRequest http =
                new org.springframework.mock.web.MockHttpServletRequest("POST", "/pki/tsa");
        http.setContent(query);
        org.springframework.http.ResponseEntity<byte[]> r = new PkiController(pki, true).timeStamp(http);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getHeaders().getContentType()).hasToString("application/timestamp-reply");
        return new TimeStampResponse(r.getBody());
    }

    /** A stand-in for an external TSA over HTTP: answers each TimeStampReq with what {@code answer} makes of it. */
    private static HttpServer fakeTsa(java.util.function.Function<byte[], byte[]> answer) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/tsa", exchange -> {
            try {
                byte[] reply = answer.apply(exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return server;
    }

    private static String url(HttpServer server) {
        return "http://localhost:" + server.getAddress().getPort() + "/tsa";
    }

    /** What a validator checks: signed by the TSA certificate, bound to it by ESSCertIDv2, EKU timeStamping. */
    private void assertValidTokenOfOurTsa(TimeStampToken token) throws Exception {
        X509Certificate tsa = pki.tsaCertificate();
        // validate() checks the signature, the signing-certificate(-v2) hash and the critical timeStamping EKU.
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
        assertThat(token.getSID().match(new JcaX509CertificateHolder(tsa))).isTrue();
        assertThat(token.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
        assertThat(token.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificate)).isNull();
        SigningCertificateV2 scv2 = SigningCertificateV2.getInstance(token.getSignedAttributes()
                .get(PKCSObjectIdentifiers.id_aa_signingCertificateV2).getAttrValues().getObjectAt(0));
        assertThat(scv2.getCerts()[0].getCertHash())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(tsa.getEncoded()));
        tsa.verify(pki.issuingCertificate().getPublicKey());
    }

    @Test
    void aGrantedTokenOverTheImprintWithNoncePolicyAndAccuracy() throws Exception {
        byte[] digest = sha256("Kế hoạch bài dạy tuần 12");
        BigInteger nonce = new BigInteger(64, RANDOM);
        TimeStampRequestGenerator g = new TimeStampRequestGenerator();
        g.setCertReq(true);
        TimeStampRequest request = g.generate(TSPAlgorithms.SHA256, digest, nonce);

        TimeStampResponse response = ask(request);
        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
        response.validate(request);
        TimeStampToken token = response.getTimeStampToken();
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
        assertThat(token.getTimeStampInfo().getMessageImprintAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(nonce);
        assertThat(token.getTimeStampInfo().getPolicy().getId()).isEqualTo("1.3.6.1.4.1.99999.1");
        assertThat(token.getTimeStampInfo().getAccuracy().getSeconds().intValueExact()).isEqualTo(1);
        assertThat(token.getTimeStampInfo().getGenTime().toInstant())
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        // certReq: the TSA certificate travels inside the token.
        Collection<X509CertificateHolder> certs = token.getCertificates().getMatches(token.getSID());
        assertThat(certs).containsExactly(new JcaX509CertificateHolder(pki.tsaCertificate()));
        assertValidTokenOfOurTsa(token);
    }

    @Test
    void withoutCertReqTheTokenCarriesNoCertificate() throws Exception {
        TimeStampRequestGenerator g = new TimeStampRequestGenerator();
        g.setCertReq(false);
        TimeStampResponse response = ask(g.generate(TSPAlgorithms.SHA256, sha256("x"), BigInteger.ONE));
        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
        assertThat(response.getTimeStampToken().getCertificates().getMatches(null)).isEmpty();
        assertValidTokenOfOurTsa(response.getTimeStampToken());
    }

    @Test
    void weakAlgorithmsOtherPoliciesAndGarbageAreRejected() throws Exception {
        TimeStampRequestGenerator g = new TimeStampRequestGenerator();
        TimeStampResponse sha1 = ask(g.generate(TSPAlgorithms.SHA1, new byte[20], BigInteger.TWO));
        assertThat(sha1.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(sha1.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badAlg);
        assertThat(sha1.getTimeStampToken()).isNull();

        g.setReqPolicy(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.3.4"));
        TimeStampResponse otherPolicy = ask(g.generate(TSPAlgorithms.SHA256, new byte[32], BigInteger.TEN));
        assertThat(otherPolicy.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(otherPolicy.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.unacceptedPolicy);

        TimeStampResponse garbage = ask("xin chào".getBytes());
        assertThat(garbage.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(garbage.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);
    }

    @Test
    void timeStampsUsesTheBuiltInTsaByDefault() throws Exception {
        assertThat(timeStamps.externalTsa()).isEmpty();
        byte[] digest = sha256("mặc định");
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(timeStamps.timeStampToken(digest)));
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
        assertValidTokenOfOurTsa(token);
        assertThatThrownBy(() -> timeStamps.timeStampToken(new byte[20])).isInstanceOf(IllegalArgumentException.class);
        // SchoolPki's own method answers the same kind of token.
        assertValidTokenOfOurTsa(new TimeStampToken(ContentInfo.getInstance(pki.timeStampToken(digest))));
    }

    @Test
    void anExternalTsaIsAskedOverHttpAndItsReplyChecked() throws Exception {
        HttpServer tsa = fakeTsa(pki::timeStamp);
        try {
            // Trusted through the CA that issued its certificate.
            TimeStamps external = new TimeStamps(pki, url(tsa), java.util.List.of(pki.issuingCertificate()));
            assertThat(external.externalTsa()).isPresent();
            byte[] digest = sha256("qua HTTP");
            TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(external.timeStampToken(digest)));
            assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
            assertValidTokenOfOurTsa(token);
            // Or pinned: its own certificate as the anchor.
            assertThat(new TimeStamps(pki, url(tsa), java.util.List.of(pki.tsaCertificate())).timeStampToken(digest))
                    .isNotEmpty();
        } finally {
            tsa.stop(0);
        }
    }

    @Test
    void anExternalTsaNeedsATrustAnchor() {
        assertThatThrownBy(() -> new TimeStamps(pki, "http://localhost:1/tsa", java.util.List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("truongso.pki.tsa-trust");
    }

    @Test
    void aWellFormedTokenFromAnUntrustedTsaIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // A complete, valid TSA of somebody else's PKI: granted, our imprint, our nonce; only its root differs.
        SamplePkiGenerator.generate(dir, new SamplePkiGenerator.Options(true, "http://other.example", false),
                Instant.now());
        PkiMaterial other = PkiMaterial.load(new org.springframework.core.io.DefaultResourceLoader(), dir.toString(),
                PkiFiles.SAMPLE_PASSWORD.toCharArray());
        TimeStampAuthority stranger = new TimeStampAuthority(other.tsa());
        HttpServer tsa = fakeTsa(query -> stranger.respond(query, Instant.now()));
        try {
            TimeStamps external = new TimeStamps(pki, url(tsa), java.util.List.of(pki.rootCertificate()));
            assertThatThrownBy(() -> external.timeStampToken(sha256("lạ"))).isInstanceOfSatisfying(
                    ApiException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(502);
                        assertThat(e.code()).isEqualTo("TSA_UNAVAILABLE");
                    });
            // The same TSA is accepted once its root is configured: it was the trust that failed, nothing else.
            assertThat(new TimeStamps(pki, url(tsa), java.util.List.of(other.root())).timeStampToken(sha256("lạ")))
                    .isNotEmpty();
        } finally {
            tsa.stop(0);
        }
    }

    @Test
    void anExternalTsaThatFailsOrAnswersForAnotherImprintOrNonceIsRefused() throws Exception {
        byte[] digest = sha256("không khớp");
        java.util.List<java.security.cert.X509Certificate> trust = java.util.List.of(pki.rootCertificate());
        // Not a TSA at all.
        assertThatThrownBy(() -> new TimeStamps(pki, "http://localhost:" + port + "/pki/ca/root-ca.cer", trust)
                .timeStampToken(digest)).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo("TSA_UNAVAILABLE"));
        assertThatThrownBy(() -> new TimeStamps(pki, "http://localhost:" + port + "/pki/ocsp", trust)
                .timeStampToken(digest)).isInstanceOf(ApiException.class);

        // Trusted and well-signed, but for another imprint, or with another nonce.
        HttpServer otherImprint = fakeTsa(query -> {
            try {
                TimeStampRequest asked = new TimeStampRequest(query);
                TimeStampRequestGenerator g = new TimeStampRequestGenerator();
                g.setCertReq(true);
                return pki.timeStamp(g.generate(TSPAlgorithms.SHA256, sha256("một tài liệu khác"), asked.getNonce())
                        .getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpServer otherNonce = fakeTsa(query -> {
            try {
                TimeStampRequest asked = new TimeStampRequest(query);
                TimeStampRequestGenerator g = new TimeStampRequestGenerator();
                g.setCertReq(true);
                return pki.timeStamp(g.generate(TSPAlgorithms.SHA256, asked.getMessageImprintDigest(),
                        asked.getNonce().add(BigInteger.ONE)).getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            for (HttpServer liar : java.util.List.of(otherImprint, otherNonce)) {
                TimeStamps external = new TimeStamps(pki, url(liar), trust);
                assertThatThrownBy(() -> external.timeStampToken(digest)).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status().value()).isEqualTo(502));
            }
        } finally {
            otherImprint.stop(0);
            otherNonce.stop(0);
        }
    }

    @Autowired
    org.springframework.core.io.ResourceLoader resources;
    @Autowired
    RevocationStore revocations;
    @Autowired
    IssuedCertificateStore issuedStore;
    @Autowired
    CrlNumbers crlNumbers;

    /**
     * Serial numbers unique across nodes without a shared counter: 128 random bits each (RFC 3161 asks for unique
     * serials, up to 160 bits), so two nodes stamping in the same second over one database never collide.
     */
    @Test
    void twoNodesStampingInTheSameSecondNeverShareASerial() throws Exception {
        java.time.Clock sameSecond = java.time.Clock.fixed(Instant.now(), java.time.ZoneOffset.UTC);
        java.util.Set<BigInteger> serials = new java.util.HashSet<>();
        for (int node = 0; node < 2; node++) {
            PkiService n = new PkiService(resources, revocations, issuedStore, crlNumbers, sameSecond,
                    new org.springframework.mock.env.MockEnvironment(),
                    TestCerts.pkiProperties("classpath:certs-sample/", "truongso-sample"));
            for (int i = 0; i < 25; i++) {
                BigInteger serial = new TimeStampToken(ContentInfo.getInstance(n.timeStampToken(sha256("tài liệu"))))
                        .getTimeStampInfo().getSerialNumber();
                assertThat(serial.bitLength()).isBetween(121, 128);
                serials.add(serial);
            }
        }
        assertThat(serials).hasSize(50);
    }
}
