package vn.truongso.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A recurring campaign: every year by the same date (the plans' fixed reporting dates), opening some days before. */
@Entity
@Table(name = "report_schedule")
class ReportSchedule {

    @Id
    private Long id;
    @Column(name = "office_code")
    private String officeCode;
    @Enumerated(EnumType.STRING)
    private ReportPeriod period;
    private String title;
    @Column(name = "deadline_month")
    private int deadlineMonth;
    @Column(name = "deadline_day")
    private int deadlineDay;
    @Column(name = "open_days_before")
    private int openDaysBefore;
    /** Who reports: SCHOOL (the schools under the office) or OFFICE (the education offices under a department). */
    @Column(name = "reporter_kind")
    private String reporterKind;
    private boolean enabled;

    protected ReportSchedule() {
    }

    ReportSchedule(Long id, String officeCode, ReportPeriod period, String title, int deadlineMonth, int deadlineDay,
                   int openDaysBefore, String reporterKind) {
        this.id = id;
        this.officeCode = officeCode;
        this.period = period;
        this.title = title;
        this.deadlineMonth = deadlineMonth;
        this.deadlineDay = deadlineDay;
        this.openDaysBefore = openDaysBefore;
        this.reporterKind = reporterKind;
        this.enabled = true;
    }

    LocalDate deadlineIn(int year) {
        return LocalDate.of(year, deadlineMonth, deadlineDay);
    }

    /** The campaign of {@code year} is due on {@code today}: opened from its opening day until its deadline. */
    boolean dueOn(LocalDate today, int year) {
        LocalDate deadline = deadlineIn(year);
        return enabled && !today.isBefore(deadline.minusDays(openDaysBefore)) && !today.isAfter(deadline);
    }

    Long getId() {
        return id;
    }

    String getOfficeCode() {
        return officeCode;
    }

    ReportPeriod getPeriod() {
        return period;
    }

    String getTitle() {
        return title;
    }

    /** Whether an organisation of {@code kind} reports under this schedule. */
    boolean reports(String kind) {
        return "OFFICE".equals(reporterKind) ? ReportCampaignService.isOffice(kind) : ReportCampaignService.isSchool(kind);
    }

    String getReporterKind() {
        return reporterKind;
    }

    boolean isEnabled() {
        return enabled;
    }
}
