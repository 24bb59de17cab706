package vn.truongso.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import vn.truongso.common.ApiException;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * The public PKI endpoints against abuse: bodies capped without being read into memory, a rate limit per client
 * address, and the TSA (a signing oracle in the school's name) not public; CRL, CA certificates and OCSP stay open.
 */
@IntegrationTest
class PkiLimitsTest {

    @LocalServerPort
    int port;
    @Autowired
    PkiService pki;
    @Autowired
    PkiRateLimit rateLimit;
    @Autowired
    TimeStamps timeStamps;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private record Raw(int status, String head, byte[] body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return null;
        }
    }

    /** One HTTP/1.1 exchange over a plain socket from {@code from}; reads the head and at most 4 KiB of body. */
    private Raw raw(String from, String head, byte[] body, boolean wholeBody) throws Exception {
        try (Socket s = new Socket()) {
            s.setSoTimeout(10_000);
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            int end = -1;
            byte[] buf = new byte[4096];
            while (end < 0) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
                end = new String(got.toByteArray(), StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
            }
            if (wholeBody) {
                in.transferTo(got);
            }
            byte[] all = got.toByteArray();
            String headText = new String(all, 0, end, StandardCharsets.ISO_8859_1);
            return new Raw(Integer.parseInt(headText.substring(9, 12)), headText,
                    Arrays.copyOfRange(all, end + 4, all.length));
        }
    }

    @Test
    void ocspBodiesAreCappedAt16KiBWithoutReadingFurther() throws Exception {
        byte[] big = new byte[PkiController.MAX_BODY + 1];
        Api.Response tooBig = api.postBytes(null, "/pki/ocsp", "application/ocsp-request", big);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.contentType()).isEqualTo("application/problem+json");
        assertThat(tooBig.json().get("code").asText()).isEqualTo("PKI_REQUEST_TOO_LARGE");
        assertThat(tooBig.json().get("detail").asText()).contains("quá lớn");

        // Ten gigabytes announced, a few bytes sent: answered at once, nothing waits for (or buffers) the rest.
        Raw announced = raw("127.0.0.1", "POST /pki/ocsp HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/ocsp-request\r\nContent-Length: 10000000000\r\n\r\n", new byte[100], false);
        assertThat(announced.status()).isEqualTo(413);
        // Chunked, so no length is announced: the reading stops after the cap.
        byte[] chunk = new byte[8192];
        StringBuilder chunked = new StringBuilder();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < 4; i++) {
            body.write(("2000\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(chunk);
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.append("POST /pki/ocsp HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Type: application/ocsp-request\r\n\r\n");
        assertThat(raw("127.0.0.1", chunked.toString(), body.toByteArray(), false).status()).isEqualTo(413);

        // A request of a normal size is still answered (malformed, as OCSP says it).
        assertThat(new OCSPResp(api.postBytes(null, "/pki/ocsp", "application/ocsp-request", new byte[100]).bytes())
                .getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    @Test
    void theTsaIsNotAPublicSigningOracleButSignaturesStillGetTimeStamps() throws Exception {
        TimeStampRequestGenerator g = new TimeStampRequestGenerator();
        g.setCertReq(true);
        byte[] query = g.generate(TSPAlgorithms.SHA256, new byte[32], BigInteger.ONE).getEncoded();
        Api.Response refused = api.postBytes(null, "/pki/tsa", "application/timestamp-query", query);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("PKI_TSA_NOT_PUBLIC");
        assertThat(api.postBytes("admin:demo", "/pki/tsa", "application/timestamp-query", query).status())
                .isEqualTo(403);
        // In-process, as signing asks for them.
        assertThat(timeStamps.timeStampToken(new byte[32])).isNotEmpty();

        // Where an operator opens it (truongso.pki.tsa.public), it answers, and its bodies are capped as well.
        PkiController open = new PkiController(pki, true);
        MockHttpServletRequest ok = new MockHttpServletRequest("POST", "/pki/tsa");
        ok.setContent(query);
        assertThat(new TimeStampResponse(open.timeStamp(ok).getBody()).getTimeStampToken()).isNotNull();
        MockHttpServletRequest big = new MockHttpServletRequest("POST", "/pki/tsa");
        big.setContent(new byte[PkiController.MAX_BODY + 1]);
        assertThatThrownBy(() -> open.timeStamp(big)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status().value()).isEqualTo(413));
    }

    @Test
    void eachClientAddressIsRateLimitedAndOthersAreNot() throws Exception {
        String attacker = "127.0.0.2";
        String get = "GET /pki/ca/root-ca.cer HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        long frozen = System.nanoTime();
        // Time stands still for the limiter, so the count is exact however slow this machine is.
        rateLimit.nanoTime = () -> frozen;
        try {
            int served = 0;
            Raw last = null;
            for (int i = 0; i <= rateLimit.burst(); i++) {
                last = raw(attacker, get, null, true);
                if (last.status() != 200) {
                    break;
                }
                served++;
            }
            assertThat(served).isEqualTo(rateLimit.burst());
            assertThat(last.status()).isEqualTo(429);
            assertThat(Integer.parseInt(last.header("Retry-After"))).isPositive();
            assertThat(last.header("Content-Type")).startsWith("application/problem+json");
            assertThat(new String(last.body(), StandardCharsets.UTF_8)).contains("PKI_TOO_MANY_REQUESTS",
                    "thử lại sau");

            // OCSP says it the protocol's way: an unsigned tryLater response.
            Raw ocsp = raw(attacker, "GET /pki/ocsp/MAA%3D HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                    null, true);
            assertThat(ocsp.status()).isEqualTo(429);
            assertThat(ocsp.header("Retry-After")).isNotNull();
            assertThat(new OCSPResp(ocsp.body()).getStatus()).isEqualTo(OCSPResp.TRY_LATER);

            // Time passes: the same client is served again.
            rateLimit.nanoTime = () -> frozen + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            assertThat(raw(attacker, get, null, true).status()).isEqualTo(200);
        } finally {
            rateLimit.nanoTime = System::nanoTime;
        }

        // Everyone else is still served, without login: CRL, CA certificates and OCSP stay public.
        assertThat(api.get(null, "/pki/crl/issuing-ca.crl").status()).isEqualTo(200);
        assertThat(api.get(null, "/pki/crl/root-ca.crl").status()).isEqualTo(200);
        assertThat(api.get(null, "/pki/ca/issuing-ca.cer").status()).isEqualTo(200);
        assertThat(new OCSPResp(api.postBytes(null, "/pki/ocsp", "application/ocsp-request",
                TestCerts.ocspRequest(pki.signer("gv.lan").orElseThrow().certificate(), pki.issuingCertificate(), null)
                        .getEncoded()).bytes()).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    }
}
