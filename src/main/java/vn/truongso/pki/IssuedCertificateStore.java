package vn.truongso.pki;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The issued_certificate table: what the issuing CA signed while running, so every node and every restart knows it. */
@Repository
class IssuedCertificateStore {

    private final JdbcTemplate jdbc;

    IssuedCertificateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(X509Certificate cert, Instant at) {
        try {
            jdbc.update("insert into issued_certificate (serial_hex, der_base64, issued_at) values (?, ?, ?)",
                    RevocationStore.hex(cert.getSerialNumber()), Base64.getEncoder().encodeToString(cert.getEncoded()),
                    OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<X509Certificate> find(BigInteger serial) {
        return jdbc.query("select der_base64 from issued_certificate where serial_hex = ?",
                (rs, n) -> parse(rs.getString(1)), RevocationStore.hex(serial)).stream().findFirst();
    }

    List<X509Certificate> all() {
        return jdbc.query("select der_base64 from issued_certificate order by issued_at, serial_hex",
                (rs, n) -> parse(rs.getString(1)));
    }

    private static X509Certificate parse(String base64) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (CertificateException e) {
            throw new IllegalStateException("Unreadable certificate in issued_certificate", e);
        }
    }
}
