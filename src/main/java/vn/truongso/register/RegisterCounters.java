package vn.truongso.register;

import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The next number of a register. The counter row of (organisation, year, register) is locked with
 * {@code SELECT ... FOR UPDATE} and raised in the caller's transaction: whoever issues next waits until that
 * transaction ends, a commit keeps the number and a rollback gives it back — no number repeats, none is skipped.
 */
@Component
class RegisterCounters {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;

    RegisterCounters(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Takes the next number; must run inside the transaction that records the entry. */
    @Transactional(propagation = Propagation.MANDATORY)
    int next(String organisationCode, int year, RegisterKind kind) {
        Integer last = lock(organisationCode, year, kind);
        if (last == null) {
            create(organisationCode, year, kind);
            last = lock(organisationCode, year, kind);
            if (last == null) {
                throw new IllegalStateException("register counter missing after creation");
            }
        }
        int next = last + 1;
        jdbc.update("update register_counter set last_number = ? where organisation_code = ? and register_year = ?"
                + " and register_kind = ?", next, organisationCode, year, kind.name());
        return next;
    }

    private Integer lock(String organisationCode, int year, RegisterKind kind) {
        List<Integer> found = jdbc.queryForList("select last_number from register_counter where organisation_code = ?"
                + " and register_year = ? and register_kind = ? for update", Integer.class, organisationCode, year,
                kind.name());
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The year's first number: the row is made in a transaction of its own (committed at once, so every concurrent
     * issuer then locks the same row); when another issuer made it first, its row is used.
     */
    private void create(String organisationCode, int year, RegisterKind kind) {
        try {
            newTransaction.executeWithoutResult(s -> jdbc.update("insert into register_counter (organisation_code,"
                    + " register_year, register_kind, last_number) values (?, ?, ?, 0)", organisationCode, year,
                    kind.name()));
        } catch (DataIntegrityViolationException alreadyThere) {
            // made by a concurrent issuer: fine
        }
    }
}
