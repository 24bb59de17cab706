package vn.truongso.pki;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import vn.truongso.pki.CertificateMaker.Kind;

/** Small helpers the PKI tests share: foreign certificates, OCSP requests, parsing. */
final class TestCerts {

    private TestCerts() {
    }

    /** A certificate from some other CA, which our responder must not call good. */
    static X509Certificate foreignCertificate() {
        KeyPair caKeys = CertificateMaker.newKeyPair(false);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate ca = CertificateMaker.make(Kind.ROOT_CA, CertificateMaker.name("Other CA", null, "Other"),
                caKeys.getPublic(), null, caKeys.getPrivate(), now, now.plus(1, ChronoUnit.DAYS), "http://other");
        KeyPair keys = CertificateMaker.newKeyPair(false);
        return CertificateMaker.make(Kind.SIGNER, CertificateMaker.name("Người ngoài", null, "Other"),
                keys.getPublic(), ca, caKeys.getPrivate(), now, now.plus(1, ChronoUnit.DAYS), "http://other");
    }

    static OCSPReq ocspRequest(X509Certificate cert, X509Certificate issuer, byte[] nonce) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
        OCSPReqBuilder b = new OCSPReqBuilder().addRequest(id);
        if (nonce != null) {
            // RFC 6960 §4.4.1: the extension's value is the DER of an OCTET STRING holding the nonce.
            b.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce).getEncoded())));
        }
        return b.build();
    }

    static BasicOCSPResp basic(byte[] ocspResponse) throws Exception {
        OCSPResp resp = new OCSPResp(ocspResponse);
        if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new AssertionError("OCSP status " + resp.getStatus());
        }
        return (BasicOCSPResp) resp.getResponseObject();
    }

    static X509CRL crl(byte[] bytes) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
    }

    static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    static BigInteger crlNumber(X509CRL crl) {
        byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
        return org.bouncycastle.asn1.ASN1Integer.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets()).getValue();
    }

    /** The PKI settings of a directory and its password, the rest as the embedded default has them. */
    static PkiProperties pkiProperties(String dir, String password) {
        return new PkiProperties(dir, password, null, java.util.List.of(), new PkiProperties.Tsa(false),
                new PkiProperties.RateLimit(300, 1200));
    }
}
