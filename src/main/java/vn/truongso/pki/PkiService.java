package vn.truongso.pki;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;
import vn.truongso.common.ApiException;
import vn.truongso.pki.CertificateMaker.Kind;
import vn.truongso.pki.OcspResponder.Status;

/**
 * The school PKI at run time: the PKI directory ({@code truongso.pki.dir}, the sample packaged in the jar by default)
 * is read once at startup; revocations, certificates issued at run time and CRL numbers live in the database, so every
 * node publishes the same CRL and OCSP answers.
 */
@Service
class PkiService implements SchoolPki {

    private static final Logger log = LoggerFactory.getLogger(PkiService.class);
    private static final Duration CRL_VALIDITY = Duration.ofDays(1);

    /** A certificate this PKI made, and for whom. */
    record Issued(X509Certificate certificate, Kind kind, String username) {
        BigInteger serial() {
            return certificate.getSerialNumber();
        }
    }

    private final PkiMaterial material;
    private final RevocationStore revocations;
    private final Clock clock;
    private final OcspResponder ocsp;
    private final TimeStampAuthority tsa;
    /** Every certificate we issued, by serial; grows when {@link #issue} makes one more. */
    private final Map<BigInteger, Issued> issued = new ConcurrentHashMap<>();
    private final CrlNumbers crlNumbers;

    private final IssuedCertificateStore issuedStore;

    private final RootCrl rootCrl;

    PkiService(ResourceLoader resources, RevocationStore revocations, IssuedCertificateStore issuedStore,
               CrlNumbers crlNumbers, Clock clock, Environment env, PkiProperties properties) {
        String dir = properties.dir();
        String password = properties.password();
        // Before any key is read: a copy of the sample with another password is refused for what it is.
        SamplePkiGuard.refuseInProduction(env.matchesProfiles("prod"), dir, PkiMaterial.readRoot(resources, dir));
        this.material = PkiMaterial.load(resources, dir, password.toCharArray());
        this.rootCrl = new RootCrl(ResourcePatternUtils.getResourcePatternResolver(resources)
                .getResource(PkiMaterial.location(dir) + PkiFiles.ROOT_CRL), material.root());
        this.revocations = revocations;
        this.issuedStore = issuedStore;
        this.crlNumbers = crlNumbers;
        this.clock = clock;
        this.ocsp = new OcspResponder(material.ocsp(), material.issuing().certificate(), this::status);
        this.tsa = new TimeStampAuthority(material.tsa());
        register(material.root(), Kind.ROOT_CA, null);
        register(material.issuing().certificate(), Kind.ISSUING_CA, null);
        register(material.tsa().certificate(), Kind.TSA, null);
        register(material.ocsp().certificate(), Kind.OCSP, null);
        material.signers().forEach((username, c) -> register(c.certificate(), Kind.SIGNER, username));
        report(dir);
    }

    private void register(X509Certificate cert, Kind kind, String username) {
        issued.put(cert.getSerialNumber(), new Issued(cert, kind, username));
    }

    private void report(String dir) {
        if (SamplePkiGuard.isSample(material.root())) {
            log.warn("School PKI: using the SAMPLE PKI from {} ({} signers). Its keys are public: never sign real "
                    + "documents with it.", dir, material.signers().size());
        } else {
            log.info("School PKI loaded from {}: {} signers", dir, material.signers().size());
        }
        Instant soon = clock.instant().plus(Duration.ofDays(90));
        issued.values().stream().filter(i -> i.certificate().getNotAfter().toInstant().isBefore(soon))
                .forEach(i -> log.warn("School PKI: certificate {} ({}) expires on {}", i.kind(),
                        CertificateMaker.subject(i.certificate()), i.certificate().getNotAfter()));
    }

    // ---- SchoolPki ----------------------------------------------------------------------------------------------

    @Override
    public X509Certificate rootCertificate() {
        return material.root();
    }

    @Override
    public X509Certificate issuingCertificate() {
        return material.issuing().certificate();
    }

    @Override
    public Optional<SignerCredential> signer(String username) {
        return Optional.ofNullable(material.signers().get(username));
    }

    @Override
    public byte[] timeStampToken(byte[] sha256Digest) {
        return tsa.token(sha256Digest, clock.instant());
    }

    @Override
    public byte[] ocspResponse(X509Certificate certificate) {
        if (!issuedByIssuingCa(certificate)) {
            throw new IllegalArgumentException("Not a certificate of the school's issuing CA: "
                    + CertificateMaker.subject(certificate));
        }
        return ocsp.respondFor(certificate, now());
    }

    @Override
    public byte[] crl() {
        Instant now = now();
        return CrlMaker.make(material.issuing().certificate(), material.issuing().privateKey(), revocations.all(),
                now, now.plus(CRL_VALIDITY), nextCrlNumber());
    }

    @Override
    public boolean revoked(BigInteger serialNumber) {
        return revocations.find(serialNumber).isPresent();
    }

    @Override
    public void revoke(BigInteger serialNumber, int crlReason) {
        RevocationReason reason = RevocationReason.ofCode(crlReason).orElseThrow(() ->
                new IllegalArgumentException("Unsupported CRL reason " + crlReason));
        revoke(serialNumber, reason, "system");
    }

    @Override
    public X509Certificate issueSigningCertificate(PublicKey key, String fullName, String title,
                                                   String organisationName) {
        X509Certificate cert = issue(CertificateMaker.name(fullName, title, organisationName), key);
        log.info("School PKI: signing certificate {} issued for {}", RevocationStore.hex(cert.getSerialNumber()),
                CertificateMaker.subject(cert));
        return cert;
    }

    @Override
    public Optional<byte[]> fetch(String url) {
        return ownPath(url).flatMap(path -> switch (path) {
            case PkiUrls.ISSUING_CRL -> Optional.of(crl());
            case PkiUrls.ROOT_CRL -> Optional.of(rootCrl());
            case PkiUrls.ROOT_CERT -> Optional.of(der(rootCertificate()));
            case PkiUrls.ISSUING_CERT -> Optional.of(der(issuingCertificate()));
            default -> path.startsWith(PkiUrls.OCSP + "/")
                    ? Optional.of(ocspGet(path.substring(PkiUrls.OCSP.length() + 1))) : Optional.empty();
        });
    }

    @Override
    public Optional<byte[]> post(String url, byte[] body) {
        return ownPath(url).flatMap(path -> switch (path) {
            case PkiUrls.OCSP -> Optional.of(ocsp(body));
            case PkiUrls.TSA -> Optional.of(timeStamp(body));
            default -> Optional.empty();
        });
    }

    // ---- for the controllers -------------------------------------------------------------------------------------

    /**
     * The root's CRL, so validators find revocation data for the issuing CA's certificate as well: the file the
     * offline root signed ({@code pki root-crl}), never signed here.
     */
    byte[] rootCrl() {
        return rootCrl.current();
    }

    byte[] ocsp(byte[] request) {
        return ocsp.respond(request == null ? new byte[0] : request, now());
    }

    /**
     * The GET form of RFC 6960 appendix A.1: the request, base64 and then URL-encoded, as the last part of the path.
     * Tolerates a client that left it un-encoded (a '+' then stays a '+', never a space).
     */
    byte[] ocspGet(String encoded) {
        byte[] request;
        try {
            String b64 = UriUtils.decode(encoded, StandardCharsets.UTF_8).replace(' ', '+');
            request = Base64.getDecoder().decode(b64.strip());
        } catch (IllegalArgumentException e) {
            request = new byte[0];
        }
        return ocsp(request);
    }

    byte[] timeStamp(byte[] query) {
        return tsa.respond(query == null ? new byte[0] : query, clock.instant());
    }

    /** Every certificate this PKI knows, with its current status; revocations of unknown serials are listed too. */
    List<CertificateInfo> certificates() {
        Map<BigInteger, Revocation> revoked = new LinkedHashMap<>();
        revocations.all().forEach(r -> revoked.put(r.serial(), r));
        List<CertificateInfo> out = new ArrayList<>();
        issuedStore.all().forEach(c -> issued(c.getSerialNumber()));
        issued.values().stream()
                .sorted(Comparator.comparing((Issued i) -> i.kind().ordinal())
                        .thenComparing(i -> i.certificate().getNotBefore())
                        .thenComparing(i -> i.username() == null ? "" : i.username()))
                .forEach(i -> out.add(new CertificateInfo(i, Optional.ofNullable(revoked.get(i.serial())))));
        return out;
    }

    /** One certificate and its status. */
    record CertificateInfo(Issued issued, Optional<Revocation> revocation) {
    }

    /**
     * Revokes a certificate of the issuing CA. 404 for a serial this PKI never issued, 400 for a CA certificate
     * (a CA is replaced, not revoked here), 409 when it is already revoked.
     */
    CertificateInfo revoke(BigInteger serial, RevocationReason reason, String revokedBy) {
        Issued cert = issued(serial);
        if (cert == null) {
            throw ApiException.notFound("chứng thư số");
        }
        if (cert.kind() == Kind.ROOT_CA || cert.kind() == Kind.ISSUING_CA) {
            throw ApiException.badRequest("PKI_CA_NOT_REVOCABLE",
                    "Không thể thu hồi chứng thư của CA tại đây; hãy thay toàn bộ hệ thống chứng thư.");
        }
        Revocation r = new Revocation(serial, reason, now(), revokedBy);
        try {
            revocations.insert(r);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("PKI_ALREADY_REVOKED", "Chứng thư số này đã bị thu hồi trước đó.");
        }
        log.info("School PKI: certificate {} ({}) revoked by {}, reason {}", RevocationStore.hex(serial),
                CertificateMaker.subject(cert.certificate()), revokedBy, reason);
        return new CertificateInfo(cert, Optional.of(r));
    }

    /**
     * Issues one more signing certificate from the issuing CA, valid for a year (within the CA's own validity).
     * Tests use it to revoke a certificate of their own and leave the demo signers alone.
     */
    X509Certificate issue(X500Name subject, PublicKey key) {
        Instant from = now();
        Instant until = from.plus(Duration.ofDays(365));
        Instant caUntil = issuingCertificate().getNotAfter().toInstant();
        X509Certificate cert = CertificateMaker.make(Kind.SIGNER, subject, key, issuingCertificate(),
                material.issuing().privateKey(), from, until.isAfter(caUntil) ? caUntil : until,
                material.baseUrl().orElse(PkiUrls.DEFAULT_BASE));
        register(cert, Kind.SIGNER, null);
        issuedStore.insert(cert, from);
        return cert;
    }

    /** A certificate we issued: the sample's, or one issued at run time (by any node, before any restart). */
    private Issued issued(BigInteger serial) {
        Issued known = issued.get(serial);
        if (known != null) {
            return known;
        }
        return issuedStore.find(serial).map(c -> {
            register(c, Kind.SIGNER, null);
            return issued.get(serial);
        }).orElse(null);
    }

    X509Certificate tsaCertificate() {
        return material.tsa().certificate();
    }

    X509Certificate ocspCertificate() {
        return material.ocsp().certificate();
    }

    /** The base URL written into the certificates, if any. */
    Optional<String> baseUrl() {
        return material.baseUrl();
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    /** Revoked wins over unknown: a revocation stays true even if the certificate was made by an earlier run. */
    private Status status(BigInteger serial) {
        Optional<Revocation> r = revocations.find(serial);
        if (r.isPresent()) {
            return new Status.Revoked(r.get());
        }
        Issued i = issued(serial);
        boolean ofIssuingCa = i != null && i.kind() != Kind.ROOT_CA && i.kind() != Kind.ISSUING_CA;
        return ofIssuingCa ? new Status.Good() : new Status.Unknown();
    }

    private boolean issuedByIssuingCa(X509Certificate cert) {
        Issued i = issued(cert.getSerialNumber());
        return i != null && i.certificate().equals(cert) && i.kind() != Kind.ROOT_CA && i.kind() != Kind.ISSUING_CA;
    }

    /** The path of one of our own URLs (under the base URL written into the certificates). */
    private Optional<String> ownPath(String url) {
        if (url == null || material.baseUrl().isEmpty()) {
            return Optional.empty();
        }
        String base = material.baseUrl().get();
        if (!url.startsWith(base + "/")) {
            return Optional.empty();
        }
        String path = url.substring(base.length());
        try {
            URI.create(url); // refuse anything that is not a URL at all
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(path);
    }

    /** CRL, OCSP and certificate times are whole seconds (RFC 5280 §4.1.2.5.2). */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** From the database, so no two nodes sign different CRLs with one number and numbers only grow. */
    private BigInteger nextCrlNumber() {
        return BigInteger.valueOf(crlNumbers.next(material.issuing().certificate().getSerialNumber(), clock.millis()));
    }

    private static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
