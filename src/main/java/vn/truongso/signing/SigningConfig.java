package vn.truongso.signing;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.DERIA5String;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.truongso.common.PdfWorker;
import vn.truongso.pki.SchoolPki;
import vn.truongso.pki.TimeStamps;

/** Wires the signer to the school PKI: its time-stamps and its revocation data. */
@Configuration
class SigningConfig {

    /** Time-stamps from the built-in TSA, or from the external one configured in truongso.pki.tsa-url. */
    @Bean
    PadesSigner padesSigner(SchoolPki pki, TimeStamps timeStamps, PdfWorker worker) {
        return new PadesSigner(timeStamps::timeStampToken, certificate -> revocation(pki, certificate), worker);
    }

    /**
     * What the certificate itself says to ask: OCSP when its AIA names a responder, else the CRL at its distribution
     * point; answered by the PKI in-process. Self-signed and ocsp-nocheck certificates need nothing.
     */
    static ValidationDataSource.Revocation revocation(SchoolPki pki, X509Certificate c) {
        if (c.getSubjectX500Principal().equals(c.getIssuerX500Principal())
                || c.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId()) != null) {
            return ValidationDataSource.Revocation.NONE;
        }
        if (!urls(c, Extension.authorityInfoAccess).isEmpty()
                && c.getIssuerX500Principal().equals(pki.issuingCertificate().getSubjectX500Principal())) {
            return new ValidationDataSource.Revocation(List.of(pki.ocspResponse(c)), List.of());
        }
        List<byte[]> crls = new ArrayList<>();
        for (String url : urls(c, Extension.cRLDistributionPoints)) {
            Optional<byte[]> crl = pki.fetch(url);
            crl.ifPresent(crls::add);
        }
        return new ValidationDataSource.Revocation(List.of(), crls);
    }

    /** OCSP URLs of the AIA extension, or the URLs of the CRL distribution points. */
    static List<String> urls(X509Certificate c, org.bouncycastle.asn1.ASN1ObjectIdentifier ext) {
        byte[] raw = c.getExtensionValue(ext.getId());
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        try {
            ASN1Primitive value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(raw).getOctets());
            if (ext.equals(Extension.authorityInfoAccess)) {
                for (AccessDescription ad : AuthorityInformationAccess.getInstance(value).getAccessDescriptions()) {
                    if (ad.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                        out.add(DERIA5String.getInstance(ad.getAccessLocation().getName()).getString());
                    }
                }
            } else {
                for (DistributionPoint dp : CRLDistPoint.getInstance(value).getDistributionPoints()) {
                    DistributionPointName name = dp.getDistributionPoint();
                    if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                        for (GeneralName gn : GeneralNames.getInstance(name.getName()).getNames()) {
                            if (gn.getTagNo() == GeneralName.uniformResourceIdentifier) {
                                out.add(DERIA5String.getInstance(gn.getName()).getString());
                            }
                        }
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
