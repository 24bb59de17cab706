package vn.truongso.school;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

interface OrganisationRepository extends JpaRepository<Organisation, String> {
    List<Organisation> findByParentCode(String parentCode);
}

interface SubjectGroupRepository extends JpaRepository<SubjectGroup, String> {
    List<SubjectGroup> findBySchoolCodeOrderByName(String schoolCode);
}

interface UserAccountRepository extends JpaRepository<UserAccount, String> {
    /** With the roles in the same query: every request reads its user. */
    @Override
    @EntityGraph(attributePaths = "roles")
    Optional<UserAccount> findById(String username);

    /** With their roles in the same query: a task's candidates are looked up for every task created. */
    @EntityGraph(attributePaths = "roles")
    List<UserAccount> findByOrganisationCode(String organisationCode);

    @org.springframework.data.jpa.repository.Query("select u.username from UserAccount u where u.organisationCode in :codes")
    List<String> usernamesIn(java.util.Collection<String> codes);
}

interface DelegationRepository extends JpaRepository<Delegation, java.util.UUID> {
    /** Not revoked and not over by {@code day}: those that may be in force now or later. */
    List<Delegation> findByDelegateAndRevokedAtIsNullAndValidToGreaterThanEqual(String delegate,
                                                                               java.time.LocalDate day);

    List<Delegation> findBySchoolCodeOrderByCreatedAtDesc(String schoolCode);

    List<Delegation> findBySchoolCodeAndRevokedAtIsNullAndValidToGreaterThanEqual(String schoolCode,
                                                                                 java.time.LocalDate day);

    List<Delegation> findBySchoolCodeInOrderByCreatedAtDesc(java.util.Collection<String> schoolCodes);

    List<Delegation> findByDelegateOrderByCreatedAtDesc(String delegate);
}
