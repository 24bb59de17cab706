package vn.truongso.signing;

import java.security.cert.X509Certificate;
import java.util.List;

/** Revocation data to embed for long-term validation (B-LT and up). */
public interface ValidationDataSource {

    /** DER OCSP responses and DER CRLs proving that each given certificate was not revoked, now. */
    Revocation revocationFor(List<X509Certificate> certificates);

    /** Extra certificates a validator needs (e.g. OCSP responder, time-stamping unit and their issuers). */
    List<X509Certificate> extraCertificates();

    record Revocation(List<byte[]> ocspResponses, List<byte[]> crls) {
    }
}
