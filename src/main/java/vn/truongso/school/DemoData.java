package vn.truongso.school;

import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo education office and schools of the embedded default (password "demo" for everyone). Never in the
 * production profile: both the profile and the property must allow it. Names are fictional.
 */
@Component
@Profile("!prod")
@ConditionalOnProperty(name = "truongso.demo-data", havingValue = "true")
@Order(Ordered.HIGHEST_PRECEDENCE)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final OrganisationRepository organisations;
    private final SubjectGroupRepository groups;
    private final UserAccountRepository users;
    private final PasswordEncoder encoder;
    private final OrganisationKinds kinds;

    DemoData(OrganisationRepository organisations, SubjectGroupRepository groups, UserAccountRepository users,
             PasswordEncoder encoder, OrganisationKinds kinds) {
        this.organisations = organisations;
        this.groups = groups;
        this.users = users;
        this.encoder = encoder;
        this.kinds = kinds;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.existsById("admin")) {
            if (!users.existsById("pht.an") && organisations.existsById("THCSHB")) {
                // a demo database made before the vice-principal existed
                vicePrincipal(encoder.encode("demo"));
            }
            return;
        }
        org("SGD-DEMO", "Sở GDĐT (demo)", "PROVINCIAL_DEPARTMENT", null);
        org("VHXH-HB", "Phòng Văn hóa – Xã hội phường Hòa Bình", "COMMUNE_OFFICE", "SGD-DEMO");
        org("THCSHB", "Trường THCS Hòa Bình", "LOWER_SECONDARY_SCHOOL", "VHXH-HB");
        org("THCSAP", "Trường THCS An Phú", "LOWER_SECONDARY_SCHOOL", "VHXH-HB");
        groups.save(new SubjectGroup("THCSHB-KHTN", "THCSHB", "Tổ Khoa học tự nhiên"));
        groups.save(new SubjectGroup("THCSAP-KHTN", "THCSAP", "Tổ Khoa học tự nhiên"));

        String demo = encoder.encode("demo");
        user("admin", "Quản trị hệ thống", demo, "Quản trị viên", "SGD-DEMO", null, null, EnumSet.of(Role.ADMIN));
        user("cv.nam", "Trần Văn Nam", demo, "Chuyên viên", "VHXH-HB", null, null, EnumSet.of(Role.OFFICER));
        user("gv.lan", "Nguyễn Thị Lan", demo, "Giáo viên", "THCSHB", "THCSHB-KHTN", "Toán", EnumSet.of(Role.TEACHER));
        user("tt.hung", "Lê Văn Hùng", demo, "Tổ trưởng tổ Khoa học tự nhiên", "THCSHB", "THCSHB-KHTN", "Vật lí",
                EnumSet.of(Role.HEAD, Role.TEACHER));
        user("ht.mai", "Phạm Thị Mai", demo, "Hiệu trưởng", "THCSHB", null, null, EnumSet.of(Role.PRINCIPAL));
        vicePrincipal(demo);
        user("vt.hoa", "Đỗ Thị Hoa", demo, "Văn thư", "THCSHB", null, null, EnumSet.of(Role.CLERK));
        user("gv.tuan", "Hoàng Minh Tuấn", demo, "Giáo viên", "THCSAP", "THCSAP-KHTN", "Toán", EnumSet.of(Role.TEACHER));
        user("tt.linh", "Vũ Thùy Linh", demo, "Tổ trưởng tổ Khoa học tự nhiên", "THCSAP", "THCSAP-KHTN", "Hóa học",
                EnumSet.of(Role.HEAD, Role.TEACHER));
        user("ht.son", "Bùi Văn Sơn", demo, "Hiệu trưởng", "THCSAP", null, null, EnumSet.of(Role.PRINCIPAL));
        user("vt.thu", "Ngô Thị Thu", demo, "Văn thư", "THCSAP", null, null, EnumSet.of(Role.CLERK));
        user("ph.binh", "Đặng Văn Bình", demo, "Phụ huynh", null, null, null, EnumSet.of(Role.PARENT));
        log.info("Demo data created: offices SGD-DEMO, VHXH-HB; schools THCSHB, THCSAP; 13 demo users (password 'demo')");
    }

    /** Signs for the principal (KT. HIỆU TRƯỞNG) while she delegates her approvals to him (ký thay). */
    private void vicePrincipal(String hash) {
        user("pht.an", "Trịnh Văn An", hash, "Phó hiệu trưởng", "THCSHB", null, null, EnumSet.of(Role.VICE_PRINCIPAL));
    }

    private void org(String code, String name, String kind, String parent) {
        kinds.requireKnown(kind);
        organisations.save(new Organisation(code, name, kind, parent));
    }

    private void user(String username, String fullName, String hash, String title, String org, String group,
                      String subject, Set<Role> roles) {
        // Example addresses (issue 14): mail to them goes nowhere unless a test server catches it.
        users.save(new UserAccount(username, fullName, hash, title, org, group, subject,
                username + "@demo.truongso.vn", roles));
    }
}
