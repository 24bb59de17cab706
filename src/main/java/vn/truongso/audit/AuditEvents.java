package vn.truongso.audit;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.truongso.document.DocumentVersionAdded;
import vn.truongso.enrolment.EnrolmentApplied;
import vn.truongso.inbox.TaskCompleted;
import vn.truongso.lessonplan.LessonPlanApproved;
import vn.truongso.lessonplan.LessonPlanSubmitted;
import vn.truongso.notification.NotificationPreferencesChanged;
import vn.truongso.remotesign.CredentialChanged;
import vn.truongso.remotesign.SignTransactionDecided;
import vn.truongso.report.SchoolReportMissed;
import vn.truongso.report.SchoolReportSubmitted;
import vn.truongso.school.ApiTokenChanged;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.DelegationChanged;
import vn.truongso.school.LoginFailed;
import vn.truongso.school.LoginLocked;
import vn.truongso.common.VietnamTime;
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

    @EventListener
    void on(DelegationChanged e) {
        String what = e.change() == DelegationChanged.Change.GRANTED ? "Giao ký thay hiệu trưởng (KT.) cho "
                : "Thu hồi việc giao ký thay hiệu trưởng (KT.) của ";
        log.record(e.actor(), e.schoolCode(), "DELEGATION_" + e.change().name(), "DELEGATION",
                e.delegationId().toString(), null, null, null, what + e.delegate() + ": " + e.scope().text() + ", "
                        + e.validFrom().format(VietnamTime.DAY) + " – " + e.validTo().format(VietnamTime.DAY));
    }

    @EventListener
    void on(NotificationPreferencesChanged e) {
        java.util.StringJoiner what = new java.util.StringJoiner("; ", "Đổi cách nhận thông báo qua thư điện tử: ", "");
        e.changes().forEach((category, delivery) -> what.add(category.label() + " → " + delivery.label()));
        log.record(e.username(), e.organisationCode(), "NOTIFICATION_PREFERENCES_CHANGED", "USER_ACCOUNT",
                e.username(), null, null, null, what.toString());
    }

    /** A bearer token of /api issued or revoked by its user; never the token, only until when it was valid. */
    @EventListener
    void on(ApiTokenChanged e) {
        String until = e.expiresAt() == null ? "" : ", hiệu lực đến "
                + VietnamTime.of(e.expiresAt()).format(VietnamTime.MINUTE);
        log.record(e.username(), organisationOf(e.username()), "API_TOKEN_" + e.change().name(), "USER_ACCOUNT",
                e.username(), null, null, null, (e.change() == ApiTokenChanged.Change.ISSUED
                        ? "Cấp token truy cập API (đăng nhập bằng mật khẩu)" : "Thu hồi token truy cập API") + until);
    }

    /** A wrong password: the name tried is the actor (it may not exist), the address is the request's. */
    @EventListener
    void on(LoginFailed e) {
        String name = printable(e.username());
        log.record(name.isEmpty() ? "?" : name, organisationOf(name), "LOGIN_FAILED", "USER_ACCOUNT", name, null, null,
                null, "Sai mật khẩu hoặc tài khoản không tồn tại, từ địa chỉ " + e.address());
    }

    @EventListener
    void on(LoginLocked e) {
        String until = VietnamTime.of(e.until()).format(VietnamTime.MINUTE);
        if (e.addressBlock()) {
            log.record("?", null, e.refusal() ? "LOGIN_REFUSED_ADDRESS_BLOCKED" : "LOGIN_ADDRESS_BLOCKED", "ADDRESS",
                    printable(e.address()), null, null, null, (e.refusal() ? "Từ chối đăng nhập từ địa chỉ đang bị chặn "
                            : "Chặn đăng nhập từ địa chỉ ") + e.address() + " đến " + until);
            return;
        }
        String name = printable(e.username());
        log.record(name.isEmpty() ? "?" : name, organisationOf(name), e.refusal() ? "LOGIN_REFUSED_LOCKED" : "LOGIN_LOCKED",
                "USER_ACCOUNT", name, null, null, null, (e.refusal() ? "Từ chối đăng nhập vào tài khoản đang tạm khoá"
                        : "Tạm khoá tài khoản do nhập sai mật khẩu nhiều lần") + " đến " + until
                        + ", từ địa chỉ " + e.address());
    }

    /** A name someone typed: no control characters, at most the column's 64 characters. */
    private static String printable(String s) {
        String p = s == null ? "" : s.replaceAll("\\p{Cntrl}", "");
        return p.length() > 64 ? p.substring(0, 64) : p;
    }

    private String organisationOf(String username) {
        return username == null ? null : users.find(username).map(CurrentUser::organisationCode).orElse(null);
    }
}
