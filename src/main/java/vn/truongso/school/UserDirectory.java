package vn.truongso.school;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;

/** Who is who: the public face of the school module for every other capability. */
@Service
@Transactional(readOnly = true)
public class UserDirectory {

    private final UserAccountRepository users;
    private final OrganisationRepository organisations;
    private final SubjectGroupRepository subjectGroups;

    UserDirectory(UserAccountRepository users, OrganisationRepository organisations,
                  SubjectGroupRepository subjectGroups) {
        this.users = users;
        this.organisations = organisations;
        this.subjectGroups = subjectGroups;
    }

    /** The person behind the current request; 401 is handled by security before we get here. */
    public CurrentUser current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw ApiException.forbidden();
        }
        if (auth.getDetails() instanceof CurrentUser read && read.username().equals(auth.getName())) {
            return read; // read from the database by this request's bearer-token check
        }
        return find(auth.getName()).orElseThrow(ApiException::forbidden);
    }

    public Optional<CurrentUser> find(String username) {
        return users.findById(username).filter(UserAccount::isEnabled).map(this::view);
    }

    /** A person's e-mail address (issue 14), when they are enabled and have one. */
    public Optional<String> emailOf(String username) {
        return users.findById(username).filter(UserAccount::isEnabled).map(UserAccount::getEmail)
                .filter(e -> !e.isBlank()).map(String::strip);
    }

    public List<CurrentUser> all() {
        return users.findAll().stream().filter(UserAccount::isEnabled).map(this::view)
                .sorted(Comparator.comparing(CurrentUser::username)).toList();
    }

    /** Everyone in a Camunda candidate group (used for notifications to a whole group). */
    public List<CurrentUser> membersOf(String groupId) {
        int dot = groupId.lastIndexOf('.');
        if (dot < 0 || Groups.CAMUNDA_ADMIN.equals(groupId)) {
            return all().stream().filter(u -> u.groups().contains(groupId)).toList();
        }
        // Group ids start with their organisation or subject group, so only that school's people are read.
        String prefix = groupId.substring(0, dot);
        String org = subjectGroups.findById(prefix).map(SubjectGroup::getSchoolCode).orElse(prefix);
        return users.findByOrganisationCode(org).stream().filter(UserAccount::isEnabled).map(this::view)
                .filter(u -> u.groups().contains(groupId)).toList();
    }

    public Optional<String> organisationName(String code) {
        return organisations.findById(code).map(Organisation::getName);
    }

    public Optional<String> subjectGroupName(String id) {
        return subjectGroups.findById(id).map(SubjectGroup::getName);
    }

    /** A subject group (tổ chuyên môn) as other capabilities see it. */
    public record SubjectGroupRef(String id, String name) {
    }

    /** The subject groups of one school, by name. */
    public List<SubjectGroupRef> subjectGroupsOf(String schoolCode) {
        return subjectGroups.findBySchoolCodeOrderByName(schoolCode).stream()
                .map(g -> new SubjectGroupRef(g.getId(), g.getName())).toList();
    }

    /** An organisation as other capabilities see it; {@code kind} is one of {@code truongso.organisation.kinds}. */
    public record OrganisationRef(String code, String name, String kind, String parentCode) {
    }

    public Optional<OrganisationRef> organisation(String code) {
        return organisations.findById(code)
                .map(o -> new OrganisationRef(o.getCode(), o.getName(), o.getKind(), o.getParentCode()));
    }

    /** Every organisation below {@code code} in the tree (not itself), e.g. the schools under an education office. */
    public List<OrganisationRef> below(String code) {
        List<Organisation> all = organisations.findAll();
        List<OrganisationRef> out = new ArrayList<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(code));
        while (!todo.isEmpty()) {
            String parent = todo.pop();
            for (Organisation o : all) {
                if (parent.equals(o.getParentCode())) {
                    out.add(new OrganisationRef(o.getCode(), o.getName(), o.getKind(), o.getParentCode()));
                    todo.push(o.getCode());
                }
            }
        }
        out.sort(Comparator.comparing(OrganisationRef::code));
        return out;
    }

    /**
     * Whether a person belongs to {@code organisationCode} or to an organisation below it: how far an administrator
     * of that organisation reaches (people without an organisation, parents, are within no one's).
     */
    public boolean within(String organisationCode, String username) {
        return find(username).map(u -> u.organisationCode() != null && reach(organisationCode)
                .contains(u.organisationCode())).orElse(false);
    }

    /** The usernames of everyone within {@link #within reach} of an administrator of {@code organisationCode}. */
    public java.util.Set<String> usernamesWithin(String organisationCode) {
        return new java.util.HashSet<>(users.usernamesIn(reach(organisationCode)));
    }

    private java.util.Set<String> reach(String organisationCode) {
        java.util.Set<String> codes = new java.util.HashSet<>();
        codes.add(organisationCode);
        below(organisationCode).forEach(o -> codes.add(o.code()));
        return codes;
    }

    /** The school year (năm học) a date falls in: it starts in September, e.g. "2026-2027". */
    public static String schoolYear(java.time.LocalDate date) {
        int start = date.getMonthValue() >= 8 ? date.getYear() : date.getYear() - 1;
        return start + "-" + (start + 1);
    }

    List<OrganisationView> organisations() {
        return organisations.findAll().stream()
                .map(o -> new OrganisationView(o.getCode(), o.getName(), o.getKind(), o.getParentCode())).toList();
    }

    record OrganisationView(String code, String name, String kind, String parentCode) {
    }

    /** Camunda groups with display names, derived from roles and subject groups. */
    List<GroupView> groups() {
        List<GroupView> out = new ArrayList<>();
        out.add(new GroupView(Groups.CAMUNDA_ADMIN, "Quản trị hệ thống", "SYSTEM", null));
        for (Organisation o : organisations.findAll()) {
            for (Role r : Role.values()) {
                if (r != Role.ADMIN && r != Role.PARENT) {
                    out.add(new GroupView(Groups.role(o.getCode(), r), r.name() + " – " + o.getName(), "ROLE",
                            o.getCode()));
                }
            }
        }
        for (SubjectGroup g : subjectGroups.findAll()) {
            out.add(new GroupView(Groups.membersOf(g.getId()), g.getName(), "SUBJECT_GROUP", g.getSchoolCode()));
            out.add(new GroupView(Groups.headsOf(g.getId()), "Tổ trưởng – " + g.getName(), "SUBJECT_GROUP_HEAD",
                    g.getSchoolCode()));
        }
        return out;
    }

    record GroupView(String id, String name, String type, String organisationCode) {
    }

    private CurrentUser view(UserAccount u) {
        List<String> groups = new ArrayList<>();
        for (Role r : u.getRoles()) {
            if (r == Role.ADMIN) {
                groups.add(Groups.CAMUNDA_ADMIN);
            } else if (u.getOrganisationCode() != null && r != Role.PARENT) {
                groups.add(Groups.role(u.getOrganisationCode(), r));
            }
        }
        if (u.getSubjectGroupId() != null) {
            groups.add(Groups.membersOf(u.getSubjectGroupId()));
            if (u.getRoles().contains(Role.HEAD)) {
                groups.add(Groups.headsOf(u.getSubjectGroupId()));
            }
        }
        String orgName = u.getOrganisationCode() == null ? null
                : organisations.findById(u.getOrganisationCode()).map(Organisation::getName).orElse(null);
        return new CurrentUser(u.getUsername(), u.getFullName(), u.getTitle(), u.getOrganisationCode(), orgName,
                u.getRoles(), u.getSubjectGroupId(), List.copyOf(groups), u.isActing());
    }

    String passwordHash(String username) {
        return users.findById(username).filter(UserAccount::isEnabled).map(UserAccount::getPasswordHash).orElse(null);
    }
}
