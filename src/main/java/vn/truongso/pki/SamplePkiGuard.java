package vn.truongso.pki;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.springframework.core.io.ClassPathResource;

/**
 * Production never runs on a sample PKI: its private keys and password are public, so anyone could sign "for the
 * school". A PKI is a sample when its root is the one packaged in the jar (compared by fingerprint, so a copy of
 * certs-sample/ on disk is caught too) or when its root says SAMPLE ({@code pki init --sample}).
 */
final class SamplePkiGuard {

    static final String SAMPLE_DIR = "classpath:certs-sample/";

    private SamplePkiGuard() {
    }

    static boolean isSample(X509Certificate root) {
        return root.getSubjectX500Principal().getName().contains("SAMPLE") || Arrays.equals(sha256(root),
                sha256(packagedSampleRoot()));
    }

    /** @throws IllegalStateException in production on a sample PKI, saying what to do instead */
    static void refuseInProduction(boolean production, String dir, X509Certificate root) {
        if (production && isSample(root)) {
            throw new IllegalStateException("""
                    Production (profile prod) refuses to start on the SAMPLE school PKI from %s: its private keys \
                    and password are public, anyone could sign in the school's name. Make the school's own PKI once \
                    with `java -jar truongso.jar pki init /var/lib/truongso/pki --base-url https://<this service>` \
                    (password from TRUONGSO_PKI_PASSWORD, --password-file or the prompt), move root-ca.p12 offline, \
                    and start with TRUONGSO_PKI_DIR=/var/lib/truongso/pki and TRUONGSO_PKI_PASSWORD set."""
                    .formatted(dir.strip()));
        }
    }

    private static X509Certificate packagedSampleRoot() {
        try (InputStream in = new ClassPathResource("certs-sample/" + PkiFiles.pem(PkiFiles.ROOT)).getInputStream()) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("The packaged sample root certificate cannot be read", e);
        }
    }

    private static byte[] sha256(X509Certificate cert) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
