package vn.truongso.pki;

import java.math.BigInteger;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The crl_number table: one row per CA, locked ({@code SELECT ... FOR UPDATE}) and raised in a transaction of its
 * own for each CRL, so every node on the database takes a number nobody else took, and numbers only grow (RFC 5280
 * §5.2.3). Numbers never fall below the time in milliseconds, which is what earlier versions used, so a CRL signed
 * after the upgrade still has a higher number than one signed before it.
 */
@Repository
class CrlNumbers {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;

    CrlNumbers(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The next number of this CA's CRL: above every number taken so far, and at least {@code atLeast}. */
    long next(BigInteger caSerial, long atLeast) {
        String ca = RevocationStore.hex(caSerial);
        while (true) {
            Long next = newTransaction.execute(s -> {
                List<Long> last = jdbc.queryForList("select last_number from crl_number where ca_serial_hex = ?"
                        + " for update", Long.class, ca);
                if (last.isEmpty()) {
                    return null;
                }
                long n = Math.max(last.get(0) + 1, atLeast);
                jdbc.update("update crl_number set last_number = ? where ca_serial_hex = ?", n, ca);
                return n;
            });
            if (next != null) {
                return next;
            }
            try {
                newTransaction.executeWithoutResult(s -> jdbc.update(
                        "insert into crl_number (ca_serial_hex, last_number) values (?, 0)", ca));
            } catch (DataIntegrityViolationException madeElsewhere) {
                // another node made the row first: take the next number from it
            }
        }
    }
}
