package vn.truongso.pki;

/**
 * Where the running service publishes the PKI, relative to the base URL written into the certificates
 * ({@code pki init --base-url}). The certificates and the HTTP endpoints must agree, so both read them from here.
 */
final class PkiUrls {

    static final String ISSUING_CRL = "/pki/crl/issuing-ca.crl";
    static final String ROOT_CRL = "/pki/crl/root-ca.crl";
    static final String ROOT_CERT = "/pki/ca/root-ca.cer";
    static final String ISSUING_CERT = "/pki/ca/issuing-ca.cer";
    static final String OCSP = "/pki/ocsp";
    static final String TSA = "/pki/tsa";

    static final String DEFAULT_BASE = "http://localhost:8080";

    private PkiUrls() {
    }

    /** The base without a trailing slash, so base + path never doubles it. */
    static String normaliseBase(String base) {
        String b = base.strip();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b;
    }
}
