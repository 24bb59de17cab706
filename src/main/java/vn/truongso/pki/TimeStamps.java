package vn.truongso.pki;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TimeStampToken;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
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
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import vn.truongso.common.ApiException;

/**
 * Where signatures get their trusted time: the built-in TSA, in-process, unless {@code truongso.pki.tsa-url} names
 * an external RFC 3161 service, which is then asked over HTTP and its reply checked before the token is used:
 * granted, our imprint and nonce, the token's signature valid, and its signing certificate (a time-stamping one)
 * chaining to a certificate configured in {@code truongso.pki.tsa-trust}. Anything else fails the signing (502)
 * before a byte of the signature is written.
 */
@Service
public class TimeStamps {

    private static final Logger log = LoggerFactory.getLogger(TimeStamps.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SchoolPki pki;
    private final URI tsaUrl;
    private final HttpClient http;
    private final Set<TrustAnchor> trust;

    @Autowired
    TimeStamps(SchoolPki pki, ResourceLoader resources, PkiProperties properties) {
        this(pki, properties.tsaUrl(), certificates(resources, properties.tsaTrust()));
    }

    TimeStamps(SchoolPki pki, String tsaUrl, List<X509Certificate> trusted) {
        this.pki = pki;
        this.trust = trusted.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
        this.tsaUrl = tsaUrl == null || tsaUrl.isBlank() ? null : URI.create(tsaUrl.strip());
        this.http = this.tsaUrl == null ? null
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER).build();
        if (this.tsaUrl != null && trust.isEmpty()) {
            throw new IllegalStateException("truongso.pki.tsa-url needs truongso.pki.tsa-trust: the certificate(s) "
                    + "the external TSA's tokens must chain to (its CA's or its own, PEM or DER)");
        }
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
            TimeStampToken token = response.getTimeStampToken();
            trusted(token);
            return token.getEncoded(ASN1Encoding.DER);
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

    /**
     * The token's signer certificate (sent because we set certReq) chains to a configured anchor at the token's
     * time, and the token verifies under it: signature, signing-certificate attribute, critical timeStamping EKU.
     */
    private void trusted(TimeStampToken token) throws TSPException {
        try {
            JcaX509CertificateConverter convert = new JcaX509CertificateConverter();
            Collection<X509CertificateHolder> signers = token.getCertificates().getMatches(token.getSID());
            if (signers.isEmpty()) {
                throw new TSPException("the token carries no signing certificate");
            }
            X509Certificate signer = convert.getCertificate(signers.iterator().next());
            Date at = token.getTimeStampInfo().getGenTime();
            boolean anchor = trust.stream().anyMatch(a -> a.getTrustedCert().equals(signer));
            if (!anchor) {
                List<X509Certificate> all = new ArrayList<>();
                for (X509CertificateHolder h : token.getCertificates().getMatches(null)) {
                    all.add(convert.getCertificate(h));
                }
                X509CertSelector target = new X509CertSelector();
                target.setCertificate(signer);
                PKIXBuilderParameters params = new PKIXBuilderParameters(trust, target);
                params.setRevocationEnabled(false);
                params.setDate(at);
                params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(all)));
                CertPathBuilder.getInstance("PKIX").build(params);
            }
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new TSPException("the token's signer is not trusted: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(ResourceLoader resources, List<String> locations) {
        List<X509Certificate> out = new ArrayList<>();
        for (String location : locations) {
            if (location == null || location.isBlank()) {
                continue;
            }
            try (InputStream in = resources.getResource(location.strip()).getInputStream()) {
                for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509")
                        .generateCertificates(in)) {
                    out.add((X509Certificate) c);
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("truongso.pki.tsa-trust: cannot read " + location + ": "
                        + e.getMessage(), e);
            }
        }
        return out;
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
