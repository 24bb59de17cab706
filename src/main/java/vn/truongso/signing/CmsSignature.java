package vn.truongso.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The CMS SignedData of a PAdES signature (ETSI.CAdES.detached), built from its ASN.1 parts so that it carries
 * exactly the attributes PAdES asks for: content-type, message-digest and signing-certificate-v2 — and no
 * signing-time, since the PDF's /M and the time-stamp say when.
 */
final class CmsSignature {

    private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

    private CmsSignature() {
    }

    /**
     * @param signedContent the bytes covered by the PDF's /ByteRange
     * @param timeStamps    when not null, a signature time-stamp is added (B-T)
     */
    static byte[] build(byte[] signedContent, SignatureValueProvider provider, TimeStampSource timeStamps) {
        try {
            List<X509Certificate> chain = provider.chain();
            X509Certificate signer = chain.get(0);
            Certificate signerCert = Certificate.getInstance(signer.getEncoded());

            ASN1EncodableVector attrs = new ASN1EncodableVector();
            attrs.add(new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.data)));
            attrs.add(new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(sha256(signedContent)))));
            ESSCertIDv2 certId = new ESSCertIDv2(sha256(signer.getEncoded()), new IssuerSerial(
                    new GeneralNames(new GeneralName(signerCert.getIssuer())), signerCert.getSerialNumber().getValue()));
            attrs.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {certId}))));
            DERSet signedAttrs = new DERSet(attrs);

            byte[] signatureValue = provider.signDigest(sha256(signedAttrs.getEncoded(ASN1Encoding.DER)));

            DERSet unsignedAttrs = null;
            if (timeStamps != null) {
                byte[] token = timeStamps.timeStampToken(sha256(signatureValue));
                unsignedAttrs = new DERSet(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                        new DERSet(ASN1Primitive.fromByteArray(token))));
            }
            SignerInfo info = new SignerInfo(
                    new SignerIdentifier(new IssuerAndSerialNumber(X500Name.getInstance(signerCert.getIssuer()),
                            signerCert.getSerialNumber().getValue())),
                    SHA256, signedAttrs, signatureAlgorithm(signer), new DEROctetString(signatureValue),
                    unsignedAttrs);

            ASN1EncodableVector certs = new ASN1EncodableVector();
            for (X509Certificate c : chain) {
                certs.add(Certificate.getInstance(c.getEncoded()));
            }
            SignedData signedData = new SignedData(new DERSet(SHA256), new ContentInfo(CMSObjectIdentifiers.data, null),
                    new DERSet(certs), null, new DERSet(info));
            return new ContentInfo(CMSObjectIdentifiers.signedData, signedData).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AlgorithmIdentifier signatureAlgorithm(X509Certificate signer) {
        String alg = signer.getPublicKey().getAlgorithm();
        if ("RSA".equals(alg)) {
            return new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
        }
        if ("EC".equals(alg) || "ECDSA".equals(alg)) {
            return new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        }
        throw new IllegalArgumentException("Unsupported key algorithm " + alg);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
