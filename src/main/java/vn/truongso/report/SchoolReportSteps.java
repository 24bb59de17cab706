package vn.truongso.report;

import static vn.truongso.report.ReportProcesses.REPORT_TYPE_CODE;
import static vn.truongso.school.Tenancy.acrossTenants;
import static vn.truongso.report.ReportProcesses.campaignId;
import static vn.truongso.report.ReportProcesses.holder;
import static vn.truongso.report.ReportProcesses.link;
import static vn.truongso.report.ReportProcesses.schoolStaff;
import static vn.truongso.steps.ProcessVariables.DISPLAY_TITLE;
import static vn.truongso.steps.ProcessVariables.DOCUMENT_ID;
import static vn.truongso.steps.ProcessVariables.DOCUMENT_SHA256;
import static vn.truongso.steps.ProcessVariables.DOCUMENT_VERSION;
import static vn.truongso.steps.ProcessVariables.LAST_ACTOR;
import static vn.truongso.steps.ProcessVariables.LAST_COMMENT;
import static vn.truongso.steps.ProcessVariables.REQUESTER_NAME;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentHolds;
import vn.truongso.document.DocumentService;
import vn.truongso.notification.Notifier;
import vn.truongso.register.OutgoingRegister;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;
import vn.truongso.steps.SignatureOutcome;

/**
 * {@code ${schoolReportSteps.…}}: every step of bpmn/school-report.bpmn (one school's report of a campaign), one
 * method each, keeping the school's row ({@link SchoolReport}) in step; the BPMN only orders them. The office's
 * decision on the report is a step of the campaign ({@link ReportCampaignSteps#decide}).
 */
@Component
public class SchoolReportSteps {

    private final SchoolReportRepository rows;
    private final ReportCampaignRepository campaigns;
    private final DocumentService documents;
    private final OutgoingRegister outgoing;
    private final UserDirectory users;
    private final Notifier notifier;
    private final RuntimeService runtime;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final DocumentHolds holds;

    SchoolReportSteps(SchoolReportRepository rows, ReportCampaignRepository campaigns, DocumentService documents,
                      OutgoingRegister outgoing, UserDirectory users, Notifier notifier, RuntimeService runtime,
                      ApplicationEventPublisher events, Clock clock, DocumentHolds holds) {
        this.rows = rows;
        this.campaigns = campaigns;
        this.documents = documents;
        this.outgoing = outgoing;
        this.users = users;
        this.notifier = notifier;
        this.runtime = runtime;
        this.events = events;
        this.clock = clock;
        this.holds = holds;
    }

    private SchoolReport row(DelegateExecution execution, String schoolVariable) {
        return rows.findByCampaignIdAndSchoolCode(campaignId(execution),
                (String) execution.getVariable(schoolVariable)).orElseThrow();
    }

    /** requested (start listener): who prepares and who signs; the school is told what is asked. */
    public void started(DelegateExecution execution) {
        SchoolReport row = row(execution, "schoolCode");
        row.started(execution.getProcessInstanceId());
        String school = row.getSchoolCode();
        execution.setVariable("clerkGroup", Groups.role(school, Role.CLERK));
        execution.setVariable("principalGroup", Groups.role(school, Role.PRINCIPAL));
        ReportCampaign c = campaigns.findById(row.getCampaignId()).orElseThrow();
        notifier.toGroups(schoolStaff(school), "REPORT_REQUESTED",
                users.organisationName(c.getOfficeCode()).orElse(c.getOfficeCode()) + " yêu cầu gửi \""
                        + c.getTitle() + "\", hạn nộp hết ngày " + c.getDeadline().format(VietnamTime.DAY) + ".",
                link(c.getId()));
    }

    /** prepare (assignment listener): the clerk took the preparation: the report is being drafted. */
    public void drafting(DelegateTask task) {
        SchoolReport row = row(task.getExecution(), "schoolCode");
        if (row.getStatus() == ReportStatus.NOT_STARTED) {
            row.moveTo(ReportStatus.DRAFTING);
        }
    }

    /** prepare (complete listener): the clerk handed the report (inputs documentId, {@link ReportTaskInputs}) over. */
    public void prepared(DelegateTask task) {
        SchoolReport row = row(task.getExecution(), "schoolCode");
        row.prepared(UUID.fromString((String) task.getExecution().getVariable(DOCUMENT_ID)));
        // Handed over: the principal signs this version and no other; the clerk changes it only when returned.
        holds.hold(row.getDocumentId(), holder(row));
    }

    /** principalReturned (take listener): back to the clerk, who must add a version before it goes up again. */
    public void returnedBySchool(DelegateExecution execution) {
        SchoolReport row = row(execution, "schoolCode");
        row.moveTo(row.getSubmissions() > 0 ? ReportStatus.RETURNED : ReportStatus.DRAFTING);
        row.revisionNeeded(documents.currentVersion(row.getDocumentId()));
        holds.openForRevision(row.getDocumentId(), holder(row));
        Object comment = execution.getVariable(LAST_COMMENT);
        notifier.toGroups(List.of(Groups.role(row.getSchoolCode(), Role.CLERK)), "REPORT_RETURNED_BY_PRINCIPAL",
                "Hiệu trưởng trả lại báo cáo \"" + execution.getVariable(DISPLAY_TITLE) + "\" để chỉnh sửa"
                        + (comment == null ? "." : ": " + comment), link(row.getCampaignId()));
    }

    /** submit (its own job): signed, the report takes its number in the school's outgoing register and goes up. */
    public void submit(DelegateExecution execution) {
        UUID campaignId = campaignId(execution);
        String school = (String) execution.getVariable("schoolCode");
        SchoolReport row = rows.findByCampaignIdAndSchoolCode(campaignId, school).orElseThrow();
        ReportCampaign c = campaigns.findById(campaignId).orElseThrow();
        Instant now = clock.instant();
        // What is sent is the version the process pinned: the principal's signed one (or the one signed on paper).
        DocumentHolds.Pinned pinned = holds.pinned(row.getDocumentId()).orElse(null);
        int version = pinned != null ? pinned.version() : documents.currentVersion(row.getDocumentId());
        String sha256 = pinned != null ? pinned.sha256() : documents.describe(row.getDocumentId()).sha256();
        boolean electronic = SignatureOutcome.in(execution).map(SignatureOutcome::electronic).orElse(false);
        String symbol = row.getOutgoingSymbol();
        if (symbol == null) {
            // A report the office returned and the school corrected keeps the number it was first sent with: the
            // office never registered the returned one (no arrival number), the revision replaces it as the same
            // văn bản, and the outgoing register holds one line per document (it refuses a second number).
            String signer = users.find((String) execution.getVariable(LAST_ACTOR)).map(CurrentUser::fullName)
                    .orElse((String) execution.getVariable(LAST_ACTOR));
            symbol = outgoing.issue(school, REPORT_TYPE_CODE, null, row.getDocumentId(), version, null, signer,
                    users.organisationName(c.getOfficeCode()).orElse(c.getOfficeCode())).symbol();
        }
        boolean late = c.lateAt(now);
        row.submitted(now, version, electronic, symbol, late);
        // Sent: the office's officers read it before they accept or return it.
        documents.grantRead(row.getDocumentId(), c.getOfficeCode(), null);
        events.publishEvent(new SchoolReportSubmitted(school, campaignId, execution.getProcessInstanceId(),
                electronic, late, now));
        String schoolName = users.organisationName(school).orElse(school);
        notifier.toGroups(List.of(Groups.role(c.getOfficeCode(), Role.OFFICER)), "REPORT_SUBMITTED",
                schoolName + " đã gửi \"" + c.getTitle() + "\" (số " + symbol + ")"
                        + (late ? ", trễ hạn." : "."), link(campaignId));
        acrossTenants(() -> runtime.createMessageCorrelation("schoolReportArrived")
                .processInstanceId(c.getProcessInstanceId())
                // What the officer's inbox shows for this task: this school's report, not just the campaign.
                .setVariablesToTriggeredScope(Map.of("reportSchool", school, "reportId", row.getId().toString(),
                        DISPLAY_TITLE, c.getTitle() + " – " + schoolName, REQUESTER_NAME, schoolName,
                        DOCUMENT_ID, row.getDocumentId().toString(), DOCUMENT_VERSION, version,
                        DOCUMENT_SHA256, sha256))
                .correlate());
    }
}
