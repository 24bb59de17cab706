package vn.truongso.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DisplayText;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyQualifierId;
import org.bouncycastle.asn1.x509.PolicyQualifierInfo;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.UserNotice;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes the key pairs and certificates of the school PKI: one profile of extensions per kind of certificate. */
final class CertificateMaker {

    /** What a certificate is for. */
    enum Kind { ROOT_CA, ISSUING_CA, SIGNER, TSA, OCSP }

    /**
     * The sample certificate policy. 1.3.6.1.4.1.99999 stands for "our private arc" in this sample; a school running
     * its own PKI replaces it with its registered enterprise number.
     */
    static final ASN1ObjectIdentifier SAMPLE_POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.2");
    static final String SAMPLE_NOTICE = "Chứng thư MẪU, không dùng cho văn bản thật (SAMPLE certificate, never for "
            + "real documents)";

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateMaker() {
    }

    /** RSA 2048 by default; ECDSA on P-256 when {@code ec}. */
    static KeyPair newKeyPair(boolean ec) {
        try {
            KeyPairGenerator g;
            if (ec) {
                g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            } else {
                g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048, RANDOM);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a key pair", e);
        }
    }

    static String signatureAlgorithm(PrivateKey key) {
        return key instanceof ECKey ? "SHA256withECDSA" : "SHA256withRSA";
    }

    /**
     * C=VN, O, T (title, chức vụ), CN; every value but the country as UTF8String, so Vietnamese names survive exactly
     * (the country code is PrintableString by RFC 5280).
     */
    static X500Name name(String commonName, String title, String organisation) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        b.addRDN(BCStyle.C, new DERPrintableString("VN"));
        b.addRDN(BCStyle.O, new DERUTF8String(organisation));
        if (title != null) {
            b.addRDN(BCStyle.T, new DERUTF8String(title));
        }
        b.addRDN(BCStyle.CN, new DERUTF8String(commonName));
        return b.build();
    }

    /** The subject as people read it, e.g. "C=VN,O=Trường THCS Hòa Bình,T=Giáo viên,CN=Nguyễn Thị Lan". */
    static String subject(X509Certificate cert) {
        return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).toString();
    }

    /** Positive, 128 random bits: unpredictable and unique without keeping a counter. */
    static BigInteger newSerial() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[0] |= 0x01;
        return new BigInteger(1, bytes);
    }

    /**
     * @param issuerCert null for the self-signed root, whose own key is then {@code issuerKey}
     * @param baseUrl    where the running service publishes CRLs, OCSP and CA certificates
     */
    static X509Certificate make(Kind kind, X500Name subject, PublicKey subjectKey, X509Certificate issuerCert,
                                PrivateKey issuerKey, Instant notBefore, Instant notAfter, String baseUrl) {
        try {
            X500Name issuer = issuerCert == null ? subject
                    : X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, newSerial(), Date.from(notBefore),
                    Date.from(notAfter), subject, subjectKey);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            if (issuerCert != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId(issuerCert));
            }
            switch (kind) {
                case ROOT_CA -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case ISSUING_CA -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                    // Validators want revocation data for the CA certificate too: the root publishes its own CRL.
                    b.addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint(baseUrl + PkiUrls.ROOT_CRL));
                    b.addExtension(Extension.authorityInfoAccess, false, aia(null, baseUrl + PkiUrls.ROOT_CERT));
                }
                case SIGNER -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                    endEntityRevocationPointers(b, baseUrl);
                    b.addExtension(Extension.certificatePolicies, false, samplePolicy());
                }
                case TSA -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    // RFC 3161 §2.3: the only extended key usage, and critical.
                    b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                    endEntityRevocationPointers(b, baseUrl);
                    b.addExtension(Extension.certificatePolicies, false, samplePolicy());
                }
                case OCSP -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
                    // RFC 6960 §4.2.2.2.1: nobody checks the responder's own revocation (it would ask itself).
                    b.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
                    b.addExtension(Extension.authorityInfoAccess, false, aia(null, baseUrl + PkiUrls.ISSUING_CERT));
                }
                default -> throw new IllegalArgumentException(kind.name());
            }
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot make a " + kind + " certificate", e);
        }
    }

    /** The issuer's own subject key identifier, so the chain links by key id whatever method made it. */
    static AuthorityKeyIdentifier authorityKeyId(X509Certificate issuerCert) throws IOException {
        byte[] ext = issuerCert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ext == null) {
            throw new IOException("Issuer certificate has no subject key identifier");
        }
        byte[] keyId = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
        return new AuthorityKeyIdentifier(keyId);
    }

    private static void endEntityRevocationPointers(X509v3CertificateBuilder b, String baseUrl) throws IOException {
        b.addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint(baseUrl + PkiUrls.ISSUING_CRL));
        b.addExtension(Extension.authorityInfoAccess, false,
                aia(baseUrl + PkiUrls.OCSP, baseUrl + PkiUrls.ISSUING_CERT));
    }

    private static CRLDistPoint crlDistributionPoint(String url) {
        GeneralNames names = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url));
        return new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(names), null, null)});
    }

    private static AuthorityInformationAccess aia(String ocspUrl, String caIssuersUrl) {
        AccessDescription caIssuers = new AccessDescription(AccessDescription.id_ad_caIssuers,
                new GeneralName(GeneralName.uniformResourceIdentifier, caIssuersUrl));
        if (ocspUrl == null) {
            return new AuthorityInformationAccess(caIssuers);
        }
        AccessDescription ocsp = new AccessDescription(AccessDescription.id_ad_ocsp,
                new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl));
        return new AuthorityInformationAccess(new AccessDescription[] {ocsp, caIssuers});
    }

    /** Anyone who opens the certificate reads that it is a sample. */
    private static CertificatePolicies samplePolicy() {
        UserNotice notice = new UserNotice(null, new DisplayText(DisplayText.CONTENT_TYPE_UTF8STRING, SAMPLE_NOTICE));
        return new CertificatePolicies(new PolicyInformation(SAMPLE_POLICY,
                new DERSequence(new PolicyQualifierInfo(PolicyQualifierId.id_qt_unotice, notice))));
    }
}
