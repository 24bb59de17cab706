package vn.truongso.report;

import static vn.truongso.school.Tenancy.acrossTenants;
import static vn.truongso.report.ReportProcesses.campaignId;
import static vn.truongso.report.ReportProcesses.holder;
import static vn.truongso.report.ReportProcesses.link;
import static vn.truongso.report.ReportProcesses.schoolStaff;
import static vn.truongso.steps.ProcessVariables.DECISION;
import static vn.truongso.steps.ProcessVariables.LAST_ACTOR;
import static vn.truongso.steps.ProcessVariables.LAST_COMMENT;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentHolds;
import vn.truongso.document.DocumentService;
import vn.truongso.notification.Notifier;
import vn.truongso.register.IncomingRegister;
import vn.truongso.school.UserDirectory;

/**
 * {@code ${reportCampaignSteps.…}}: every step of bpmn/report-campaign.bpmn (an office's campaign), one method each:
 * its schools, the reminder and the deadline, the officer's decision on each report that arrives, the end. Each
 * school's own report is bpmn/school-report.bpmn ({@link SchoolReportSteps}).
 */
@Component
public class ReportCampaignSteps {

    private final ReportCampaignRepository campaigns;
    private final SchoolReportRepository rows;
    private final ReportDeadlines deadlines;
    private final DocumentService documents;
    private final IncomingRegister incoming;
    private final UserDirectory users;
    private final Notifier notifier;
    private final RuntimeService runtime;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final DocumentHolds holds;

    ReportCampaignSteps(ReportCampaignRepository campaigns, SchoolReportRepository rows, ReportDeadlines deadlines,
                        DocumentService documents, IncomingRegister incoming, UserDirectory users, Notifier notifier,
                        RuntimeService runtime, ApplicationEventPublisher events, Clock clock, DocumentHolds holds) {
        this.campaigns = campaigns;
        this.rows = rows;
        this.deadlines = deadlines;
        this.documents = documents;
        this.incoming = incoming;
        this.users = users;
        this.notifier = notifier;
        this.runtime = runtime;
        this.events = events;
        this.clock = clock;
        this.holds = holds;
    }

    private ReportCampaign campaign(DelegateExecution execution) {
        return campaigns.findById(campaignId(execution)).orElseThrow();
    }

    private SchoolReport row(DelegateExecution execution, String schoolVariable) {
        return rows.findByCampaignIdAndSchoolCode(campaignId(execution),
                (String) execution.getVariable(schoolVariable)).orElseThrow();
    }

    /** schoolReports (its collection): the schools asked, one school-report process each. */
    public List<String> schools(DelegateExecution execution) {
        return rows.findByCampaignIdOrderBySchoolCode(campaignId(execution)).stream()
                .map(SchoolReport::getSchoolCode).toList();
    }

    /** remind: N days before the deadline, every school that has sent nothing is reminded (clerk, principal). */
    public void remind(DelegateExecution execution) {
        ReportCampaign c = campaign(execution);
        Instant now = clock.instant();
        c.reminded(now);
        for (SchoolReport row : rows.findByCampaignIdOrderBySchoolCode(c.getId())) {
            if (row.getStatus().awaitingSchool()) {
                row.reminded(now);
                notifier.toGroups(schoolStaff(row.getSchoolCode()), "REPORT_REMINDER",
                        "Nhắc việc: \"" + c.getTitle() + "\" phải gửi "
                                + users.organisationName(c.getOfficeCode()).orElse(c.getOfficeCode())
                                + " hết ngày " + c.getDeadline().format(VietnamTime.DAY) + "; trường chưa gửi báo cáo.",
                        link(c.getId()));
            }
        }
    }

    /** markLate: the deadline passed; every school that sent nothing is late (a report sent later is still taken). */
    public void markMissing(DelegateExecution execution) {
        ReportCampaign c = campaign(execution);
        c.deadlinePassed(clock.instant());
        for (SchoolReport row : rows.findByCampaignIdOrderBySchoolCode(c.getId())) {
            if (row.getFirstSubmittedAt() == null) {
                row.missed();
                events.publishEvent(new SchoolReportMissed(row.getSchoolCode(), c.getId(),
                        row.getProcessInstanceId(), c.getDeadlineAt()));
                notifier.toGroups(schoolStaff(row.getSchoolCode()), "REPORT_LATE",
                        "Đã hết hạn nộp \"" + c.getTitle() + "\" (hết ngày " + c.getDeadline().format(VietnamTime.DAY)
                                + ") mà trường chưa gửi: báo cáo bị ghi nhận trễ hạn; vẫn cần gửi sớm nhất.",
                        link(c.getId()));
            }
        }
    }

    /** close: every school's report is in. */
    public void closed(DelegateExecution execution) {
        campaign(execution).closed(clock.instant());
    }

    /** reminderDue (timer): N days before the deadline passes. */
    public Date reminderAt(DelegateExecution execution) {
        return deadlines.reminderAt(execution);
    }

    /** deadlinePassed (timer): the end of the deadline day in Vietnam. */
    public Date deadlineAt(DelegateExecution execution) {
        return deadlines.deadlineAt(execution);
    }

    /**
     * decide: the officer's decision on one arrived report (in the campaign, variables reportSchool and reportId of the
     * event sub-process). ACCEPT: into the office's incoming register, its signatures verified; the verifier may
     * still return it, with its reason. RETURN: back to the school with the officer's comment. Either way the
     * school's process hears it (message reportDecided).
     */
    public void decide(DelegateExecution execution) {
        SchoolReport row = row(execution, "reportSchool");
        ReportCampaign c = campaigns.findById(row.getCampaignId()).orElseThrow();
        String decision = (String) execution.getVariable(DECISION);
        String officer = (String) execution.getVariable(LAST_ACTOR);
        // The version the school sent, whatever else happened to the document since.
        int version = row.getSignedVersion() != null ? row.getSignedVersion()
                : documents.currentVersion(row.getDocumentId());
        String outcome;
        if ("ACCEPT".equals(decision)) {
            IncomingRegister.Received received = incoming.receive(c.getOfficeCode(), row.getDocumentId(), version,
                    row.getSchoolCode(), null, null, officer);
            if (received.outcome() == IncomingRegister.Outcome.ACCEPTED) {
                row.accepted(clock.instant(), received.arrivalNumber(), received.year());
                outcome = "ACCEPTED";
                holds.release(row.getDocumentId(), holder(row));
            } else {
                // The register already told the school why (its acknowledgement); the row keeps the reason.
                row.returned("Văn bản không đạt kiểm tra chữ ký số khi tiếp nhận: " + received.reason(), version);
                outcome = "RETURNED";
                holds.openForRevision(row.getDocumentId(), holder(row));
            }
        } else {
            String comment = (String) execution.getVariable(LAST_COMMENT);
            row.returned(comment, version);
            outcome = "RETURNED";
            holds.openForRevision(row.getDocumentId(), holder(row));
            notifier.toGroups(schoolStaff(row.getSchoolCode()), "REPORT_RETURNED",
                    users.organisationName(c.getOfficeCode()).orElse(c.getOfficeCode()) + " trả lại báo cáo \""
                            + c.getTitle() + "\" để chỉnh sửa: " + comment, link(c.getId()));
        }
        acrossTenants(() -> runtime.createMessageCorrelation("reportDecided")
                .processInstanceId(row.getProcessInstanceId()).setVariable("reportDecision", outcome).correlate());
    }
}
