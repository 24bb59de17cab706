package vn.truongso.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Đợt báo cáo: an education office asks schools for one report by a deadline. */
@Entity
@Table(name = "report_campaign")
class ReportCampaign {

    @Id
    private UUID id;
    @Column(name = "office_code")
    private String officeCode;
    private String title;
    @Enumerated(EnumType.STRING)
    private ReportPeriod period;
    /** The date as the office wrote it. */
    private LocalDate deadline;
    /** The moment it passes: the end of that date in Vietnam ({@link ReportDeadlines#endOf}). */
    @Column(name = "deadline_at")
    private Instant deadlineAt;
    @Column(name = "template_document_id")
    private UUID templateDocumentId;
    @Column(name = "opened_by")
    private String openedBy;
    @Column(name = "opened_at")
    private Instant openedAt;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Column(name = "schedule_id")
    private Long scheduleId;
    @Column(name = "schedule_year")
    private Integer scheduleYear;
    @Column(name = "reminded_at")
    private Instant remindedAt;
    @Column(name = "deadline_passed_at")
    private Instant deadlinePassedAt;
    @Column(name = "closed_at")
    private Instant closedAt;

    protected ReportCampaign() {
    }

    ReportCampaign(String officeCode, String title, ReportPeriod period, LocalDate deadline, Instant deadlineAt,
                   UUID templateDocumentId, String openedBy, Instant openedAt, Long scheduleId, Integer scheduleYear) {
        this.id = UUID.randomUUID();
        this.officeCode = officeCode;
        this.title = title;
        this.period = period;
        this.deadline = deadline;
        this.deadlineAt = deadlineAt;
        this.templateDocumentId = templateDocumentId;
        this.openedBy = openedBy;
        this.openedAt = openedAt;
        this.scheduleId = scheduleId;
        this.scheduleYear = scheduleYear;
    }

    void started(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    void reminded(Instant at) {
        this.remindedAt = at;
    }

    void deadlinePassed(Instant at) {
        this.deadlinePassedAt = at;
    }

    void closed(Instant at) {
        this.closedAt = at;
    }

    /** A submission at {@code at} is late: after the deadline, or once the deadline was declared passed. */
    boolean lateAt(Instant at) {
        return !at.isBefore(deadlineAt) || deadlinePassedAt != null;
    }

    UUID getId() {
        return id;
    }

    String getOfficeCode() {
        return officeCode;
    }

    String getTitle() {
        return title;
    }

    ReportPeriod getPeriod() {
        return period;
    }

    LocalDate getDeadline() {
        return deadline;
    }

    Instant getDeadlineAt() {
        return deadlineAt;
    }

    UUID getTemplateDocumentId() {
        return templateDocumentId;
    }

    String getOpenedBy() {
        return openedBy;
    }

    Instant getOpenedAt() {
        return openedAt;
    }

    String getProcessInstanceId() {
        return processInstanceId;
    }

    Long getScheduleId() {
        return scheduleId;
    }

    Integer getScheduleYear() {
        return scheduleYear;
    }

    Instant getRemindedAt() {
        return remindedAt;
    }

    Instant getDeadlinePassedAt() {
        return deadlinePassedAt;
    }

    Instant getClosedAt() {
        return closedAt;
    }
}
