package vn.truongso.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import vn.truongso.pki.SchoolPki.SignerCredential;

/**
 * An RFC 3161 time-stamping authority: SHA-256 tokens signed with the TSA certificate, accuracy one second, the
 * signing-certificate-v2 attribute (ESSCertIDv2) that binds the token to that certificate.
 */
final class TimeStampAuthority {

    /** The TSA policy of this sample (a private arc, see {@link CertificateMaker#SAMPLE_POLICY}). */
    static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1");
    private static final Set<ASN1ObjectIdentifier> ACCEPTED_DIGESTS =
            Set.of(TSPAlgorithms.SHA256, TSPAlgorithms.SHA384, TSPAlgorithms.SHA512);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignerCredential tsa;
    private final DigestCalculatorProvider digests;

    TimeStampAuthority(SignerCredential tsa) {
        this.tsa = tsa;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers a DER TimeStampReq with a DER TimeStampResp: granted, or rejected with the reason. */
    byte[] respond(byte[] queryDer, Instant now) {
        try {
            TimeStampRequest request;
            try {
                request = new TimeStampRequest(queryDer);
            } catch (IOException | RuntimeException e) {
                return new TimeStampResponseGenerator(tokenGenerator(), ACCEPTED_DIGESTS)
                        .generateFailResponse(PKIStatus.REJECTION, PKIFailureInfo.badDataFormat,
                                "not a time-stamp request").getEncoded();
            }
            // generate() checks the algorithm and policy itself and answers a rejection when they do not fit.
            return new TimeStampResponseGenerator(tokenGenerator(), ACCEPTED_DIGESTS, Set.of(POLICY))
                    .generate(request, serial(), Date.from(now)).getEncoded();
        } catch (TSPException | IOException e) {
            throw new IllegalStateException("Cannot issue a time-stamp", e);
        }
    }

    /** A token (DER ContentInfo) over a SHA-256 digest, with the TSA certificate inside. */
    byte[] token(byte[] sha256Digest, Instant now) {
        if (sha256Digest == null || sha256Digest.length != 32) {
            throw new IllegalArgumentException("A SHA-256 digest has 32 bytes");
        }
        TimeStampRequestGenerator g = new TimeStampRequestGenerator();
        g.setCertReq(true);
        TimeStampRequest request = g.generate(TSPAlgorithms.SHA256, sha256Digest,
                BigInteger.valueOf(RANDOM.nextLong()));
        try {
            TimeStampResponse response = new TimeStampResponse(respond(request.getEncoded(), now));
            response.validate(request);
            return response.getTimeStampToken().getEncoded(ASN1Encoding.DER);
        } catch (TSPException | IOException e) {
            throw new IllegalStateException("Cannot issue a time-stamp", e);
        }
    }

    /** One per request: a content signer keeps state while it signs, so generators are never shared. */
    private TimeStampTokenGenerator tokenGenerator() throws TSPException {
        try {
            X509Certificate cert = tsa.certificate();
            SignerInfoGenerator signer = new JcaSignerInfoGeneratorBuilder(digests).build(
                    new JcaContentSignerBuilder(CertificateMaker.signatureAlgorithm(tsa.privateKey()))
                            .build(tsa.privateKey()), cert);
            // A SHA-256 digest calculator makes BC write signing-certificate-v2 (ESSCertIDv2), not the SHA-1 v1.
            TimeStampTokenGenerator g = new TimeStampTokenGenerator(signer,
                    digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)), POLICY, true);
            g.setAccuracySeconds(1);
            g.setTSA(new GeneralName(X500Name.getInstance(cert.getSubjectX500Principal().getEncoded())));
            // Sent only when the request asks for it (certReq), as RFC 3161 says.
            g.addCertificates(new JcaCertStore(List.of(cert, tsa.chain().get(1))));
            return g;
        } catch (OperatorCreationException | CertificateEncodingException e) {
            throw new TSPException("Cannot prepare the TSA signer", e);
        }
    }

    private static BigInteger serial() {
        return CertificateMaker.newSerial();
    }
}
