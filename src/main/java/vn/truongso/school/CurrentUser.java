package vn.truongso.school;

import java.util.List;
import java.util.Set;

/**
 * The signed-in person as other capabilities see them.
 *
 * @param organisationCode the school or office they work for (null for parents)
 * @param subjectGroupId   their subject group (tổ chuyên môn), for teachers and heads
 * @param groups           Camunda candidate groups they belong to
 * @param acting           an acting principal (quyền hiệu trưởng): signs as "Q. HIỆU TRƯỞNG"
 */
public record CurrentUser(String username, String fullName, String title, String organisationCode,
                          String organisationName, Set<Role> roles, String subjectGroupId, List<String> groups,
                          boolean acting) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean worksFor(String orgCode) {
        return organisationCode != null && organisationCode.equals(orgCode);
    }
}
