package vn.truongso.school;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One delegation (giao quyền ký thay) of the school's principal's approvals to a vice-principal, for a period. */
@Entity
@Table(name = "delegation")
class Delegation {

    @Id
    private UUID id;
    @Column(name = "school_code")
    private String schoolCode;
    private String delegate;
    @Enumerated(EnumType.STRING)
    private DelegationScope scope;
    @Column(name = "valid_from")
    private LocalDate validFrom;
    @Column(name = "valid_to")
    private LocalDate validTo;
    private String note;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "revoked_by")
    private String revokedBy;
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected Delegation() {
    }

    Delegation(UUID id, String schoolCode, String delegate, DelegationScope scope, LocalDate validFrom,
               LocalDate validTo, String note, String createdBy, Instant createdAt) {
        this.id = id;
        this.schoolCode = schoolCode;
        this.delegate = delegate;
        this.scope = scope;
        this.validFrom = validFrom;
        this.validTo = validTo;
        this.note = note;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** In force on {@code day} (both ends included) and not revoked. */
    boolean activeOn(LocalDate day) {
        return revokedAt == null && !day.isBefore(validFrom) && !day.isAfter(validTo);
    }

    void revoke(String by, Instant at) {
        this.revokedBy = by;
        this.revokedAt = at;
    }

    UUID getId() {
        return id;
    }

    String getSchoolCode() {
        return schoolCode;
    }

    String getDelegate() {
        return delegate;
    }

    DelegationScope getScope() {
        return scope;
    }

    LocalDate getValidFrom() {
        return validFrom;
    }

    LocalDate getValidTo() {
        return validTo;
    }

    String getNote() {
        return note;
    }

    String getCreatedBy() {
        return createdBy;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    String getRevokedBy() {
        return revokedBy;
    }

    Instant getRevokedAt() {
        return revokedAt;
    }
}
