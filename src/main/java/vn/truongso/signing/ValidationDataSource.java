package vn.truongso.signing;

import java.security.cert.X509Certificate;
import java.util.List;

/** Revocation data to embed for long-term validation (B-LT and up). */
public interface ValidationDataSource {

    /**
     * DER OCSP responses and DER CRLs showing this certificate's status now; empty for a certificate that needs none
     * (a trust anchor, an OCSP responder marked ocsp-nocheck).
     */
    Revocation revocationFor(X509Certificate certificate);

    record Revocation(List<byte[]> ocspResponses, List<byte[]> crls) {
        public static final Revocation NONE = new Revocation(List.of(), List.of());
    }
}
