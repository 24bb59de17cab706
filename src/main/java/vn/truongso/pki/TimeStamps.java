package vn.truongso.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import vn.truongso.common.ApiException;

/**
 * Where signatures get their trusted time: the built-in TSA, in-process, unless {@code truongso.pki.tsa-url} names
 * an external RFC 3161 service, which is then asked over HTTP and its reply checked (granted, our imprint, our nonce)
 * before the token is used.
 */
@Service
public class TimeStamps {

    private static final Logger log = LoggerFactory.getLogger(TimeStamps.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SchoolPki pki;
    private final URI tsaUrl;
    private final HttpClient http;

    TimeStamps(SchoolPki pki, @Value("${truongso.pki.tsa-url:}") String tsaUrl) {
        this.pki = pki;
        this.tsaUrl = tsaUrl == null || tsaUrl.isBlank() ? null : URI.create(tsaUrl.strip());
        this.http = this.tsaUrl == null ? null
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER).build();
        if (this.tsaUrl != null) {
            log.info("Time-stamps come from the external TSA at {}", redacted(this.tsaUrl));
        }
    }

    /** The external TSA in use, if one is configured. */
    public Optional<URI> externalTsa() {
        return Optional.ofNullable(tsaUrl);
    }

    /**
     * An RFC 3161 time-stamp token (DER ContentInfo, with the TSA's certificate) over a SHA-256 digest.
     *
     * @throws IllegalArgumentException when the digest is not 32 bytes
     * @throws ApiException             502 TSA_UNAVAILABLE when the external TSA fails or answers wrongly
     */
    public byte[] timeStampToken(byte[] sha256) {
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("A SHA-256 digest has 32 bytes");
        }
        return tsaUrl == null ? pki.timeStampToken(sha256) : external(sha256);
    }

    private byte[] external(byte[] sha256) {
        TimeStampRequestGenerator g = new TimeStampRequestGenerator();
        g.setCertReq(true);
        TimeStampRequest request = g.generate(TSPAlgorithms.SHA256, sha256, new BigInteger(64, RANDOM));
        try {
            HttpResponse<byte[]> reply = http.send(HttpRequest.newBuilder(tsaUrl).timeout(TIMEOUT)
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (reply.statusCode() != 200) {
                throw failure("HTTP " + reply.statusCode(), null);
            }
            TimeStampResponse response = new TimeStampResponse(reply.body());
            int status = response.getStatus();
            if (status != PKIStatus.GRANTED && status != PKIStatus.GRANTED_WITH_MODS) {
                throw failure("status " + status + " (" + response.getStatusString() + ", failInfo "
                        + (response.getFailInfo() == null ? "-" : response.getFailInfo().intValue()) + ")", null);
            }
            // Checks the token answers this request: same imprint and algorithm, same nonce, a token present.
            response.validate(request);
            return response.getTimeStampToken().getEncoded(ASN1Encoding.DER);
        } catch (IOException | TSPException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw failure(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted", e);
        }
    }

    private ApiException failure(String why, Throwable cause) {
        log.warn("External TSA {} failed: {}", redacted(tsaUrl), why, cause);
        return new ApiException(HttpStatus.BAD_GATEWAY, "TSA_UNAVAILABLE",
                "Dịch vụ cấp dấu thời gian không trả lời đúng. Vui lòng thử lại sau.");
    }

    /** A URL may carry credentials (user:password@host); a log line must not. */
    private static String redacted(URI u) {
        if (u.getRawUserInfo() == null) {
            return u.toString();
        }
        return u.getScheme() + "://***@" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + u.getRawPath();
    }
}
