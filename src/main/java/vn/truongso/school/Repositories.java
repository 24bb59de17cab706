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
}
