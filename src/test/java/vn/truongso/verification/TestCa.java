package vn.truongso.verification;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.DSSFileFont;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.PAdESTimestampParameters;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.SignatureImageTextParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import vn.truongso.pki.SchoolPki;

/**
 * A throwaway PKI for tests, made with Bouncy Castle on the spot and laid out like the school PKI: a root CA, an
 * issuing CA under it, signers (Phạm Thị Mai, others on demand) and a time-stamping authority under that; the issuing
 * CA's CRL and the root's CRL (for the issuing CA), and a stand-in {@link SchoolPki} that serves both CRLs and the CA
 * certificates at the URLs the certificates name. Documents are signed with DSS's PAdESService and a PKCS#12 key store, like the school's signers.
 */
final class TestCa {

    static final String CRL_URL = "http://pki.truongso.test/crl/issuing.crl";
    static final String ROOT_CRL_URL = "http://pki.truongso.test/crl/root.crl";
    static final String ROOT_URL = "http://pki.truongso.test/ca/root.cer";
    static final String ISSUING_URL = "http://pki.truongso.test/ca/issuing.cer";
    private static final char[] PASSWORD = "test".toCharArray();

    final String signerName;
    final KeyPair rootKeys = keyPair();
    final X509Certificate root;
    final KeyPair issuingKeys = keyPair();
    final X509Certificate issuing;
    final KeyPair signerKeys = keyPair();
    final X509Certificate signer;
    final KeyPair tsaKeys = keyPair();
    final X509Certificate tsa;
    private final List<BigInteger> revoked = new ArrayList<>();
    private final Map<String, Identity> others = new HashMap<>();
    private final AtomicLong serials = new AtomicLong(System.currentTimeMillis());

    TestCa() {
        this("Phạm Thị Mai");
    }

    TestCa(String signerName) {
        this.signerName = signerName;
        try {
            root = certificate("CN=TruongSo Test Root CA,O=TruongSo (test),C=VN", rootKeys.getPublic(), null,
                    Role.ROOT);
            issuing = certificate("CN=TruongSo Test Issuing CA,O=TruongSo (test),C=VN", issuingKeys.getPublic(), root,
                    Role.ISSUING_CA);
            signer = certificate("CN=" + signerName + ",O=Trường THCS Hòa Bình (test),C=VN", signerKeys.getPublic(),
                    issuing, Role.SIGNER);
            tsa = certificate("CN=TruongSo Test TSA,O=TruongSo (test),C=VN", tsaKeys.getPublic(), issuing, Role.TSA);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void revokeSigner() {
        revoked.add(signer.getSerialNumber());
    }

    /** The issuing CA's current CRL (DER), listing what {@link #revokeSigner} revoked. */
    byte[] crl() {
        return crl(issuing, issuingKeys, revoked);
    }

    /** The root's CRL: whether the issuing CA is revoked (it never is here). */
    byte[] rootCrl() {
        return crl(root, rootKeys, List.of());
    }

    private byte[] crl(X509Certificate ca, KeyPair keys, List<BigInteger> revokedSerials) {
        try {
            Date now = new Date();
            X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                    Date.from(now.toInstant().minus(Duration.ofMinutes(5))));
            b.setNextUpdate(Date.from(now.toInstant().plus(Duration.ofDays(7))));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(serials.incrementAndGet())));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca));
            for (BigInteger serial : revokedSerials) {
                b.addCRLEntry(serial, Date.from(now.toInstant().minus(Duration.ofMinutes(1))), CRLReason.keyCompromise);
            }
            return b.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stand-in for the school PKI: only what verification asks of it (fetch) works. */
    SchoolPki pki() {
        return new SchoolPki() {
            @Override
            public X509Certificate rootCertificate() {
                return root;
            }

            @Override
            public X509Certificate issuingCertificate() {
                return issuing;
            }

            @Override
            public Optional<SignerCredential> signer(String username) {
                return Optional.empty();
            }

            @Override
            public byte[] timeStampToken(byte[] sha256Digest) {
                throw new UnsupportedOperationException();
            }

            @Override
            public X509Certificate issueSigningCertificate(java.security.PublicKey key, String fullName,
                                                           String title, String organisationName) {
                throw new UnsupportedOperationException();
            }

            @Override
            public byte[] ocspResponse(X509Certificate certificate) {
                throw new UnsupportedOperationException();
            }

            @Override
            public byte[] crl() {
                return TestCa.this.crl();
            }

            @Override
            public void revoke(BigInteger serialNumber, int crlReason) {
                revoked.add(serialNumber);
            }

            @Override
            public Optional<byte[]> fetch(String url) {
                try {
                    return switch (url) {
                        case CRL_URL -> Optional.of(TestCa.this.crl());
                        case ROOT_CRL_URL -> Optional.of(rootCrl());
                        case ROOT_URL -> Optional.of(root.getEncoded());
                        case ISSUING_URL -> Optional.of(issuing.getEncoded());
                        default -> Optional.empty();
                    };
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public Optional<byte[]> post(String url, byte[] body) {
                return Optional.empty();
            }
        };
    }

    /** An RFC 3161 time-stamping authority, in-process. */
    TSPSource tsp() {
        return (DigestAlgorithm digestAlgorithm, byte[] digest) -> {
            try {
                ASN1ObjectIdentifier alg = new ASN1ObjectIdentifier(digestAlgorithm.getOid());
                TimeStampTokenGenerator gen = new TimeStampTokenGenerator(new JcaSignerInfoGeneratorBuilder(
                        new JcaDigestCalculatorProviderBuilder().build()).build(
                        new JcaContentSignerBuilder("SHA256withRSA").build(tsaKeys.getPrivate()), tsa),
                        new JcaDigestCalculatorProviderBuilder().build().get(
                                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                        new ASN1ObjectIdentifier("1.2.3.4.1"));
                gen.addCertificates(new JcaCertStore(List.of(tsa, issuing, root)));
                TimeStampRequestGenerator request = new TimeStampRequestGenerator();
                request.setCertReq(true); // else the token carries no certificates
                TimeStampResponse response = new TimeStampResponseGenerator(gen, TSPAlgorithms.ALLOWED).generate(
                        request.generate(alg, digest),
                        BigInteger.valueOf(serials.incrementAndGet()), new Date());
                return new TimestampBinary(response.getTimeStampToken().getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Signs at the given level; B-T and above use the test TSA, B-LT and above embed the CRL. */
    byte[] sign(byte[] pdf, SignatureLevel level) {
        return sign(pdf, level, null);
    }

    /** The same with a visible signature box ("Ký bởi", "Chức vụ") at height {@code visibleAtY} on page 1. */
    byte[] sign(byte[] pdf, SignatureLevel level, Integer visibleAtY) {
        return sign(new Identity(signerName, signerKeys, signer), pdf, level, visibleAtY);
    }

    /** Signed by another person of the same school, with a certificate from the same root. */
    byte[] signAs(String name, byte[] pdf, SignatureLevel level, Integer visibleAtY) {
        return sign(person(name), pdf, level, visibleAtY);
    }

    /** Another person of the same school: a key pair and a certificate from the same root. */
    Identity person(String name) {
        if (name.equals(signerName)) {
            return new Identity(signerName, signerKeys, signer);
        }
        return others.computeIfAbsent(name, n -> {
            KeyPair keys = keyPair();
            try {
                return new Identity(n, keys, certificate("CN=" + n + ",O=Trường THCS Hòa Bình (test),C=VN",
                        keys.getPublic(), issuing, Role.SIGNER));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    record Identity(String name, KeyPair keys, X509Certificate certificate) {
    }

    private byte[] sign(Identity who, byte[] pdf, SignatureLevel level, Integer visibleAtY) {
        PAdESSignatureParameters p = new PAdESSignatureParameters();
        p.setSignatureLevel(level);
        p.setDigestAlgorithm(DigestAlgorithm.SHA256);
        p.setSigningCertificate(new CertificateToken(who.certificate()));
        p.setCertificateChain(List.of(new CertificateToken(who.certificate()), new CertificateToken(issuing),
                new CertificateToken(root)));
        p.setReason("Phê duyệt kế hoạch bài dạy");
        p.setLocation("Hòa Bình");
        if (visibleAtY != null) {
            SignatureImageParameters image = new SignatureImageParameters();
            SignatureFieldParameters field = new SignatureFieldParameters();
            field.setPage(1);
            field.setOriginX(320);
            field.setOriginY(visibleAtY);
            field.setWidth(220);
            field.setHeight(60);
            image.setFieldParameters(field);
            SignatureImageTextParameters text = new SignatureImageTextParameters();
            text.setText("Ký bởi: " + who.name() + "\nChức vụ: Hiệu trưởng");
            try (InputStream ttf = font()) {
                text.setFont(new DSSFileFont(ttf));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            image.setTextParameters(text);
            p.setImageParameters(image);
        }
        PAdESService service = service();
        DSSDocument doc = new InMemoryDocument(pdf);
        ToBeSigned tbs = service.getDataToSign(doc, p);
        try (KeyStoreSignatureTokenConnection token = new KeyStoreSignatureTokenConnection(pkcs12(who), "PKCS12",
                new KeyStore.PasswordProtection(PASSWORD))) {
            DSSPrivateKeyEntry key = token.getKeys().get(0);
            SignatureValue value = token.sign(tbs, DigestAlgorithm.SHA256, key);
            return bytes(service.signDocument(doc, p, value));
        }
    }

    /** Adds a document timestamp (and, for LTA, the validation data before it). */
    byte[] timestamp(byte[] pdf) {
        return bytes(service().timestamp(new InMemoryDocument(pdf), new PAdESTimestampParameters()));
    }

    private PAdESService service() {
        CommonCertificateVerifier cv = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(root));
        cv.setTrustedCertSources(trusted);
        cv.setCrlSource(new CrlOverDataLoader(new PkiDataLoader(pki())));
        PAdESService service = new PAdESService(cv);
        service.setTspSource(tsp());
        return service;
    }

    private byte[] pkcs12(Identity who) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("signer", who.keys().getPrivate(), PASSWORD,
                    new X509Certificate[]{who.certificate(), issuing, root});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, PASSWORD);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static InputStream font() {
        return PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf");
    }

    static byte[] bytes(DSSDocument doc) {
        try (InputStream in = doc.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private enum Role { ROOT, ISSUING_CA, SIGNER, TSA }

    private X509Certificate certificate(String dn, PublicKey key, X509Certificate issuer, Role role) throws Exception {
        Instant now = Instant.now();
        X500Name subject = new X500Name(dn);
        X500Name issuerName = issuer == null ? subject
                : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        KeyPair issuerKeys = role == Role.ROOT || role == Role.ISSUING_CA ? rootKeys : issuingKeys;
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                BigInteger.valueOf(serials.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))), subject, key);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        boolean ca = role == Role.ROOT || role == Role.ISSUING_CA;
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
        if (ca) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(role == Role.TSA ? KeyUsage.digitalSignature
                    : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        }
        if (role == Role.TSA) {
            b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        }
        if (role != Role.ROOT) {
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
            b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[]{
                    new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(
                            GeneralName.uniformResourceIdentifier, role == Role.ISSUING_CA ? ROOT_CRL_URL : CRL_URL))),
                            null, null)}));
            b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    new AccessDescription(AccessDescription.id_ad_caIssuers, new GeneralName(
                            GeneralName.uniformResourceIdentifier, role == Role.ISSUING_CA ? ROOT_URL : ISSUING_URL))));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
