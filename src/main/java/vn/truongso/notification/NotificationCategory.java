package vn.truongso.notification;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import vn.truongso.school.Role;

/**
 * The kinds of event grouped as a person chooses how to hear of them (issue 14): one choice per category, not per
 * kind. A kind no category names falls under {@link #OTHER}, sent at once unless the person says otherwise.
 */
public enum NotificationCategory {
    /** A task arrives: a plan to review, a report asked of the school. */
    TASKS("Việc mới cần xử lý", List.of("TASK_ASSIGNED", "REPORT_REQUESTED"), true,
            EnumSet.allOf(Delivery.class)),
    /** Something of one's own came back to be mended. */
    RETURNS("Hồ sơ bị trả lại, cần bổ sung", List.of("LESSON_PLAN_RETURNED", "REPORT_RETURNED",
            "REPORT_RETURNED_BY_PRINCIPAL", "DOCUMENT_RETURNED", "ENROLMENT_PAPERS_REQUESTED"), true,
            EnumSet.allOf(Delivery.class)),
    /** A decision or an outcome: approved, received, admitted, a list ready. */
    RESULTS("Kết quả, quyết định", List.of("LESSON_PLAN_APPROVED", "REPORT_SUBMITTED", "DOCUMENT_RECEIVED",
            "ENROLMENT_ADMITTED", "ENROLMENT_NOT_ADMITTED", "ENROLMENT_ACCEPTED", "ENROLMENT_REJECTED",
            "ENROLMENT_LAPSED", "ENROLMENT_LIST_READY", "ENROLMENT_RECEIVED"), true, EnumSet.allOf(Delivery.class)),
    /** A deadline near or missed, a review waiting too long. */
    REMINDERS("Nhắc hạn, quá hạn", List.of("REVIEW_REMINDER", "REVIEW_ESCALATED", "REPORT_REMINDER",
            "REPORT_LATE"), true, EnumSet.allOf(Delivery.class)),
    /**
     * A signature waits for the one-time code, or lapsed. No digest: a sign transaction lasts minutes, so a message
     * the next morning would only say it is gone.
     */
    SIGNING("Chờ xác nhận ký số", List.of("SIGN_WAITING", "SIGN_EXPIRED"), true,
            EnumSet.of(Delivery.AT_ONCE, Delivery.NONE)),
    /**
     * Security messages about one's own account and signing credential, and who signs for the principal (ký thay):
     * always at once, never turned off.
     */
    ACCOUNT("Bảo mật tài khoản, chữ ký số", List.of("TOTP_ENROLLED", "TOTP_CHANGED", "TOTP_RESET",
            "CREDENTIAL_REVOKED", "DELEGATION_GRANTED", "DELEGATION_REVOKED"), false, EnumSet.of(Delivery.AT_ONCE)),
    /** Any kind not listed above (a new kind lands here until it is given a category). */
    OTHER("Thông báo khác", List.of(), true, EnumSet.allOf(Delivery.class));

    private final String label;
    private final List<String> kinds;
    private final boolean changeable;
    private final Set<Delivery> offered;

    NotificationCategory(String label, List<String> kinds, boolean changeable, Set<Delivery> offered) {
        this.label = label;
        this.kinds = kinds;
        this.changeable = changeable;
        this.offered = offered;
    }

    /** The category's name in the pages and the API, in Vietnamese. */
    public String label() {
        return label;
    }

    /** The notification kinds (as {@link Notifier} stores them) this category holds. */
    public List<String> kinds() {
        return kinds;
    }

    /** False for security messages: they are always sent at once. */
    public boolean changeable() {
        return changeable;
    }

    /** The deliveries a person may choose for this category. */
    public Set<Delivery> offered() {
        return EnumSet.copyOf(offered);
    }

    /** The category of a stored kind; {@link #OTHER} for a kind no category names (or null). */
    public static NotificationCategory of(String kind) {
        if (kind != null) {
            for (NotificationCategory c : values()) {
                if (c.kinds.contains(kind)) {
                    return c;
                }
            }
        }
        return OTHER;
    }

    /** Whether {@link #defaultFor} looks at the roles (so the roles are read only when they matter). */
    boolean defaultDependsOnRoles() {
        return this == TASKS;
    }

    /**
     * What a person gets who chose nothing: new tasks in the morning digest for principals, vice-principals and heads
     * of subject groups (they receive many a day), everything else at once.
     */
    public Delivery defaultFor(Set<Role> roles) {
        if (this == TASKS && roles != null && (roles.contains(Role.PRINCIPAL) || roles.contains(Role.VICE_PRINCIPAL)
                || roles.contains(Role.HEAD))) {
            return Delivery.DIGEST;
        }
        return Delivery.AT_ONCE;
    }
}
