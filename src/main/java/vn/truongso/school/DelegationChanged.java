package vn.truongso.school;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A delegation of the principal's approvals (ký thay) was given or revoked. Published inside the transaction that
 * changes it, for the audit trail.
 *
 * @param actor who gave or revoked it (the principal, or an administrator above the school)
 */
public record DelegationChanged(UUID delegationId, Change change, String schoolCode, String delegate,
                                DelegationScope scope, LocalDate validFrom, LocalDate validTo, String actor) {

    public enum Change { GRANTED, REVOKED }
}
