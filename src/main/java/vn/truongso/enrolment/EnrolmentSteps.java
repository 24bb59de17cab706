package vn.truongso.enrolment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.truongso.common.ApiException;
import vn.truongso.common.VietnamTime;
import vn.truongso.inbox.TaskInputs;
import vn.truongso.notification.Notifier;
import vn.truongso.school.CurrentUser;

/** The named beans of bpmn/enrolment-request.bpmn: each does one step of an application; the BPMN orders them. */
final class EnrolmentSteps {

    private EnrolmentSteps() {
    }

    static String link(UUID applicationId) {
        return "/api/enrolments/" + applicationId;
    }

    /** {@code ${enrolmentSteps.…}}: eligibility by the DMN, the clerk's decisions, papers requested, lapsing. */
    @Component("enrolmentSteps")
    public static class Steps {
        private final EnrolmentApplicationRepository applications;
        private final AdmissionRoundRepository rounds;
        private final EligibilityRules rules;
        private final Notifier notifier;

        Steps(EnrolmentApplicationRepository applications, AdmissionRoundRepository rounds, EligibilityRules rules,
              Notifier notifier) {
            this.applications = applications;
            this.rounds = rounds;
            this.rules = rules;
            this.notifier = notifier;
        }

        EnrolmentApplication application(DelegateExecution execution) {
            return applications.findById(UUID.fromString((String) execution.getVariable("applicationId")))
                    .orElseThrow(() -> new IllegalStateException("No application for " + execution.getProcessInstanceId()));
        }

        /** bpmn/enrolment-eligibility.dmn decides; the result is kept on the application and in {@code eligible}. */
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

        public void enter(DelegateExecution execution, String status) {
            application(execution).moveTo(EnrolmentStatus.valueOf(status), null);
        }

        /** Not eligible by the table (reason: the DMN's), or refused by the clerk (reason: the clerk's comment). */
        public void reject(DelegateExecution execution, String why) {
            EnrolmentApplication app = application(execution);
            String reason = "INELIGIBLE".equals(why) ? app.getEligibilityReason()
                    : String.valueOf(execution.getVariable("lastComment"));
            app.moveTo(EnrolmentStatus.REJECTED, reason);
            tell(app, "ENROLMENT_REJECTED", "Hồ sơ tuyển sinh của " + app.getChildName() + " không được chấp nhận: "
                    + reason);
        }

        /**
         * The clerk found the papers in order. Accepted after the principal approved the round's list: too late to be
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

        /** The clerk asked for papers (variables missingPapers and papersDeadline from {@link Inputs}). */
        public void requestPapers(DelegateExecution execution) {
            EnrolmentApplication app = application(execution);
            List<PaperKind> kinds = Arrays.stream(((String) execution.getVariable("missingPapers")).split(","))
                    .map(PaperKind::valueOf).toList();
            LocalDate deadline = LocalDate.parse((String) execution.getVariable("papersDeadline"));
            Object comment = execution.getVariable("lastComment");
            app.papersRequested(kinds, deadline, comment == null ? null : comment.toString());
            tell(app, "ENROLMENT_PAPERS_REQUESTED", "Hồ sơ tuyển sinh của " + app.getChildName()
                    + " cần bổ sung: " + String.join(", ", kinds.stream().map(PaperKind::label).toList())
                    + " trước hết ngày " + VietnamTime.DAY.format(deadline)
                    + (comment == null ? "." : " (" + comment + ")."));
        }

        /** When the papers are due: the end of the deadline day in Vietnam. */
        public Date papersDueAt(DelegateExecution execution) {
            LocalDate deadline = LocalDate.parse((String) execution.getVariable("papersDeadline"));
            return Date.from(deadline.plusDays(1).atStartOfDay(VietnamTime.ZONE).toInstant());
        }

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
                notifier.toUser(app.getParentUsername(), kind, message, link(app.getId()));
            }
        }
    }

    /**
     * The clerk's REQUEST_MORE on "Kiểm tra hồ sơ tuyển sinh": inputs {deadline (ISO date), missingPapers: [...]},
     * checked here and passed to the process as papersDeadline and missingPapers.
     */
    @Component
    static class Inputs implements TaskInputs {
        static final int MAX_DAYS = 30;
        private final Clock clock;

        Inputs(Clock clock) {
            this.clock = clock;
        }

        @Override
        public boolean handles(String processKey, String taskKey) {
            return EnrolmentService.PROCESS_KEY.equals(processKey) && "checkPapers".equals(taskKey);
        }

        @Override
        public Map<String, Object> check(String processInstanceId, String taskKey, String decision,
                                         Map<String, Object> inputs, CurrentUser user) {
            if (!"REQUEST_MORE".equals(decision)) {
                return Map.of();
            }
            Object d = inputs.get("deadline");
            LocalDate deadline;
            try {
                deadline = LocalDate.parse(String.valueOf(d));
            } catch (RuntimeException e) {
                throw ApiException.badRequest("DEADLINE_INVALID",
                        "Vui lòng ghi hạn bổ sung giấy tờ (deadline, dạng yyyy-MM-dd, ví dụ 2026-12-01).");
            }
            LocalDate today = LocalDate.now(clock.withZone(VietnamTime.ZONE));
            if (deadline.isBefore(today) || deadline.isAfter(today.plusDays(MAX_DAYS))) {
                throw ApiException.badRequest("DEADLINE_INVALID", "Hạn bổ sung giấy tờ phải từ hôm nay đến "
                        + MAX_DAYS + " ngày tới (đến " + VietnamTime.DAY.format(today.plusDays(MAX_DAYS)) + ").");
            }
            Object missing = inputs.get("missingPapers");
            if (!(missing instanceof List<?> list) || list.isEmpty()) {
                throw ApiException.badRequest("MISSING_PAPERS_REQUIRED",
                        "Vui lòng chọn giấy tờ cần bổ sung (missingPapers: BIRTH_CERTIFICATE, RESIDENCE_CONFIRMATION, PRIORITY_PROOF).");
            }
            EnumSet<PaperKind> kinds = EnumSet.noneOf(PaperKind.class);
            for (Object o : list) {
                try {
                    kinds.add(PaperKind.valueOf(String.valueOf(o).strip().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("PAPER_KIND_INVALID", "Loại giấy tờ không hợp lệ: \"" + o
                            + "\". Các loại hợp lệ: BIRTH_CERTIFICATE, RESIDENCE_CONFIRMATION, PRIORITY_PROOF.");
                }
            }
            return Map.of("papersDeadline", deadline.toString(),
                    "missingPapers", String.join(",", kinds.stream().map(Enum::name).toList()));
        }
    }
}
