package vn.truongso.school;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import vn.truongso.common.ApiException;
import vn.truongso.common.VietnamTime;

/**
 * Ký thay (giao quyền): the principal of a school, or an administrator of the school's organisation or above, gives
 * the principal's approvals to a vice-principal of the same school for a period, for one kind of approval
 * ({@link DelegationScope}) or all. While it is in force the vice-principal is offered the principal's tasks of those
 * processes and signs them as "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG". Overlapping delegations are allowed; a revoked or
 * ended one gives nothing. Every change goes into the audit trail ({@link DelegationChanged}).
 */
@Service
@Transactional
@Validated
public class Delegations {

    /** The longest period one delegation may cover: a school year. */
    static final int MAX_DAYS = 366;

    private final DelegationRepository delegations;
    private final UserDirectory users;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Delegations(DelegationRepository delegations, UserDirectory users, Clock clock, ApplicationEventPublisher events) {
        this.delegations = delegations;
        this.users = users;
        this.clock = clock;
        this.events = events;
    }

    /**
     * A delegation in force: the school's principal group whose tasks it opens, and for which processes.
     *
     * @param principalGroup the Camunda candidate group of the school's principals, e.g. {@code THCSHB.PRINCIPAL}
     */
    public record Grant(UUID id, String schoolCode, String principalGroup, DelegationScope scope, LocalDate validFrom,
                        LocalDate validTo) {

        /** Whether the principal's task of process {@code processKey} is covered. */
        public boolean covers(String processKey) {
            return scope.covers(processKey);
        }
    }

    /**
     * The delegations in force today (Vietnam time) for this person: only while they are still a vice-principal of
     * the delegation's school.
     */
    @Transactional(readOnly = true)
    public List<Grant> activeFor(CurrentUser user) {
        if (user == null || !user.has(Role.VICE_PRINCIPAL) || user.organisationCode() == null) {
            return List.of();
        }
        LocalDate today = today();
        return delegations.findByDelegateAndRevokedAtIsNullAndValidToGreaterThanEqual(user.username(), today).stream()
                .filter(d -> holds(user, d, today))
                .map(d -> new Grant(d.getId(), d.getSchoolCode(), Groups.role(d.getSchoolCode(), Role.PRINCIPAL),
                        d.getScope(), d.getValidFrom(), d.getValidTo()))
                .toList();
    }

    /**
     * Who acts today for the principals of a candidate group in a process: the vice-principals holding a delegation
     * in force that covers it, while they are still vice-principals of that school ({@link #activeFor}'s rule read
     * the other way round). Empty for any group but a school's principals.
     *
     * @param candidateGroup a task's candidate group, e.g. {@code THCSHB.PRINCIPAL}
     */
    @Transactional(readOnly = true)
    public List<String> actingFor(String candidateGroup, String processKey) {
        String school = Groups.organisationOf(candidateGroup, Role.PRINCIPAL);
        if (school == null) {
            return List.of();
        }
        LocalDate today = today();
        return delegations.findBySchoolCodeAndRevokedAtIsNullAndValidToGreaterThanEqual(school, today).stream()
                .filter(d -> d.getScope().covers(processKey)
                        && users.find(d.getDelegate()).filter(u -> holds(u, d, today)).isPresent())
                .map(Delegation::getDelegate).distinct().toList();
    }

    /** A delegation gives its delegate something today only while he is still a vice-principal of its school. */
    private static boolean holds(CurrentUser delegate, Delegation d, LocalDate today) {
        return d.activeOn(today) && delegate.has(Role.VICE_PRINCIPAL) && delegate.worksFor(d.getSchoolCode());
    }

    /**
     * Whether the person acts for the principal of {@code schoolCode} in this kind of approval: is its principal, or
     * holds a delegation in force that covers it.
     */
    @Transactional(readOnly = true)
    public boolean actsForPrincipal(CurrentUser user, String schoolCode, DelegationScope scope) {
        if (user.has(Role.PRINCIPAL) && user.worksFor(schoolCode)) {
            return true;
        }
        return activeFor(user).stream().anyMatch(g -> g.schoolCode().equals(schoolCode)
                && (g.scope() == DelegationScope.ALL || g.scope() == scope));
    }

    // ---- the API ------------------------------------------------------------------------------------------------

    /**
     * @param delegate   the vice-principal's username
     * @param validFrom  first day (Vietnam time), today or later
     * @param validTo    last day, included
     * @param scope      which approvals; ALL when omitted
     * @param schoolCode the school: the principal's own when omitted; required for an administrator
     */
    public record CreateRequest(
            @NotBlank(message = "{delegation.delegate.required}")
            @Size(max = 64, message = "{delegation.delegate.size}") String delegate,
            @NotNull(message = "{delegation.validFrom.required}") LocalDate validFrom,
            @NotNull(message = "{delegation.validTo.required}") LocalDate validTo,
            DelegationScope scope,
            @Size(max = 32, message = "{delegation.schoolCode.size}") String schoolCode,
            @Size(max = 500, message = "{delegation.note.size}") String note) {
    }

    public enum Status { UPCOMING, ACTIVE, EXPIRED, REVOKED }

    public record DelegationView(UUID id, String schoolCode, String delegate, String delegateName,
                                 DelegationScope scope, String scopeText, LocalDate validFrom, LocalDate validTo,
                                 Status status, String note, String createdBy, OffsetDateTime createdAt,
                                 String revokedBy, OffsetDateTime revokedAt) {

        /** Still to be ended: in force or yet to begin. */
        public boolean open() {
            return status == Status.ACTIVE || status == Status.UPCOMING;
        }
    }

    /** Checked here (Bean Validation), for the API and the pages alike. */
    public DelegationView create(@Valid CreateRequest req, CurrentUser caller) {
        String school = schoolToManage(req.schoolCode(), caller);
        CurrentUser delegate = users.find(req.delegate().strip())
                .filter(u -> u.has(Role.VICE_PRINCIPAL) && u.worksFor(school))
                .orElseThrow(() -> ApiException.badRequest("DELEGATE_NOT_VICE_PRINCIPAL",
                        "Người được giao ký thay phải là phó hiệu trưởng của chính trường này."));
        LocalDate today = today();
        if (req.validTo().isBefore(req.validFrom()) || req.validFrom().isBefore(today)) {
            throw ApiException.badRequest("DELEGATION_PERIOD_INVALID", "Thời hạn ký thay không hợp lệ: ngày bắt đầu "
                    + "từ hôm nay trở đi (không giao quyền lùi ngày) và không sau ngày kết thúc.");
        }
        if (ChronoUnit.DAYS.between(req.validFrom(), req.validTo()) + 1 > MAX_DAYS) {
            throw ApiException.badRequest("DELEGATION_PERIOD_TOO_LONG",
                    "Mỗi lần giao ký thay tối đa " + MAX_DAYS + " ngày (một năm học).");
        }
        DelegationScope scope = req.scope() == null ? DelegationScope.ALL : req.scope();
        String note = req.note() == null || req.note().isBlank() ? null : req.note().strip();
        Delegation d = delegations.save(new Delegation(UUID.randomUUID(), school, delegate.username(), scope,
                req.validFrom(), req.validTo(), note, caller.username(), clock.instant()));
        events.publishEvent(new DelegationChanged(d.getId(), DelegationChanged.Change.GRANTED, school,
                d.getDelegate(), scope, d.getValidFrom(), d.getValidTo(), caller.username()));
        return view(d, today);
    }

    /**
     * Principal: her school's; vice-principal: those given to him; administrator: the schools within reach (or the
     * one named, if within reach). Newest first.
     */
    @Transactional(readOnly = true)
    public List<DelegationView> list(CurrentUser caller, String school) {
        List<Delegation> found;
        if (caller.has(Role.ADMIN)) {
            if (school != null && !school.isBlank()) {
                requireWithinReach(caller, school.strip());
                found = delegations.findBySchoolCodeOrderByCreatedAtDesc(school.strip());
            } else {
                found = delegations.findBySchoolCodeInOrderByCreatedAtDesc(reach(caller));
            }
        } else if (caller.has(Role.PRINCIPAL) && caller.organisationCode() != null) {
            if (school != null && !school.isBlank() && !caller.worksFor(school.strip())) {
                throw ApiException.forbidden();
            }
            found = delegations.findBySchoolCodeOrderByCreatedAtDesc(caller.organisationCode());
        } else if (caller.has(Role.VICE_PRINCIPAL)) {
            found = delegations.findByDelegateOrderByCreatedAtDesc(caller.username());
        } else {
            throw ApiException.forbidden();
        }
        LocalDate today = today();
        return found.stream().sorted(Comparator.comparing(Delegation::getCreatedAt).reversed())
                .map(d -> view(d, today)).toList();
    }

    /**
     * Ends a delegation now. Whoever may give it may revoke it; the vice-principal it was given to sees it but may
     * not (403); anyone else: 404.
     */
    public void revoke(UUID id, CurrentUser caller) {
        Delegation d = delegations.findById(id).orElseThrow(() -> ApiException.notFound("việc giao ký thay"));
        boolean manages = caller.has(Role.ADMIN) ? withinReach(caller, d.getSchoolCode())
                : caller.has(Role.PRINCIPAL) && caller.worksFor(d.getSchoolCode());
        if (!manages) {
            if (caller.username().equals(d.getDelegate())) {
                throw ApiException.forbidden();
            }
            throw ApiException.notFound("việc giao ký thay");
        }
        if (d.getRevokedAt() != null) {
            throw new ApiException(HttpStatus.CONFLICT, "DELEGATION_ALREADY_REVOKED",
                    "Việc giao ký thay này đã được thu hồi trước đó.");
        }
        d.revoke(caller.username(), clock.instant());
        events.publishEvent(new DelegationChanged(d.getId(), DelegationChanged.Change.REVOKED, d.getSchoolCode(),
                d.getDelegate(), d.getScope(), d.getValidFrom(), d.getValidTo(), caller.username()));
    }

    /** The school a caller gives delegations for: a principal her own; an administrator one within reach. */
    private String schoolToManage(String requested, CurrentUser caller) {
        String school = requested == null || requested.isBlank() ? null : requested.strip();
        if (caller.has(Role.PRINCIPAL) && caller.organisationCode() != null
                && (school == null || caller.worksFor(school))) {
            return caller.organisationCode();
        }
        if (caller.has(Role.ADMIN)) {
            if (school == null) {
                throw ApiException.badRequest("DELEGATION_SCHOOL_REQUIRED",
                        "Hãy chọn trường (schoolCode) có hiệu trưởng giao ký thay.");
            }
            requireWithinReach(caller, school);
            return school;
        }
        throw ApiException.forbidden();
    }

    private void requireWithinReach(CurrentUser admin, String school) {
        if (!withinReach(admin, school)) {
            throw ApiException.forbidden();
        }
    }

    /** An administrator reaches his own organisation and every one below it. */
    private boolean withinReach(CurrentUser admin, String school) {
        return reach(admin).contains(school);
    }

    private Set<String> reach(CurrentUser admin) {
        if (admin.organisationCode() == null) {
            return Set.of();
        }
        Set<String> codes = users.below(admin.organisationCode()).stream().map(UserDirectory.OrganisationRef::code)
                .collect(Collectors.toCollection(java.util.HashSet::new));
        codes.add(admin.organisationCode());
        return codes;
    }

    private DelegationView view(Delegation d, LocalDate today) {
        Status status = d.getRevokedAt() != null ? Status.REVOKED
                : today.isBefore(d.getValidFrom()) ? Status.UPCOMING
                : today.isAfter(d.getValidTo()) ? Status.EXPIRED : Status.ACTIVE;
        String name = users.find(d.getDelegate()).map(CurrentUser::fullName).orElse(d.getDelegate());
        return new DelegationView(d.getId(), d.getSchoolCode(), d.getDelegate(), name, d.getScope(),
                d.getScope().text(), d.getValidFrom(), d.getValidTo(), status, d.getNote(), d.getCreatedBy(),
                VietnamTime.of(d.getCreatedAt()), d.getRevokedBy(),
                d.getRevokedAt() == null ? null : VietnamTime.of(d.getRevokedAt()));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(VietnamTime.ZONE));
    }
}
