package vn.truongso.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes, reads and checks the audit trail. An entry recorded inside a transaction is appended to the chain just
 * before that transaction commits, on the same connection: the chain head stays locked only for the commit, an action
 * that rolls back leaves no entry, and an entry that cannot be written rolls the action back. Outside a transaction
 * the entry is appended in one of its own. Nothing here updates or deletes an entry.
 */
@Service
class AuditLog {

    /** The actor and address of what no person did over HTTP: the job executor, start-up. */
    static final String SYSTEM = "system/job";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate readTx;
    private final Clock clock;

    AuditLog(JdbcTemplate jdbc, PlatformTransactionManager txManager, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
        this.readTx = new TransactionTemplate(txManager);
        this.readTx.setReadOnly(true);
        this.clock = clock;
    }

    /**
     * Records one action. Who: {@code actor}, else the signed-in user, else {@link #SYSTEM}; from where: the current
     * HTTP request's client address, else {@link #SYSTEM}; when: now.
     */
    void record(String actor, String organisation, String action, String targetType, String targetId,
                UUID documentId, String digestBefore, String digestAfter, String details) {
        AuditRecord r = new AuditRecord(clock.instant().truncatedTo(ChronoUnit.MICROS), actor(actor), organisation,
                action, targetType, targetId == null ? "" : targetId, documentId, digestBefore, digestAfter,
                remoteAddress(), shorten(details));
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            Pending p = pending();
            if (p.appended) {
                append(List.of(r)); // recorded while the transaction commits: still in it
            } else {
                p.records.add(r);
            }
        } else {
            tx.executeWithoutResult(s -> append(List.of(r)));
        }
    }

    List<AuditChain.Entry> append(List<AuditRecord> records) {
        return jdbc.execute((ConnectionCallback<List<AuditChain.Entry>>) c -> AuditChain.append(c, records));
    }

    /** The whole chain checked, as the {@code audit verify} command does. */
    AuditChain.Verification verify() {
        return readTx.execute(s -> jdbc.execute((ConnectionCallback<AuditChain.Verification>) AuditChain::verify));
    }

    /**
     * Entries oldest first, optionally of one document and/or one organisation.
     *
     * @param organisation null for every organisation
     */
    Page find(UUID documentId, String organisation, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (documentId != null) {
            where.append(" and document_id = ?");
            args.add(documentId);
        }
        if (organisation != null) {
            where.append(" and organisation = ?");
            args.add(organisation);
        }
        return readTx.execute(s -> {
            Long total = jdbc.queryForObject("select count(*) from audit_entry" + where, Long.class, args.toArray());
            List<Object> paged = new ArrayList<>(args);
            paged.add(size);
            paged.add((long) page * size);
            List<AuditChain.Entry> entries = jdbc.query("select " + AuditChain.selectColumns() + " from audit_entry"
                    + where + " order by seq limit ? offset ?", (rs, n) -> AuditChain.read(rs), paged.toArray());
            return new Page(entries, total == null ? 0 : total);
        });
    }

    record Page(List<AuditChain.Entry> entries, long total) {
    }

    private Pending pending() {
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Pending p && p.owner() == this) {
                return p;
            }
        }
        Pending p = new Pending();
        TransactionSynchronizationManager.registerSynchronization(p);
        return p;
    }

    /** The entries of one transaction, appended just before it commits. */
    private final class Pending implements TransactionSynchronization {
        final List<AuditRecord> records = new ArrayList<>();
        boolean appended;

        AuditLog owner() {
            return AuditLog.this;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!records.isEmpty()) {
                append(List.copyOf(records));
            }
            appended = true;
        }
    }

    private static String actor(String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)
                && auth.getName() != null) {
            return auth.getName();
        }
        return SYSTEM;
    }

    private static String remoteAddress() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            try {
                String address = servlet.getRequest().getRemoteAddr();
                return address == null ? SYSTEM : address;
            } catch (IllegalStateException finished) {
                return SYSTEM;
            }
        }
        return SYSTEM;
    }

    private static String shorten(String details) {
        return details == null || details.length() <= 1000 ? details : details.substring(0, 997) + "…";
    }
}
