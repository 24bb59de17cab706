package vn.truongso.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import vn.truongso.pki.CertificateMaker.Kind;

/**
 * Creates a PKI in a directory: root CA (20 years), issuing CA (10 years), the TSA and OCSP-responder certificates
 * (5 years each), the root's CRL (the running service serves it, it cannot sign one), an issuing-CA CRL snapshot and
 * a README. The SAMPLE ({@code --sample}) also gets one signing certificate per demo signer and the public password;
 * a school's own PKI gets the operator's password and no signers (remote signing issues theirs).
 */
final class SamplePkiGenerator {

    /**
     * @param ec       ECDSA P-256 instead of RSA 2048
     * @param baseUrl  where the running service publishes CRLs, OCSP and CA certificates
     * @param force    replace an existing PKI in the directory
     * @param sample   the public SAMPLE (demo signers, the published password); else the school's own PKI
     * @param password of every PKCS#12 file; the published one exactly when {@code sample}
     */
    record Options(boolean ec, String baseUrl, boolean force, boolean sample, char[] password) {
        Options(boolean ec, String baseUrl, boolean force) {
            this(ec, baseUrl, force, true, PkiFiles.SAMPLE_PASSWORD.toCharArray());
        }
    }

    static final String ORGANISATION = "Trường Số (demo)";
    /** The organisation named in a school's own CA certificates. */
    static final String OWN_ORGANISATION = "Trường Số";
    /** How long the root's CRL lasts: a sample's as long as its certificates, a real one a year (renew offline). */
    static final int ROOT_CRL_DAYS = 365;

    private SamplePkiGenerator() {
    }

    /** Answers the files written. Refuses, unless forced, to overwrite a directory that already holds a PKI. */
    static List<Path> generate(Path dir, Options options, Instant now) throws IOException {
        Files.createDirectories(dir);
        List<Path> existing = existingPkiFiles(dir);
        if (!existing.isEmpty()) {
            if (!options.force()) {
                throw new IllegalStateException(dir + " already holds a PKI (" + existing.get(0).getFileName()
                        + "); use --force to replace it");
            }
            for (Path p : existing) {
                Files.delete(p);
            }
        }
        String base = PkiUrls.normaliseBase(options.baseUrl());
        char[] password = options.password();
        boolean sample = options.sample();
        String org = sample ? ORGANISATION : OWN_ORGANISATION;
        String marker = sample ? "TruongSo SAMPLE " : "TruongSo ";
        // A little in the past, so a machine whose clock lags a bit still accepts the certificates.
        Instant from = now.truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
        List<Path> written = new ArrayList<>();

        KeyPair rootKeys = CertificateMaker.newKeyPair(options.ec());
        X509Certificate root = CertificateMaker.make(Kind.ROOT_CA,
                CertificateMaker.name(marker + "Root CA", null, org), rootKeys.getPublic(), null,
                rootKeys.getPrivate(), from, years(from, 20), base);
        written.addAll(writeEntity(dir, PkiFiles.ROOT, rootKeys, List.of(root), password));

        KeyPair issuingKeys = CertificateMaker.newKeyPair(options.ec());
        X509Certificate issuing = CertificateMaker.make(Kind.ISSUING_CA,
                CertificateMaker.name(marker + "Issuing CA", null, org), issuingKeys.getPublic(), root,
                rootKeys.getPrivate(), from, years(from, 10), base);
        written.addAll(writeEntity(dir, PkiFiles.ISSUING, issuingKeys, List.of(issuing, root), password));

        Instant endEntityUntil = years(from, 5);
        written.addAll(endEntity(dir, PkiFiles.TSA, Kind.TSA,
                CertificateMaker.name(marker + "Time-Stamping Authority", null, org),
                issuing, issuingKeys, root, from, endEntityUntil, base, options.ec(), password));
        written.addAll(endEntity(dir, PkiFiles.OCSP, Kind.OCSP,
                CertificateMaker.name(marker + "OCSP Responder", null, org),
                issuing, issuingKeys, root, from, endEntityUntil, base, options.ec(), password));
        for (SampleSigner s : sample ? SampleSigner.ALL : List.<SampleSigner>of()) {
            written.addAll(endEntity(dir, PkiFiles.signer(s.username()), Kind.SIGNER,
                    CertificateMaker.name(s.fullName(), s.title(), s.school()),
                    issuing, issuingKeys, root, from, endEntityUntil, base, options.ec(), password));
        }

        // The issuing CA's is a snapshot for people without the running service, which signs a fresh one on every
        // request. The root's is the one the service serves: it holds no root key (see OfflineRoot).
        Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
        BigInteger crlNumber = BigInteger.valueOf(now.toEpochMilli());
        written.add(writePem(dir.resolve(PkiFiles.ISSUING_CRL), "X509 CRL", CrlMaker.make(issuing,
                issuingKeys.getPrivate(), List.of(), thisUpdate, thisUpdate.plus(1, ChronoUnit.DAYS), crlNumber)));
        Instant rootCrlUntil = sample ? endEntityUntil : thisUpdate.plus(ROOT_CRL_DAYS, ChronoUnit.DAYS);
        written.add(writePem(dir.resolve(PkiFiles.ROOT_CRL), "X509 CRL", CrlMaker.make(root,
                rootKeys.getPrivate(), List.of(), thisUpdate, rootCrlUntil, crlNumber)));

        Path readme = dir.resolve(PkiFiles.README);
        Files.writeString(readme, sample ? readme(options, base, root, issuing, endEntityUntil, now)
                : ownReadme(options, base, root, endEntityUntil, rootCrlUntil, now), StandardCharsets.UTF_8);
        written.add(readme);
        return written;
    }

    private static List<Path> existingPkiFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{p12,pem,crl}")) {
            files.forEach(out::add);
        }
        return out;
    }

    private static List<Path> endEntity(Path dir, String name, Kind kind, X500Name subject, X509Certificate issuing,
                                        KeyPair issuingKeys, X509Certificate root, Instant from, Instant until,
                                        String base, boolean ec, char[] password) throws IOException {
        KeyPair keys = CertificateMaker.newKeyPair(ec);
        X509Certificate cert = CertificateMaker.make(kind, subject, keys.getPublic(), issuing,
                issuingKeys.getPrivate(), from, until, base);
        return writeEntity(dir, name, keys, List.of(cert, issuing, root), password);
    }

    private static List<Path> writeEntity(Path dir, String name, KeyPair keys, List<X509Certificate> chain,
                                          char[] password) throws IOException {
        Path pem;
        try {
            pem = writePem(dir.resolve(PkiFiles.pem(name)), "CERTIFICATE", chain.get(0).getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IOException(e);
        }
        Path p12 = dir.resolve(PkiFiles.p12(name));
        Files.write(p12, Pkcs12.write(name, keys.getPrivate(), chain, password));
        return List.of(pem, p12);
    }

    static Path writePem(Path file, String type, byte[] der) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(new PemObject(type, der));
        }
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
        return file;
    }

    private static Instant years(Instant from, int years) {
        return from.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
    }

    private static String readme(Options options, String base, X509Certificate root, X509Certificate issuing,
                                 Instant endEntityUntil, Instant now) {
        StringBuilder signers = new StringBuilder();
        for (SampleSigner s : SampleSigner.ALL) {
            signers.append("| `").append(PkiFiles.signer(s.username())).append(".pem` / `.p12` | ")
                    .append(s.fullName()).append(" — ").append(s.title()).append(", ").append(s.school())
                    .append(" (demo user `").append(s.username()).append("`) |\n");
        }
        return """
                # certs-sample — SAMPLE school PKI · MẪU, KHÔNG DÙNG CHO VĂN BẢN THẬT

                **Everything in this folder is a SAMPLE. Never use it to sign real documents.** Every private key here is
                public: the files are in the repository and their password is written below. Signatures made with these
                keys prove nothing about anyone. / *Toàn bộ khóa và chứng thư trong thư mục này là MẪU, ai cũng có; tuyệt
                đối không dùng để ký văn bản thật.*

                - Password of every `.p12` file: `%s`
                - Keys: %s; signatures SHA-256. PKCS#12: PBES2 (PBKDF2-HmacSHA256, AES-256-CBC), HmacSHA256 MAC.
                - Created %s. Root CA valid until %s, issuing CA until %s, the other certificates until %s.
                - URLs in the certificates (CRL distribution points, OCSP, CA issuers) point at the running service
                  under `%s`: `%s`, `%s`, `%s`, `%s`, `%s`.
                - Root CA SHA-256 fingerprint: `%s`

                The running service loads this folder (packaged in the jar; `truongso.pki.dir` points elsewhere), signs a
                fresh CRL on every request, answers OCSP and issues RFC 3161 time-stamps. `issuing-ca.crl` is only a snapshot
                taken when the folder was made; `root-ca.crl` is served as it is (the service never opens
                `root-ca.p12`): renew it with `pki root-crl certs-sample --sample`.

                | file | what |
                |---|---|
                | `root-ca.pem` / `.p12` | the trust anchor: TruongSo SAMPLE Root CA |
                | `issuing-ca.pem` / `.p12` | TruongSo SAMPLE Issuing CA: issues every certificate below, signs the CRL |
                | `tsa.pem` / `.p12` | the time-stamping authority (extended key usage id-kp-timeStamping, critical) |
                | `ocsp.pem` / `.p12` | the OCSP responder (id-kp-OCSPSigning, id-pkix-ocsp-nocheck) |
                %s| `issuing-ca.crl` | CRL snapshot (PEM) |
                | `root-ca.crl` | the root's CRL, signed offline, served by the running service (PEM) |

                Signers' certificates: CN = full name, T = title (chức vụ), O = school, C = VN, all UTF8String; key usage
                digitalSignature + nonRepudiation (critical). Each `.p12` holds the key and the chain up to the root.

                Made by the application's own command (it never starts the web server or the database):

                ```bash
                java -jar target/truongso-0.1.0-SNAPSHOT.jar pki init certs-sample --sample --force [--ec] [--base-url https://school.example]
                ```
                """.formatted(PkiFiles.SAMPLE_PASSWORD,
                options.ec() ? "ECDSA P-256" : "RSA 2048", now.truncatedTo(ChronoUnit.SECONDS),
                root.getNotAfter().toInstant(), issuing.getNotAfter().toInstant(), endEntityUntil,
                base, base + PkiUrls.ISSUING_CRL, base + PkiUrls.ROOT_CRL, base + PkiUrls.OCSP,
                base + PkiUrls.ISSUING_CERT, base + PkiUrls.ROOT_CERT, fingerprint(root), signers);
    }

    /** The README of a school's own PKI: no password in it, and what to do with the root key. */
    private static String ownReadme(Options options, String base, X509Certificate root, Instant endEntityUntil,
                                    Instant rootCrlUntil, Instant now) {
        return """
                # School PKI of TruongSo · Hệ thống chứng thư số của trường

                - Made %s by `pki init`; keys %s, signatures SHA-256. Every `.p12` file is protected by the password
                  the operator gave (it is not written anywhere here).
                - Root CA SHA-256 fingerprint: `%s` (publish it where schools and validators can compare it).
                - Root CA valid until %s; TSA and OCSP certificates until %s; the root's CRL until %s.
                - URLs in the certificates point at the running service under `%s`.

                **Move `root-ca.p12` off this machine** (an offline medium in a safe): the running service never
                opens it. It needs `issuing-ca.p12`, `tsa.p12`, `ocsp.p12`, the `.pem` files and `root-ca.crl`.
                Before the root's CRL expires, or to revoke the issuing CA, sign a new one offline and copy
                `root-ca.crl` back into this directory (the service picks it up by itself):

                ```bash
                java -jar truongso.jar pki root-crl <directory with root-ca.p12> [--days 365] [--revoke-issuing-ca key-compromise]
                ```
                """.formatted(now.truncatedTo(ChronoUnit.SECONDS), options.ec() ? "ECDSA P-256" : "RSA 2048",
                fingerprint(root), root.getNotAfter().toInstant(), endEntityUntil, rootCrlUntil, base);
    }

    static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
