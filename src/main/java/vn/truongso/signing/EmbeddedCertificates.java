package vn.truongso.signing;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Store;

/** Certificates carried inside signatures and responses, which a long-term validator must find in the DSS too. */
final class EmbeddedCertificates {

    private EmbeddedCertificates() {
    }

    /** The certificates inside the signature time-stamps of a CMS signature. */
    static List<X509Certificate> ofTimeStamps(byte[] cms) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CMSSignedData signed = new CMSSignedData(cms);
            for (SignerInformation si : signed.getSignerInfos()) {
                if (si.getUnsignedAttributes() == null) {
                    continue;
                }
                Attribute ts = si.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
                if (ts == null) {
                    continue;
                }
                for (ASN1Encodable value : ts.getAttrValues()) {
                    TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(value));
                    out.addAll(convert(token.getCertificates()));
                }
            }
            return out;
        } catch (CMSException | TSPException | IOException e) {
            throw new IllegalStateException("Unreadable signature", e);
        }
    }

    /** The responder's certificates inside a DER OCSP response. */
    static List<X509Certificate> ofOcspResponse(byte[] der) {
        try {
            Object body = new OCSPResp(der).getResponseObject();
            if (!(body instanceof BasicOCSPResp basic)) {
                return List.of();
            }
            List<X509Certificate> out = new ArrayList<>();
            for (X509CertificateHolder h : basic.getCerts()) {
                out.add(new JcaX509CertificateConverter().getCertificate(h));
            }
            return out;
        } catch (IOException | OCSPException | CertificateException e) {
            throw new IllegalStateException("Unreadable OCSP response", e);
        }
    }

    private static List<X509Certificate> convert(Store<X509CertificateHolder> store) {
        List<X509Certificate> out = new ArrayList<>();
        Collection<X509CertificateHolder> all = store.getMatches(null);
        for (X509CertificateHolder h : all) {
            try {
                out.add(new JcaX509CertificateConverter().getCertificate(h));
            } catch (CertificateException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
