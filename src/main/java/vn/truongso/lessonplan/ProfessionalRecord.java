package vn.truongso.lessonplan;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An entry in a teacher's professional records (hồ sơ chuyên môn) for one school year. */
@Entity
@Table(name = "professional_record")
class ProfessionalRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "teacher_username")
    private String teacherUsername;
    @Column(name = "school_code")
    private String schoolCode;
    @Column(name = "school_year")
    private String schoolYear;
    @Column(name = "lesson_plan_id")
    private UUID lessonPlanId;
    @Column(name = "document_id")
    private UUID documentId;
    @Column(name = "document_version")
    private int documentVersion;
    private String title;
    @Column(name = "filed_at")
    private Instant filedAt;

    protected ProfessionalRecord() {
    }

    ProfessionalRecord(LessonPlan plan, int documentVersion, String title, Instant filedAt) {
        this.teacherUsername = plan.getTeacherUsername();
        this.schoolCode = plan.getSchoolCode();
        this.schoolYear = plan.getSchoolYear();
        this.lessonPlanId = plan.getId();
        this.documentId = plan.getDocumentId();
        this.documentVersion = documentVersion;
        this.title = title;
        this.filedAt = filedAt;
    }

    Long getId() {
        return id;
    }

    String getSchoolYear() {
        return schoolYear;
    }

    UUID getLessonPlanId() {
        return lessonPlanId;
    }

    UUID getDocumentId() {
        return documentId;
    }

    int getDocumentVersion() {
        return documentVersion;
    }

    String getTitle() {
        return title;
    }

    Instant getFiledAt() {
        return filedAt;
    }
}
