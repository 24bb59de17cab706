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

    /** The organisation of a role's group ({@code THCSHB} for {@code THCSHB.PRINCIPAL}); null if it is not one. */
    public static String organisationOf(String group, Role role) {
        String suffix = "." + role.name();
        return group != null && group.endsWith(suffix) && group.length() > suffix.length()
                ? group.substring(0, group.length() - suffix.length()) : null;
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
