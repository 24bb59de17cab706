package vn.truongso.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
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
 *
 * <p>In two steps, because the key may sign minutes later elsewhere: {@link #signedAttributes} is what gets signed,
 * {@link #assemble} wraps the signature value made over it.
 */
final class CmsSignature {

    private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

    private CmsSignature() {
    }

    /** What a signed-attributes blob says: the content's digest and the signer certificate's. */
    record SignedAttributes(byte[] messageDigest, byte[] signerCertificateDigest) {
    }

    /**
     * DER of the signed attributes.
     *
     * @param contentDigest SHA-256 of the bytes covered by the PDF's /ByteRange
     */
    static byte[] signedAttributes(byte[] contentDigest, X509Certificate signer) {
        try {
            Certificate signerCert = Certificate.getInstance(signer.getEncoded());
            ASN1EncodableVector attrs = new ASN1EncodableVector();
            attrs.add(new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.data)));
            attrs.add(new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(contentDigest))));
            ESSCertIDv2 certId = new ESSCertIDv2(sha256(signer.getEncoded()), new IssuerSerial(
                    new GeneralNames(new GeneralName(signerCert.getIssuer())), signerCert.getSerialNumber().getValue()));
            attrs.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {certId}))));
            return new DERSet(attrs).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads back signed attributes made by {@link #signedAttributes} (e.g. stored between the two phases).
     *
     * @throws IllegalArgumentException when they are not canonical DER or lack message-digest or
     *                                  signing-certificate-v2 with a SHA-256 certificate hash
     */
    static SignedAttributes read(byte[] der) {
        ASN1Set set;
        Attribute md;
        Attribute sc;
        AttributeTable table;
        try {
            set = ASN1Set.getInstance(ASN1Primitive.fromByteArray(der));
            table = new AttributeTable(set);
            md = table.get(CMSAttributes.messageDigest);
            sc = table.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Unreadable signed attributes", e);
        }
        if (md == null || sc == null || table.size() != 3) {
            throw new IllegalArgumentException("Signed attributes are not the PAdES ones");
        }
        try {
            // The signature covers these exact bytes and the CMS re-encodes them: they must already be DER.
            if (!Arrays.equals(set.getEncoded(ASN1Encoding.DER), der)) {
                throw new IllegalArgumentException("Signed attributes are not DER");
            }
            ESSCertIDv2 certId = SigningCertificateV2.getInstance(sc.getAttrValues().getObjectAt(0)).getCerts()[0];
            if (!certId.getHashAlgorithm().getAlgorithm().equals(NISTObjectIdentifiers.id_sha256)) {
                throw new IllegalArgumentException("Signing certificate hash is not SHA-256");
            }
            return new SignedAttributes(
                    ASN1OctetString.getInstance(md.getAttrValues().getObjectAt(0)).getOctets(), certId.getCertHash());
        } catch (IOException e) {
            throw new IllegalArgumentException("Unreadable signed attributes", e);
        }
    }

    /**
     * Whether the value is the signer's signature over the signed attributes: RSA PKCS#1 v1.5 or DER ECDSA, SHA-256.
     * A malformed value is simply not a valid one.
     */
    static boolean verifies(byte[] signedAttributes, byte[] signatureValue, X509Certificate signer) {
        String algorithm = isRsa(signer) ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(signer.getPublicKey());
            s.update(signedAttributes);
            return s.verify(signatureValue);
        } catch (SignatureException | IllegalArgumentException malformed) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot verify with " + signer.getPublicKey().getAlgorithm(), e);
        }
    }

    /**
     * The DER ContentInfo: SignedData with the signed attributes, the value, the chain and, when given, the signature
     * time-stamp token (unsigned attribute, B-T).
     */
    static byte[] assemble(byte[] signedAttributes, byte[] signatureValue, List<X509Certificate> chain,
                           byte[] timeStampToken) {
        try {
            X509Certificate signer = chain.get(0);
            Certificate signerCert = Certificate.getInstance(signer.getEncoded());
            DERSet unsignedAttrs = null;
            if (timeStampToken != null) {
                unsignedAttrs = new DERSet(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                        new DERSet(ASN1Primitive.fromByteArray(timeStampToken))));
            }
            SignerInfo info = new SignerInfo(
                    new SignerIdentifier(new IssuerAndSerialNumber(X500Name.getInstance(signerCert.getIssuer()),
                            signerCert.getSerialNumber().getValue())),
                    SHA256, ASN1Set.getInstance(ASN1Primitive.fromByteArray(signedAttributes)),
                    signatureAlgorithm(signer), new DEROctetString(signatureValue), unsignedAttrs);

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

    private static boolean isRsa(X509Certificate signer) {
        String alg = signer.getPublicKey().getAlgorithm();
        if ("RSA".equals(alg)) {
            return true;
        }
        if ("EC".equals(alg) || "ECDSA".equals(alg)) {
            return false;
        }
        throw new IllegalArgumentException("Unsupported key algorithm " + alg);
    }

    private static AlgorithmIdentifier signatureAlgorithm(X509Certificate signer) {
        return isRsa(signer)
                ? new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE)
                : new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
