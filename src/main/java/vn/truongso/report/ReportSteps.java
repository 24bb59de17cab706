package vn.truongso.report;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentHolds;
import vn.truongso.document.DocumentService;
import vn.truongso.notification.Notifier;
import vn.truongso.register.IncomingRegister;
import vn.truongso.register.OutgoingRegister;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;

/**
 * The small named beans that bpmn/report-campaign.bpmn and bpmn/school-report.bpmn call. Each does one step and
 * keeps the school's row ({@link SchoolReport}) in step; the BPMN only orders them.
 */
final class ReportSteps {

    static final String REPORT_TYPE_CODE = "BC";

    private ReportSteps() {
    }

    static String link(UUID campaignId) {
        return "/api/report-campaigns/" + campaignId;
    }

    static List<String> schoolStaff(String schoolCode) {
        return List.of(Groups.role(schoolCode, Role.CLERK), Groups.role(schoolCode, Role.PRINCIPAL));
    }

    /** How a school's report process is named as the holder of its document. */
    static String holder(SchoolReport row) {
        return "SCHOOL_REPORT:" + row.getId();
    }

    static UUID campaignId(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable("campaignId"));
    }

    /** The school rows' side: one school's report process and the office's decision on it. */
    @Component("schoolReports")
    public static class Rows {
        private final SchoolReportRepository rows;
        private final ReportCampaignRepository campaigns;
        private final DocumentService documents;
        private final IncomingRegister incoming;
        private final UserDirectory users;
        private final Notifier notifier;
        private final RuntimeService runtime;
        private final Clock clock;
        private final DocumentHolds holds;

        Rows(SchoolReportRepository rows, ReportCampaignRepository campaigns, DocumentService documents,
             IncomingRegister incoming, UserDirectory users, Notifier notifier, RuntimeService runtime, Clock clock,
             DocumentHolds holds) {
            this.holds = holds;
            this.rows = rows;
            this.campaigns = campaigns;
            this.documents = documents;
            this.incoming = incoming;
            this.users = users;
            this.notifier = notifier;
            this.runtime = runtime;
            this.clock = clock;
        }

        private SchoolReport row(DelegateExecution execution, String schoolVariable) {
            return rows.findByCampaignIdAndSchoolCode(campaignId(execution),
                    (String) execution.getVariable(schoolVariable)).orElseThrow();
        }

        /** The school's process started: who prepares and who signs, and the school is told what is asked. */
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

        /** The clerk took the preparation: the report is being drafted. */
        public void drafting(DelegateTask task) {
            SchoolReport row = row(task.getExecution(), "schoolCode");
            if (row.getStatus() == ReportStatus.NOT_STARTED) {
                row.moveTo(ReportStatus.DRAFTING);
            }
        }

        /** The clerk handed the report (inputs documentId, checked by {@link ReportTaskInputs}) to the principal. */
        public void prepared(DelegateTask task) {
            SchoolReport row = row(task.getExecution(), "schoolCode");
            row.prepared(UUID.fromString((String) task.getExecution().getVariable("documentId")));
            // Handed over: the principal signs this version and no other; the clerk changes it only when returned.
            holds.hold(row.getDocumentId(), holder(row));
        }

        /** The principal gave it back to the clerk: a new version is needed before it goes up again. */
        public void returnedBySchool(DelegateExecution execution) {
            SchoolReport row = row(execution, "schoolCode");
            row.moveTo(row.getSubmissions() > 0 ? ReportStatus.RETURNED : ReportStatus.DRAFTING);
            row.revisionNeeded(documents.currentVersion(row.getDocumentId()));
            holds.openForRevision(row.getDocumentId(), holder(row));
            Object comment = execution.getVariable("lastComment");
            notifier.toGroups(List.of(Groups.role(row.getSchoolCode(), Role.CLERK)), "REPORT_RETURNED_BY_PRINCIPAL",
                    "Hiệu trưởng trả lại báo cáo \"" + execution.getVariable("displayTitle") + "\" để chỉnh sửa"
                            + (comment == null ? "." : ": " + comment), link(row.getCampaignId()));
        }

        /**
         * The officer's decision on one arrived report (in the campaign, variables reportSchool and reportId of the
         * event sub-process). ACCEPT: into the office's incoming register, its signatures verified; the verifier may
         * still return it, with its reason. RETURN: back to the school with the officer's comment. Either way the
         * school's process hears it (message reportDecided).
         */
        public void decide(DelegateExecution execution) {
            SchoolReport row = row(execution, "reportSchool");
            ReportCampaign c = campaigns.findById(row.getCampaignId()).orElseThrow();
            String decision = (String) execution.getVariable("decision");
            String officer = (String) execution.getVariable("lastActor");
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
                String comment = (String) execution.getVariable("lastComment");
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

    /** Signed: the report takes its number in the school's outgoing register and goes to the office. */
    @Component("schoolReportSubmission")
    static class Submission implements JavaDelegate {
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

        Submission(SchoolReportRepository rows, ReportCampaignRepository campaigns, DocumentService documents,
                   OutgoingRegister outgoing, UserDirectory users, Notifier notifier, RuntimeService runtime,
                   ApplicationEventPublisher events, Clock clock, DocumentHolds holds) {
            this.holds = holds;
            this.rows = rows;
            this.campaigns = campaigns;
            this.documents = documents;
            this.outgoing = outgoing;
            this.users = users;
            this.notifier = notifier;
            this.runtime = runtime;
            this.events = events;
            this.clock = clock;
        }

        @Override
        public void execute(DelegateExecution execution) {
            UUID campaignId = campaignId(execution);
            String school = (String) execution.getVariable("schoolCode");
            SchoolReport row = rows.findByCampaignIdAndSchoolCode(campaignId, school).orElseThrow();
            ReportCampaign c = campaigns.findById(campaignId).orElseThrow();
            Instant now = clock.instant();
            // What is sent is the version the process pinned: the principal's signed one (or the one signed on paper).
            DocumentHolds.Pinned pinned = holds.pinned(row.getDocumentId()).orElse(null);
            int version = pinned != null ? pinned.version() : documents.currentVersion(row.getDocumentId());
            String sha256 = pinned != null ? pinned.sha256() : documents.describe(row.getDocumentId()).sha256();
            boolean electronic = "SIGNED".equals(execution.getVariable("signatureOutcome"));
            String symbol = row.getOutgoingSymbol();
            if (symbol == null) {
                // A report the office returned and the school corrected keeps the number it was first sent with: the
                // office never registered the returned one (no arrival number), the revision replaces it as the same
                // văn bản, and the outgoing register holds one line per document (it refuses a second number).
                String signer = users.find((String) execution.getVariable("lastActor")).map(CurrentUser::fullName)
                        .orElse((String) execution.getVariable("lastActor"));
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
                            "displayTitle", c.getTitle() + " – " + schoolName, "requesterName", schoolName,
                            "documentId", row.getDocumentId().toString(), "documentVersion", version,
                            "documentSha256", sha256))
                    .correlate());
        }
    }

    /** The campaign's side: its schools, the reminder, the deadline, the end. */
    @Component("reportCampaign")
    public static class Campaign {
        private final ReportCampaignRepository campaigns;
        private final SchoolReportRepository rows;
        private final UserDirectory users;
        private final Notifier notifier;
        private final ApplicationEventPublisher events;
        private final Clock clock;

        Campaign(ReportCampaignRepository campaigns, SchoolReportRepository rows, UserDirectory users,
                 Notifier notifier, ApplicationEventPublisher events, Clock clock) {
            this.campaigns = campaigns;
            this.rows = rows;
            this.users = users;
            this.notifier = notifier;
            this.events = events;
            this.clock = clock;
        }

        private ReportCampaign campaign(DelegateExecution execution) {
            return campaigns.findById(campaignId(execution)).orElseThrow();
        }

        /** The schools asked, one school-report process each. */
        public List<String> schools(DelegateExecution execution) {
            return rows.findByCampaignIdOrderBySchoolCode(campaignId(execution)).stream()
                    .map(SchoolReport::getSchoolCode).toList();
        }

        /** N days before the deadline: every school that has not sent a report yet is reminded (clerk, principal). */
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

        /** The deadline passed: every school that sent nothing is late (a report sent later is still taken). */
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

        public void closed(DelegateExecution execution) {
            campaign(execution).closed(clock.instant());
        }
    }


    /**
     * The campaign runs in the office's tenant and each school's report in the school's: they message each other
     * across tenants. The job executor runs a job authenticated as the job's own tenant, so the engine's tenant check
     * would hide the other side; it is lifted for this one correlation (by process instance id, known to be ours).
     */
    static void acrossTenants(Runnable correlation) {
        org.camunda.bpm.engine.impl.interceptor.CommandContext context =
                org.camunda.bpm.engine.impl.context.Context.getCommandContext();
        if (context == null || !context.isTenantCheckEnabled()) {
            correlation.run();
            return;
        }
        context.disableTenantCheck();
        try {
            correlation.run();
        } finally {
            context.enableTenantCheck();
        }
    }
}
