package vn.truongso.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Function;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import vn.truongso.pki.SchoolPki.SignerCredential;

/**
 * An RFC 6960 OCSP responder for the certificates of the issuing CA, signing with its delegated responder
 * certificate (id-kp-OCSPSigning). Certificates it did not issue are "unknown", never "good".
 */
final class OcspResponder {

    /** What the PKI knows about a serial of the issuing CA. */
    sealed interface Status {
        record Good() implements Status {
        }

        record Revoked(Revocation revocation) implements Status {
        }

        record Unknown() implements Status {
        }
    }

    /** More certificates than this in one request is not a validator but a load test. */
    static final int MAX_CERTS_PER_REQUEST = 20;
    private static final Duration VALIDITY = Duration.ofDays(1);

    private final SignerCredential responder;
    private final X509CertificateHolder issuer;
    private final Function<BigInteger, Status> statusOf;
    private final DigestCalculatorProvider digests;

    OcspResponder(SignerCredential responder, X509Certificate issuer, Function<BigInteger, Status> statusOf) {
        try {
            this.responder = responder;
            this.issuer = new JcaX509CertificateHolder(issuer);
            this.statusOf = statusOf;
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (CertificateEncodingException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers a DER OCSPRequest with a DER OCSPResponse; a request we cannot read gets malformedRequest. */
    byte[] respond(byte[] requestDer, Instant now) {
        OCSPReq request;
        try {
            request = new OCSPReq(requestDer);
        } catch (IOException | RuntimeException e) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        Req[] items = request.getRequestList();
        if (items.length == 0 || items.length > MAX_CERTS_PER_REQUEST) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        BasicOCSPRespBuilder b = builder();
        for (Req item : items) {
            add(b, item.getCertID(), now);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            b.setResponseExtensions(new Extensions(nonce));
        }
        return sign(b, now);
    }

    /** The response a client would get for this certificate of the issuing CA, without asking over HTTP. */
    byte[] respondFor(X509Certificate certificate, Instant now) {
        try {
            // The CertID hash only identifies the certificate; SHA-1 is what every OCSP client uses (RFC 5019).
            DigestCalculator sha1 = digests.get(CertificateID.HASH_SHA1);
            CertificateID id = new CertificateID(sha1, issuer, certificate.getSerialNumber());
            BasicOCSPRespBuilder b = builder();
            add(b, id, now);
            return sign(b, now);
        } catch (OCSPException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot build the OCSP response", e);
        }
    }

    private BasicOCSPRespBuilder builder() {
        try {
            return new BasicOCSPRespBuilder(
                    SubjectPublicKeyInfo.getInstance(responder.certificate().getPublicKey().getEncoded()),
                    digests.get(CertificateID.HASH_SHA1));
        } catch (OCSPException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private void add(BasicOCSPRespBuilder b, CertificateID id, Instant now) {
        Date thisUpdate = Date.from(now);
        Date nextUpdate = Date.from(now.plus(VALIDITY));
        b.addResponse(id, certificateStatus(id), thisUpdate, nextUpdate, null);
    }

    private CertificateStatus certificateStatus(CertificateID id) {
        boolean ours;
        try {
            ours = id.matchesIssuer(issuer, digests);
        } catch (OCSPException e) {
            ours = false; // a hash algorithm we do not know cannot name our CA
        }
        if (!ours) {
            return new UnknownStatus();
        }
        Status s = statusOf.apply(id.getSerialNumber());
        if (s instanceof Status.Revoked r) {
            return new RevokedStatus(Date.from(r.revocation().revokedAt()), r.revocation().reason().code());
        }
        return s instanceof Status.Good ? CertificateStatus.GOOD : new UnknownStatus();
    }

    private byte[] sign(BasicOCSPRespBuilder b, Instant now) {
        try {
            // The responder's certificate so clients can check the signature; the issuing CA's to help them chain it.
            X509CertificateHolder[] chain = {new JcaX509CertificateHolder(responder.certificate()), issuer};
            BasicOCSPResp basic = b.build(new JcaContentSignerBuilder(
                    CertificateMaker.signatureAlgorithm(responder.privateKey())).build(responder.privateKey()),
                    chain, Date.from(now));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | OperatorCreationException | CertificateEncodingException | IOException e) {
            throw new IllegalStateException("Cannot sign the OCSP response", e);
        }
    }

    private static byte[] status(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
