package vn.truongso.school;

/**
 * How Camunda candidate groups are named, so that BPMN files and the inbox agree. Group ids carry the organisation,
 * so a group never spans two schools.
 */
public final class Groups {

    public static final String CAMUNDA_ADMIN = "camunda-admin";

    private Groups() {
    }

    /** e.g. {@code THCSHB.PRINCIPAL}: everyone with that role in that organisation. */
    public static String role(String organisationCode, Role role) {
        return organisationCode + "." + role.name();
    }

    /** e.g. {@code THCSHB-KHTN.HEAD}: the head(s) of one subject group. */
    public static String headsOf(String subjectGroupId) {
        return subjectGroupId + ".HEAD";
    }

    /** e.g. {@code THCSHB-KHTN}: every member of one subject group. */
    public static String membersOf(String subjectGroupId) {
        return subjectGroupId;
    }
}
