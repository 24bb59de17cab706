package vn.truongso.audit;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.truongso.document.DocumentVersionAdded;
import vn.truongso.enrolment.EnrolmentApplied;
import vn.truongso.inbox.TaskCompleted;
import vn.truongso.lessonplan.LessonPlanApproved;
import vn.truongso.lessonplan.LessonPlanSubmitted;
import vn.truongso.remotesign.CredentialChanged;
import vn.truongso.remotesign.SignTransactionDecided;
import vn.truongso.report.SchoolReportMissed;
import vn.truongso.report.SchoolReportSubmitted;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;
import vn.truongso.signing.SignatureApplied;

/**
 * What the other capabilities tell about their actions, written into the audit trail. Synchronous listeners: each
 * runs inside the publisher's transaction.
 */
@Component
class AuditEvents {

    private final AuditLog log;
    private final UserDirectory users;

    AuditEvents(AuditLog log, UserDirectory users) {
        this.log = log;
        this.users = users;
    }

    @EventListener
    void on(DocumentVersionAdded e) {
        String action = switch (e.how()) {
            case UPLOADED -> "DOCUMENT_UPLOADED";
            case REVISED -> "DOCUMENT_VERSION_ADDED";
            case PRODUCED -> "DOCUMENT_VERSION_PRODUCED";
        };
        log.record(e.actor(), e.organisationCode(), action, "DOCUMENT", e.documentId().toString(), e.documentId(),
                e.digestBefore(), e.digestAfter(), "Phiên bản " + e.version() + (e.note() == null ? "" : ": " + e.note()));
    }

    @EventListener
    void on(TaskCompleted e) {
        log.record(e.actor(), e.organisationCode(), "TASK_COMPLETED", "TASK", e.taskId(), e.documentId(), null, null,
                (e.taskName() == null ? e.taskKey() : e.taskName()) + ": " + e.decision() + " (" + e.channel()
                        + "), quy trình " + e.processInstanceId());
    }

    @EventListener
    void on(SignatureApplied e) {
        log.record(e.signer(), e.signerOrganisation(), "DOCUMENT_SIGNED", "DOCUMENT", e.documentId().toString(),
                e.documentId(), e.digestBefore(), e.digestAfter(), "Chữ ký số (" + e.signerRole() + ") đưa vào văn bản: "
                        + "phiên bản " + e.baseVersion() + " → " + e.newVersion() + ", giao dịch ký " + e.transactionId());
    }

    @EventListener
    void on(SignTransactionDecided e) {
        String action = switch (e.outcome()) {
            case CONFIRMED -> "SIGN_TRANSACTION_CONFIRMED";
            case REJECTED -> "SIGN_TRANSACTION_REJECTED";
            case CODE_REFUSED -> "SIGN_TRANSACTION_CODE_REFUSED";
        };
        log.record(e.username(), organisationOf(e.username()), action, "SIGN_TRANSACTION", e.transactionId().toString(),
                null, null, null, e.displayText() + " (" + e.documents() + " văn bản; chứng thư " + e.credentialId() + ")");
    }

    @EventListener
    void on(CredentialChanged e) {
        // The administrator who acted is the signed-in user (or nobody: the demo credentials at start-up).
        log.record(null, organisationOf(e.holder()), "CREDENTIAL_" + e.change().name(), "CREDENTIAL",
                e.credentialId().toString(), null, null, null,
                "Chứng thư ký số của " + e.holder() + ", số sê-ri " + e.certificateSerialHex());
    }

    @EventListener
    void on(LessonPlanSubmitted e) {
        log.record(e.teacher(), e.schoolCode(), "LESSON_PLAN_SUBMITTED", "LESSON_PLAN", e.lessonPlanId().toString(),
                e.documentId(), e.documentSha256(), e.documentSha256(),
                "Nộp kế hoạch bài dạy (phiên bản " + e.documentVersion() + "), quy trình " + e.processInstanceId());
    }

    @EventListener
    void on(LessonPlanApproved e) {
        log.record(null, e.schoolCode(), "LESSON_PLAN_APPROVED", "LESSON_PLAN", e.lessonPlanId().toString(),
                e.documentId(), null, null, "Kế hoạch bài dạy của " + e.teacher() + " được phê duyệt");
    }

    @EventListener
    void on(EnrolmentApplied e) {
        log.record(null, e.schoolCode(), "ENROLMENT_APPLIED", "ENROLMENT", e.applicationId().toString(), null, null,
                null, (e.online() ? "Hồ sơ tuyển sinh nộp trực tuyến" : "Hồ sơ tuyển sinh nộp giấy, văn thư nhập")
                        + ", quy trình " + e.processInstanceId());
    }

    @EventListener
    void on(SchoolReportSubmitted e) {
        log.record(null, e.schoolCode(), "REPORT_SUBMITTED", "REPORT_CAMPAIGN", e.campaignId().toString(), null, null,
                null, "Trường gửi báo cáo " + (e.electronic() ? "điện tử" : "giấy (bản quét)")
                        + (e.late() ? ", trễ hạn" : ", đúng hạn") + ", quy trình " + e.processInstanceId());
    }

    @EventListener
    void on(SchoolReportMissed e) {
        log.record(null, e.schoolCode(), "REPORT_MISSED", "REPORT_CAMPAIGN", e.campaignId().toString(), null, null,
                null, "Hết hạn mà trường chưa gửi báo cáo, quy trình " + e.processInstanceId());
    }

    private String organisationOf(String username) {
        return username == null ? null : users.find(username).map(CurrentUser::organisationCode).orElse(null);
    }
}
