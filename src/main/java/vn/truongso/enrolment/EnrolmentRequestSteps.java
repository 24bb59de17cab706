package vn.truongso.enrolment;

import static vn.truongso.steps.ProcessVariables.LAST_COMMENT;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.truongso.common.VietnamTime;
import vn.truongso.notification.Notifier;

/**
 * {@code ${enrolmentRequestSteps.…}}: every step of bpmn/enrolment-request.bpmn (one application), one method each:
 * eligibility by the DMN, the clerk's decisions, papers requested, lapsing; the BPMN orders them.
 */
@Component
public class EnrolmentRequestSteps {

    private final EnrolmentApplicationRepository applications;
    private final AdmissionRoundRepository rounds;
    private final EligibilityRules rules;
    private final Notifier notifier;

    EnrolmentRequestSteps(EnrolmentApplicationRepository applications, AdmissionRoundRepository rounds,
                          EligibilityRules rules, Notifier notifier) {
        this.applications = applications;
        this.rounds = rounds;
        this.rules = rules;
        this.notifier = notifier;
    }

    EnrolmentApplication application(DelegateExecution execution) {
        return applications.findById(UUID.fromString((String) execution.getVariable("applicationId")))
                .orElseThrow(() -> new IllegalStateException("No application for " + execution.getProcessInstanceId()));
    }

    /** assessEligibility: bpmn/enrolment-eligibility.dmn decides; the result is kept on the application and in {@code eligible}. */
    public void assess(DelegateExecution execution) {
        EnrolmentApplication app = application(execution);
        AdmissionRound round = rounds.findById(app.getRoundId()).orElseThrow();
        Eligibility e = rules.decide(new EligibilityRules.Applicant(app.getGrade(), app.getBirthDate(),
                        app.getWard(), app.getLat(), app.getLon(), EnumSet.copyOf(withNone(app.groups()))),
                new EligibilityRules.School(round.getSchoolLat(), round.getSchoolLon(), round.wards()),
                round.getEnrolmentYear());
        app.assessed(e);
        execution.setVariable("eligible", e.eligible());
        execution.setVariable("eligibilityReason", e.reason());
    }

    private static java.util.Collection<PriorityGroup> withNone(List<PriorityGroup> groups) {
        return groups.isEmpty() ? EnumSet.noneOf(PriorityGroup.class) : groups;
    }

    /** checkPapers (start listener): the application's status follows the process. */
    public void enter(DelegateExecution execution, String status) {
        application(execution).moveTo(EnrolmentStatus.valueOf(status), null);
    }

    /** rejectIneligible, reject: not eligible by the table (reason: the DMN's), or refused by the clerk (reason: the clerk's comment). */
    public void reject(DelegateExecution execution, String why) {
        EnrolmentApplication app = application(execution);
        String reason = "INELIGIBLE".equals(why) ? app.getEligibilityReason()
                : String.valueOf(execution.getVariable(LAST_COMMENT));
        app.moveTo(EnrolmentStatus.REJECTED, reason);
        tell(app, "ENROLMENT_REJECTED", "Hồ sơ tuyển sinh của " + app.getChildName() + " không được chấp nhận: "
                + reason);
    }

    /**
     * accept: the clerk found the papers in order. Accepted after the principal approved the round's list: too late to be
     * ranked, NOT_ADMITTED at once (variable roundDecided).
     */
    public void accept(DelegateExecution execution) {
        EnrolmentApplication app = application(execution);
        AdmissionRound round = rounds.findById(app.getRoundId()).orElseThrow();
        boolean decided = round.getStatus() == AdmissionRound.Status.DECIDED;
        execution.setVariable("roundDecided", decided);
        if (decided) {
            app.moveTo(EnrolmentStatus.NOT_ADMITTED, "Hồ sơ hợp lệ sau khi danh sách trúng tuyển đã được duyệt.");
            tell(app, "ENROLMENT_NOT_ADMITTED", "Hồ sơ của " + app.getChildName()
                    + " hợp lệ sau khi danh sách trúng tuyển đã được duyệt: không trúng tuyển ở kỳ này.");
            return;
        }
        app.moveTo(EnrolmentStatus.ACCEPTED, null);
        tell(app, "ENROLMENT_ACCEPTED", "Hồ sơ tuyển sinh của " + app.getChildName()
                + " đã hợp lệ; kết quả xét tuyển có sau khi hết hạn nộp hồ sơ.");
    }

    /** requestPapers: the clerk asked for papers (missingPapers, papersDeadline from {@link EnrolmentTaskInputs}). */
    public void requestPapers(DelegateExecution execution) {
        EnrolmentApplication app = application(execution);
        List<PaperKind> kinds = Arrays.stream(((String) execution.getVariable("missingPapers")).split(","))
                .map(PaperKind::valueOf).toList();
        LocalDate deadline = LocalDate.parse((String) execution.getVariable("papersDeadline"));
        Object comment = execution.getVariable(LAST_COMMENT);
        app.papersRequested(kinds, deadline, comment == null ? null : comment.toString());
        tell(app, "ENROLMENT_PAPERS_REQUESTED", "Hồ sơ tuyển sinh của " + app.getChildName()
                + " cần bổ sung: " + String.join(", ", kinds.stream().map(PaperKind::label).toList())
                + " trước hết ngày " + VietnamTime.DAY.format(deadline)
                + (comment == null ? "." : " (" + comment + ")."));
    }

    /** papersDeadline (timer): when the papers are due, the end of the deadline day in Vietnam. */
    public Date papersDueAt(DelegateExecution execution) {
        LocalDate deadline = LocalDate.parse((String) execution.getVariable("papersDeadline"));
        return Date.from(deadline.plusDays(1).atStartOfDay(VietnamTime.ZONE).toInstant());
    }

    /** lapse: the papers did not come in time. */
    public void lapse(DelegateExecution execution) {
        EnrolmentApplication app = application(execution);
        LocalDate deadline = app.getPapersDeadline();
        app.moveTo(EnrolmentStatus.LAPSED, "Không bổ sung giấy tờ trước hạn "
                + (deadline == null ? "" : VietnamTime.DAY.format(deadline)) + ".");
        tell(app, "ENROLMENT_LAPSED", "Hồ sơ tuyển sinh của " + app.getChildName()
                + " đã hết hạn vì không bổ sung giấy tờ đúng hạn.");
    }

    private void tell(EnrolmentApplication app, String kind, String message) {
        if (app.getParentUsername() != null) {
            notifier.toUser(app.getParentUsername(), kind, message, link(app.getId()), app.getSchoolCode());
        }
    }

    static String link(UUID applicationId) {
        return "/api/enrolments/" + applicationId;
    }
}
