package vn.truongso.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signs a CRL (RFC 5280 v2) for one CA. */
final class CrlMaker {

    private CrlMaker() {
    }

    /** One revoked certificate as a CRL lists it; {@code reason} is an RFC 5280 CRLReason code. */
    record Entry(BigInteger serial, Instant revokedAt, int reason) {
    }

    /** DER. Times are whole seconds (RFC 5280 forbids fractions), which the caller's instants already are. */
    static byte[] make(X509Certificate caCert, PrivateKey caKey, Collection<Revocation> revoked, Instant thisUpdate,
                       Instant nextUpdate, BigInteger number) {
        return makeWith(caCert, caKey, revoked.stream().map(r -> new Entry(r.serial(), r.revokedAt(),
                r.reason().code())).toList(), thisUpdate, nextUpdate, number);
    }

    static byte[] makeWith(X509Certificate caCert, PrivateKey caKey, Collection<Entry> revoked, Instant thisUpdate,
                           Instant nextUpdate, BigInteger number) {
        try {
            X509v2CRLBuilder b = new X509v2CRLBuilder(
                    X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            b.setNextUpdate(Date.from(nextUpdate));
            revoked.stream().sorted(Comparator.comparing(Entry::revokedAt)).forEach(r ->
                    // BC leaves the reason code out for "unspecified", as RFC 5280 §5.3.1 asks.
                    b.addCRLEntry(r.serial(), Date.from(r.revokedAt()), r.reason()));
            b.addExtension(Extension.authorityKeyIdentifier, false, CertificateMaker.authorityKeyId(caCert));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            return b.build(new JcaContentSignerBuilder(CertificateMaker.signatureAlgorithm(caKey)).build(caKey))
                    .getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot sign the CRL", e);
        }
    }
}
