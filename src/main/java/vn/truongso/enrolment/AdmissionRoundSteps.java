package vn.truongso.enrolment;

import static vn.truongso.steps.ProcessVariables.DISPLAY_TITLE;
import static vn.truongso.steps.ProcessVariables.DOCUMENT_ID;
import static vn.truongso.steps.ProcessVariables.LAST_ACTOR;
import static vn.truongso.steps.ProcessVariables.REQUESTER_NAME;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentHolds;
import vn.truongso.document.DocumentService;
import vn.truongso.notification.Notifier;
import vn.truongso.register.OutgoingRegister;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;
import vn.truongso.signing.Authority;
import vn.truongso.steps.SignatureOutcome;

/**
 * {@code ${admissionRoundSteps.…}}: every step of bpmn/admission-round.bpmn, one method each. When the window closes
 * the list is ranked and goes to the principal; on APPROVE every admitted family's decision is made, numbered in the
 * outgoing register and signed through bpmn/remote-signature.bpmn (one call per decision, all confirmed with one
 * code); the others are told.
 */
@Component
public class AdmissionRoundSteps {

    static final String RESULT_MESSAGE = "admissionDecided";
    static final String TO_SIGN = "toSign";

    private final AdmissionRoundRepository rounds;
    private final EnrolmentApplicationRepository applications;
    private final AdmissionDecisionPdf pdf;
    private final OutgoingRegister register;
    private final DocumentService documents;
    private final UserDirectory users;
    private final Notifier notifier;
    private final RuntimeService runtime;
    private final Clock clock;
    private final DocumentHolds holds;

    AdmissionRoundSteps(AdmissionRoundRepository rounds, EnrolmentApplicationRepository applications,
                        AdmissionDecisionPdf pdf, OutgoingRegister register, DocumentService documents,
                        UserDirectory users, Notifier notifier, RuntimeService runtime, Clock clock,
                        DocumentHolds holds) {
        this.holds = holds;
        this.rounds = rounds;
        this.applications = applications;
        this.pdf = pdf;
        this.register = register;
        this.documents = documents;
        this.users = users;
        this.notifier = notifier;
        this.runtime = runtime;
        this.clock = clock;
    }

    AdmissionRound round(DelegateExecution execution) {
        return rounds.findById(UUID.fromString((String) execution.getVariable("roundId"))).orElseThrow();
    }

    /** rankApplications: the window closed; the ranked list is what the principal's task shows. */
    public void rank(DelegateExecution execution) {
        AdmissionRound round = round(execution);
        round.closed(clock.instant());
        List<EnrolmentApplication> ranked = RoundService.rank(applications, round);
        for (int i = 0; i < ranked.size(); i++) {
            ranked.get(i).ranked(i + 1);
        }
        execution.setVariable(DISPLAY_TITLE, "Danh sách trúng tuyển lớp " + round.getGrade() + " năm học "
                + round.getSchoolYear() + ": " + Math.min(ranked.size(), round.getSeats()) + "/" + round.getSeats()
                + " chỉ tiêu, " + ranked.size() + " hồ sơ hợp lệ");
        execution.setVariable(REQUESTER_NAME, users.organisationName(round.getSchoolCode()).orElse(null));
        notifier.toCandidates(List.of(Groups.role(round.getSchoolCode(), Role.PRINCIPAL)), RoundService.PROCESS_KEY,
                "ENROLMENT_LIST_READY", "Kỳ tuyển sinh lớp " + round.getGrade() + " năm học " + round.getSchoolYear()
                        + " đã hết hạn nhận hồ sơ; danh sách trúng tuyển chờ hiệu trưởng duyệt.",
                "/api/enrolment-rounds/" + round.getId() + "/ranking", null);
    }

    /**
     * prepareDecisions: the principal approved; ranked again (an application the clerk accepted since the window closed
     * counts too), within the seats each family gets a numbered decision; beyond them, NOT_ADMITTED and a notification.
     */
    public void prepareDecisions(DelegateExecution execution) {
        AdmissionRound round = round(execution);
        round.decided(clock.instant());
        CurrentUser principal = users.find((String) execution.getVariable(LAST_ACTOR)).orElseThrow();
        List<EnrolmentApplication> ranked = RoundService.rank(applications, round);
        List<String> toSign = new ArrayList<>();
        String schoolName = users.organisationName(round.getSchoolCode()).orElse(round.getSchoolCode());
        String authority = authority(round.getSchoolCode());
        // Approved by the vice-principal the principal delegated it to: the decisions say "KT. HIỆU TRƯỞNG" over
        // "PHÓ HIỆU TRƯỞNG", and he signs them so; an acting principal's say "Q. HIỆU TRƯỞNG".
        List<String> block = Authority.asPrincipal(principal).lines();
        for (int i = 0; i < ranked.size(); i++) {
            EnrolmentApplication app = ranked.get(i);
            app.ranked(i + 1);
            if (i < round.getSeats()) {
                app.moveTo(EnrolmentStatus.ADMITTED, null);
                String title = "Quyết định trúng tuyển lớp " + round.getGrade() + " năm học " + round.getSchoolYear()
                        + ": " + app.getChildName();
                UUID[] stored = new UUID[1];
                OutgoingRegister.Issued issued = register.issueNew(round.getSchoolCode(), "QĐ", title,
                        principal.fullName(), "Cha mẹ học sinh " + app.getParentName() + "; Lưu: VT",
                        principal.username(), number -> {
                            byte[] bytes = pdf.render(new AdmissionDecisionPdf.Decision(authority.toUpperCase(Locale.ROOT),
                                    schoolName, number.formatted(), place(round.getSchoolCode()),
                                    LocalDate.now(clock.withZone(VietnamTime.ZONE)), round.getSchoolYear(),
                                    round.getGrade(), app.getChildName(), app.getBirthDate(), app.getGender().label(),
                                    app.getPersonalId(), app.getParentName(), address(app), "HIỆU TRƯỞNG",
                                    principal.fullName(), block));
                            stored[0] = documents.store(new DocumentService.Upload(bytes,
                                    "quyet-dinh-trung-tuyen.pdf", "application/pdf"), title, DocumentKind.DECISION,
                                    principal).id();
                            return stored[0];
                        });
                UUID documentId = stored[0];
                // The principal signs the decision as generated from the approved list: no other version, ever.
                holds.hold(documentId, "ADMISSION_DECISION:" + app.getId());
                app.decision(documentId, issued.formatted());
                toSign.add(documentId.toString());
            } else {
                app.moveTo(EnrolmentStatus.NOT_ADMITTED, "Ngoài chỉ tiêu " + round.getSeats() + " (xếp thứ " + (i + 1) + ").");
                tell(app, "ENROLMENT_NOT_ADMITTED", "Hồ sơ của " + app.getChildName() + " xếp thứ " + (i + 1)
                        + ", ngoài chỉ tiêu " + round.getSeats() + " của " + schoolName + ": không trúng tuyển.");
                result(app, false);
            }
        }
        execution.setVariable(TO_SIGN, toSign);
    }

    /** "12 Tô Hiệu, Hòa Bình": the ward added unless the parent wrote it already. */
    static String address(EnrolmentApplication app) {
        String text = app.getAddressText();
        return EligibilityRules.sameWard(text, app.getWard())
                || text.toLowerCase(Locale.ROOT).contains(app.getWard().toLowerCase(Locale.ROOT))
                ? text : text + ", " + app.getWard();
    }

    /** signDecisions (displayTitle of each call): what the signer's phone shows for one decision. */
    public String label(String documentId) {
        return applications.findByDecisionDocumentId(UUID.fromString(documentId))
                .map(a -> "Quyết định trúng tuyển " + a.getChildName() + " (" + a.getDecisionNumber() + ")")
                .orElse("Quyết định trúng tuyển");
    }

    /** signDecisions (end listener of each call): one decision's signature ended; signed ones go to the family. */
    public void signed(DelegateExecution execution) {
        UUID documentId = UUID.fromString((String) execution.getVariable(DOCUMENT_ID));
        if (!SignatureOutcome.doneIn(execution)) {
            return;
        }
        EnrolmentApplication app = applications.findByDecisionDocumentId(documentId).orElseThrow();
        app.decisionSigned();
        if (app.getParentUsername() != null) {
            documents.grantRead(documentId, null, app.getParentUsername());
        }
        tell(app, "ENROLMENT_ADMITTED", app.getChildName() + " đã trúng tuyển vào lớp " + app.getGrade() + " "
                + users.organisationName(app.getSchoolCode()).orElse(app.getSchoolCode()) + "; quyết định "
                + app.getDecisionNumber() + " đã được ký, tải về tại hồ sơ.");
        result(app, true);
    }

    /** someUnsigned (condition), after all calls: decisions still unsigned (refused, expired) go back to be signed again. */
    public boolean unsignedLeft(DelegateExecution execution) {
        AdmissionRound round = round(execution);
        List<String> left = applications.findByRoundIdAndStatus(round.getId(), EnrolmentStatus.ADMITTED).stream()
                .filter(a -> a.getDecisionDocumentId() != null && !a.isDecisionSigned())
                .map(a -> a.getDecisionDocumentId().toString()).toList();
        execution.setVariable(TO_SIGN, new ArrayList<>(left));
        return !left.isEmpty();
    }

    private void result(EnrolmentApplication app, boolean admitted) {
        if (app.getProcessInstanceId() != null && runtime.createExecutionQuery()
                .processInstanceId(app.getProcessInstanceId()).messageEventSubscriptionName(RESULT_MESSAGE).count() > 0) {
            runtime.createMessageCorrelation(RESULT_MESSAGE).processInstanceId(app.getProcessInstanceId())
                    .setVariable("admitted", admitted).correlateWithResult();
        }
    }

    private void tell(EnrolmentApplication app, String kind, String message) {
        if (app.getParentUsername() != null) {
            notifier.toUser(app.getParentUsername(), kind, message, EnrolmentRequestSteps.link(app.getId()),
                    app.getSchoolCode());
        }
    }

    /** Cơ quan chủ quản: the people's committee of the ward or commune whose office the school is under. */
    String authority(String schoolCode) {
        String parentName = users.organisation(schoolCode).map(UserDirectory.OrganisationRef::parentCode)
                .flatMap(users::organisationName).orElse("");
        String locality = locality(parentName);
        return locality == null ? parentName : "UBND " + locality;
    }

    String place(String schoolCode) {
        String parentName = users.organisation(schoolCode).map(UserDirectory.OrganisationRef::parentCode)
                .flatMap(users::organisationName).orElse("");
        String locality = locality(parentName);
        return locality == null ? users.organisationName(schoolCode).orElse(schoolCode)
                : locality.replaceFirst("^(phường|xã|thị trấn|đặc khu) ", "");
    }

    /** "Phòng Văn hóa – Xã hội phường Hòa Bình" → "phường Hòa Bình". */
    static String locality(String officeName) {
        for (String unit : List.of(" phường ", " xã ", " thị trấn ", " đặc khu ")) {
            int i = officeName.lastIndexOf(unit);
            if (i >= 0) {
                return officeName.substring(i + 1);
            }
        }
        return null;
    }
}
