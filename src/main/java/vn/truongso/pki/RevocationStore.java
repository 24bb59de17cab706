package vn.truongso.pki;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The revoked_certificate table. Plain JDBC: an insert must fail, not merge, when the serial is already there. */
@Repository
class RevocationStore {

    private final JdbcTemplate jdbc;

    RevocationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static String hex(BigInteger serial) {
        return serial.toString(16);
    }

    /** @throws DuplicateKeyException when the certificate is already revoked */
    void insert(Revocation r) {
        jdbc.update("insert into revoked_certificate (serial_hex, reason, revoked_at, revoked_by) values (?, ?, ?, ?)",
                hex(r.serial()), r.reason().code(), OffsetDateTime.ofInstant(r.revokedAt(), ZoneOffset.UTC),
                r.revokedBy());
    }

    Optional<Revocation> find(BigInteger serial) {
        return jdbc.query("select * from revoked_certificate where serial_hex = ?", RevocationStore::row, hex(serial))
                .stream().findFirst();
    }

    List<Revocation> all() {
        return jdbc.query("select * from revoked_certificate order by revoked_at, serial_hex", RevocationStore::row);
    }

    private static Revocation row(ResultSet rs, int n) throws SQLException {
        int code = rs.getInt("reason");
        return new Revocation(new BigInteger(rs.getString("serial_hex"), 16),
                RevocationReason.ofCode(code).orElse(RevocationReason.UNSPECIFIED),
                rs.getObject("revoked_at", OffsetDateTime.class).toInstant(), rs.getString("revoked_by"));
    }
}
