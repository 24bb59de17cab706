package vn.truongso.school;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface OrganisationRepository extends JpaRepository<Organisation, String> {
    List<Organisation> findByParentCode(String parentCode);
}

interface SubjectGroupRepository extends JpaRepository<SubjectGroup, String> {
}

interface UserAccountRepository extends JpaRepository<UserAccount, String> {
    List<UserAccount> findByOrganisationCode(String organisationCode);

    @org.springframework.data.jpa.repository.Query("select u.username from UserAccount u where u.organisationCode in :codes")
    List<String> usernamesIn(java.util.Collection<String> codes);
}
