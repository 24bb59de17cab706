package vn.truongso.school;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.EnumSet;
import java.util.Set;

@Entity
@Table(name = "user_account")
class UserAccount {

    @Id
    private String username;
    @Column(name = "full_name")
    private String fullName;
    /** BCrypt; the clear password is never stored. */
    @Column(name = "password_hash")
    private String passwordHash;
    private String title;
    @Column(name = "organisation_code")
    private String organisationCode;
    @Column(name = "subject_group_id")
    private String subjectGroupId;
    private String subject;
    private String email;
    private boolean enabled = true;
    /** Quyền hiệu trưởng: appointed acting principal, signs as "Q. HIỆU TRƯỞNG". */
    private boolean acting;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_role", joinColumns = @JoinColumn(name = "username"))
    @Column(name = "role")
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    protected UserAccount() {
    }

    UserAccount(String username, String fullName, String passwordHash, String title, String organisationCode,
                String subjectGroupId, String subject, String email, Set<Role> roles) {
        this.username = username;
        this.fullName = fullName;
        this.passwordHash = passwordHash;
        this.title = title;
        this.organisationCode = organisationCode;
        this.subjectGroupId = subjectGroupId;
        this.subject = subject;
        this.email = email;
        this.roles = EnumSet.copyOf(roles);
    }

    String getUsername() {
        return username;
    }

    String getFullName() {
        return fullName;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    String getTitle() {
        return title;
    }

    String getOrganisationCode() {
        return organisationCode;
    }

    String getSubjectGroupId() {
        return subjectGroupId;
    }

    String getSubject() {
        return subject;
    }

    String getEmail() {
        return email;
    }

    boolean isEnabled() {
        return enabled;
    }

    boolean isActing() {
        return acting;
    }

    Set<Role> getRoles() {
        return roles;
    }
}
