package vn.truongso.lessonplan;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface LessonPlanRepository extends JpaRepository<LessonPlan, UUID> {
    boolean existsByDocumentIdAndStatusIn(UUID documentId, Collection<LessonPlanStatus> statuses);

    Page<LessonPlan> findByTeacherUsernameOrderBySubmittedAtDesc(String teacher, Pageable page);

    Page<LessonPlan> findBySchoolCodeAndSubjectGroupIdOrderBySubmittedAtDesc(String school, String group, Pageable page);

    Page<LessonPlan> findBySchoolCodeOrderBySubmittedAtDesc(String school, Pageable page);

    List<LessonPlan> findByDocumentIdInOrderBySubmittedAtAsc(Collection<UUID> documentIds);
}

interface ProfessionalRecordRepository extends JpaRepository<ProfessionalRecord, Long> {
    List<ProfessionalRecord> findByTeacherUsernameAndSchoolYearOrderByFiledAtDesc(String teacher, String schoolYear);

    List<ProfessionalRecord> findByTeacherUsernameOrderByFiledAtDesc(String teacher);
}
