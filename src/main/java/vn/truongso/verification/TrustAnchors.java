package vn.truongso.verification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** Reads trust anchors: X.509 certificates in PEM (one or more per file) or DER. */
final class TrustAnchors {

    private static final Logger log = LoggerFactory.getLogger(TrustAnchors.class);

    private TrustAnchors() {
    }

    /**
     * A location that does not exist is skipped with a warning (the sample PKI may create it later); one that exists
     * but holds no certificate is a configuration error.
     */
    static List<X509Certificate> fromResources(List<String> locations, ResourceLoader loader) {
        List<X509Certificate> out = new ArrayList<>();
        for (String location : locations) {
            if (location == null || location.isBlank()) {
                continue;
            }
            Resource r = loader.getResource(location.strip());
            if (!r.exists()) {
                log.warn("Trust anchor {} does not exist; signatures chaining to it will not be trusted", location);
                continue;
            }
            try (InputStream in = r.getInputStream()) {
                out.addAll(read(in, location));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read trust anchor " + location, e);
            }
        }
        return out;
    }

    static List<X509Certificate> fromFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    private static List<X509Certificate> read(InputStream in, String where) {
        try {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("No certificate in trust anchor " + where);
            }
            return certs;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("Not a certificate (PEM or DER): " + where, e);
        }
    }
}
