package vn.truongso.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.school.Role;

/**
 * Schools the load harnesses insert by SQL under the demo office VHXH-HB: a principal and subject groups (tổ chuyên
 * môn) of a head (HEAD + TEACHER) and teachers, password "demo", named from the school's code (ht.p0001,
 * tt.p0001.0, gv.p0001.0.3, group P0001-T0).
 */
final class SeededSchools {

    static final String[] SUBJECTS = {"Toán", "Ngữ văn", "Khoa học tự nhiên", "Lịch sử và Địa lí"};

    record Group(String id, String subject, String head, List<String> teachers) {
    }

    record School(String code, String principal, List<Group> groups) {
        List<String> everyone() {
            List<String> all = new ArrayList<>(List.of(principal));
            for (Group g : groups) {
                all.add(g.head());
                all.addAll(g.teachers());
            }
            return all;
        }
    }

    private SeededSchools() {
    }

    static String group(String school, int g) {
        return school + "-T" + g;
    }

    static String principal(String school) {
        return "ht." + school.toLowerCase(Locale.ROOT);
    }

    static String head(String school, int g) {
        return "tt." + school.toLowerCase(Locale.ROOT) + "." + g;
    }

    static String teacher(String school, int g, int i) {
        return "gv." + school.toLowerCase(Locale.ROOT) + "." + g + "." + i;
    }

    static String subject(int g) {
        return SUBJECTS[g % SUBJECTS.length];
    }

    /** One school (number {@code n} in its name) with its people, in three batches. */
    static School insert(JdbcTemplate jdbc, String passwordHash, String code, String name, int n, int groups,
                         int teachersPerGroup) {
        jdbc.update("insert into organisation (code, name, kind, parent_code) values (?, ?, 'LOWER_SECONDARY_SCHOOL',"
                + " 'VHXH-HB')", code, name);
        List<Object[]> groupRows = new ArrayList<>();
        List<Object[]> users = new ArrayList<>();
        List<Object[]> roles = new ArrayList<>();
        String principal = principal(code);
        users.add(new Object[] {principal, "Hiệu trưởng trường " + n, passwordHash, "Hiệu trưởng", code, null, null});
        roles.add(new Object[] {principal, Role.PRINCIPAL.name()});
        List<Group> made = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            String group = group(code, g);
            String head = head(code, g);
            groupRows.add(new Object[] {group, code, "Tổ " + subject(g) + " " + g});
            users.add(new Object[] {head, "Tổ trưởng " + g + " trường " + n, passwordHash, "Tổ trưởng", code, group,
                    subject(g)});
            roles.add(new Object[] {head, Role.HEAD.name()});
            roles.add(new Object[] {head, Role.TEACHER.name()});
            List<String> teachers = new ArrayList<>();
            for (int i = 0; i < teachersPerGroup; i++) {
                String teacher = teacher(code, g, i);
                teachers.add(teacher);
                users.add(new Object[] {teacher, "Giáo viên " + g + "." + i + " trường " + n, passwordHash,
                        "Giáo viên", code, group, subject(g)});
                roles.add(new Object[] {teacher, Role.TEACHER.name()});
            }
            made.add(new Group(group, subject(g), head, teachers));
        }
        jdbc.batchUpdate("insert into subject_group (id, school_code, name) values (?, ?, ?)", groupRows);
        jdbc.batchUpdate("insert into user_account (username, full_name, password_hash, title, organisation_code, "
                + "subject_group_id, subject) values (?, ?, ?, ?, ?, ?, ?)", users);
        jdbc.batchUpdate("insert into user_role (username, role) values (?, ?)", roles);
        return new School(code, principal, made);
    }
}
