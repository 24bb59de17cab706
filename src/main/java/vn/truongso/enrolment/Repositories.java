package vn.truongso.enrolment;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface AdmissionRoundRepository extends JpaRepository<AdmissionRound, UUID> {
    Optional<AdmissionRound> findBySchoolCodeAndEnrolmentYearAndGrade(String school, int year, int grade);

    List<AdmissionRound> findBySchoolCodeAndGradeOrderByEnrolmentYearDesc(String school, int grade);

    List<AdmissionRound> findAllByOrderByEnrolmentYearDescSchoolCodeAscGradeAsc();

    boolean existsBySchoolCode(String school);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from AdmissionRound r where r.id = ?1")
    Optional<AdmissionRound> lock(UUID id);
}

interface EnrolmentApplicationRepository extends JpaRepository<EnrolmentApplication, UUID> {
    boolean existsByActiveKey(String activeKey);

    Optional<EnrolmentApplication> findByActiveKey(String activeKey);

    org.springframework.data.domain.Page<EnrolmentApplication> findByParentUsername(String username,
            org.springframework.data.domain.Pageable page);

    org.springframework.data.domain.Page<EnrolmentApplication> findBySchoolCode(String school,
            org.springframework.data.domain.Pageable page);

    List<EnrolmentApplication> findByRoundIdOrderByAppliedAtAsc(UUID roundId);

    List<EnrolmentApplication> findByRoundIdAndStatus(UUID roundId, EnrolmentStatus status);

    List<EnrolmentApplication> findByParentUsernameOrderByAppliedAtDesc(String username);

    List<EnrolmentApplication> findBySchoolCodeOrderByAppliedAtDesc(String school);

    Optional<EnrolmentApplication> findByDecisionDocumentId(UUID documentId);

    List<EnrolmentApplication> findByRoundIdAndStatusIn(UUID roundId, Collection<EnrolmentStatus> statuses);
}

interface EnrolmentPaperRepository extends JpaRepository<EnrolmentPaper, Long> {
    List<EnrolmentPaper> findByApplicationIdOrderByAddedAtAscIdAsc(UUID applicationId);

    boolean existsByDocumentId(UUID documentId);
}
