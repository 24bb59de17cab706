package vn.truongso.pki;

/**
 * The layout of a PKI directory such as certs-sample/: certificates as PEM, each private key only inside a
 * password-protected PKCS#12 file of the same name, and CRL snapshots.
 */
final class PkiFiles {

    static final String ROOT = "root-ca";
    static final String ISSUING = "issuing-ca";
    static final String TSA = "tsa";
    static final String OCSP = "ocsp";
    static final String SIGNER_PREFIX = "signer-";
    static final String ISSUING_CRL = "issuing-ca.crl";
    static final String ROOT_CRL = "root-ca.crl";
    static final String README = "README.md";

    /** The password of every sample PKCS#12 file; public on purpose (see certs-sample/README.md). */
    static final String SAMPLE_PASSWORD = "truongso-sample";

    private PkiFiles() {
    }

    static String pem(String name) {
        return name + ".pem";
    }

    static String p12(String name) {
        return name + ".p12";
    }

    static String signer(String username) {
        return SIGNER_PREFIX + username;
    }
}
