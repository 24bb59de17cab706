package vn.truongso.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

/**
 * The root CA's CRL as the offline root signed it ({@code pki root-crl}, file {@code root-ca.crl} in the PKI
 * directory, PEM or DER): the running service holds no root key, so it only serves this file. It is read at start
 * (required) and again whenever the file changes; a replacement that is not a CRL signed by the root is ignored and
 * the last good one kept.
 */
final class RootCrl {

    private static final Logger log = LoggerFactory.getLogger(RootCrl.class);

    private final Resource file;
    private final X509Certificate root;
    private volatile Snapshot current;

    private record Snapshot(byte[] der, long lastModified, long length, Instant nextUpdate) {
    }

    RootCrl(Resource file, X509Certificate root) {
        this.file = file;
        this.root = root;
        try {
            this.current = read();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("The root CA's CRL " + PkiFiles.ROOT_CRL + " is missing or invalid ("
                    + e.getMessage() + "): sign one offline with `pki root-crl <directory>` and put it into the "
                    + "PKI directory", e);
        }
        warnIfStale(current);
    }

    /** DER, re-read first when the file on disk changed. */
    byte[] current() {
        Snapshot s = current;
        if (changed(s)) {
            synchronized (this) {
                s = current;
                if (changed(s)) {
                    try {
                        Snapshot fresh = read();
                        log.info("School PKI: root CA's CRL reloaded from {} (next update {})", file.getDescription(),
                                fresh.nextUpdate());
                        warnIfStale(fresh);
                        current = s = fresh;
                    } catch (IOException | GeneralSecurityException e) {
                        log.warn("School PKI: {} changed but cannot be used ({}); still serving the previous one",
                                file.getDescription(), e.getMessage());
                        // Do not try again until it changes once more.
                        current = s = new Snapshot(s.der(), lastModified(), length(), s.nextUpdate());
                    }
                }
            }
        }
        return s.der().clone();
    }

    private boolean changed(Snapshot s) {
        return file.isFile() && (lastModified() != s.lastModified() || length() != s.length());
    }

    private Snapshot read() throws IOException, GeneralSecurityException {
        long modified = lastModified();
        long length = length();
        byte[] bytes;
        try (InputStream in = file.getInputStream()) {
            bytes = in.readNBytes(1 << 20);
        }
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(bytes));
        if (!crl.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
            throw new GeneralSecurityException("not issued by the root CA");
        }
        crl.verify(root.getPublicKey());
        return new Snapshot(crl.getEncoded(), modified, length,
                crl.getNextUpdate() == null ? Instant.MAX : crl.getNextUpdate().toInstant());
    }

    private void warnIfStale(Snapshot s) {
        if (s.nextUpdate().isBefore(Instant.now())) {
            log.warn("School PKI: the root CA's CRL expired on {}: sign a new one offline (`pki root-crl`)",
                    s.nextUpdate());
        }
    }

    private long lastModified() {
        try {
            return file.isFile() ? file.lastModified() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private long length() {
        try {
            return file.isFile() ? file.contentLength() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
