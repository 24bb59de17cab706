package vn.truongso.lessonplan;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** Kế hoạch bài dạy submitted for approval; its bytes live in the document it points to. */
@Entity
@Table(name = "lesson_plan")
class LessonPlan {

    @Id
    private UUID id;
    @Column(name = "document_id")
    private UUID documentId;
    @Column(name = "school_code")
    private String schoolCode;
    @Column(name = "subject_group_id")
    private String subjectGroupId;
    @Column(name = "teacher_username")
    private String teacherUsername;
    private String subject;
    private int grade;
    @Column(name = "lesson_title")
    private String lessonTitle;
    private int week;
    @Column(name = "school_year")
    private String schoolYear;
    @Enumerated(EnumType.STRING)
    private LessonPlanStatus status;
    /** What the last approval did to the document: signed, or only recorded. */
    @Column(name = "signature_note")
    private String signatureNote;
    @Column(name = "returned_at_version")
    private Integer returnedAtVersion;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "approved_at")
    private Instant approvedAt;
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected LessonPlan() {
    }

    LessonPlan(UUID documentId, String schoolCode, String subjectGroupId, String teacherUsername, String subject,
               int grade, String lessonTitle, int week, String schoolYear, Instant submittedAt) {
        this.id = UUID.randomUUID();
        this.documentId = documentId;
        this.schoolCode = schoolCode;
        this.subjectGroupId = subjectGroupId;
        this.teacherUsername = teacherUsername;
        this.subject = subject;
        this.grade = grade;
        this.lessonTitle = lessonTitle;
        this.week = week;
        this.schoolYear = schoolYear;
        this.submittedAt = submittedAt;
        this.status = LessonPlanStatus.HEAD_REVIEW;
    }

    void started(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    void moveTo(LessonPlanStatus status) {
        this.status = status;
    }

    void returnedAt(int documentVersion) {
        this.returnedAtVersion = documentVersion;
    }

    void signatureNote(String note) {
        this.signatureNote = note;
    }

    void approve(Instant at) {
        this.status = LessonPlanStatus.APPROVED;
        this.approvedAt = at;
    }

    UUID getId() {
        return id;
    }

    UUID getDocumentId() {
        return documentId;
    }

    String getSchoolCode() {
        return schoolCode;
    }

    String getSubjectGroupId() {
        return subjectGroupId;
    }

    String getTeacherUsername() {
        return teacherUsername;
    }

    String getSubject() {
        return subject;
    }

    int getGrade() {
        return grade;
    }

    String getLessonTitle() {
        return lessonTitle;
    }

    int getWeek() {
        return week;
    }

    String getSchoolYear() {
        return schoolYear;
    }

    LessonPlanStatus getStatus() {
        return status;
    }

    String getSignatureNote() {
        return signatureNote;
    }

    Integer getReturnedAtVersion() {
        return returnedAtVersion;
    }

    String getProcessInstanceId() {
        return processInstanceId;
    }

    Instant getSubmittedAt() {
        return submittedAt;
    }

    Instant getApprovedAt() {
        return approvedAt;
    }
}
