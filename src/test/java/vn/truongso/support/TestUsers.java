package vn.truongso.support;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * People a test makes for itself in the one shared database (a teacher whose account it may lock, an administrator of
 * one school, a parent of another family), so that it never disturbs the demo users other tests rely on. One place
 * writes the account and its roles instead of the same two statements copied into every test; the names, titles and
 * schools stay in the test, since what it asserts hangs on them.
 */
public final class TestUsers {

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    public TestUsers(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /** Without the application's encoder: the people get a given hash or another user's. */
    public TestUsers(JdbcTemplate jdbc) {
        this(jdbc, null);
    }

    /** A new enabled person with no title, school or roles yet; {@link Person#insert()} writes it. */
    public Person person(String username, String fullName) {
        return new Person(username, fullName);
    }

    /** Disabled, not deleted: what the person did (audit, notifications, signatures) still points at the account. */
    public void disable(String username) {
        jdbc.update("update user_account set enabled = false where username = ?", username);
    }

    /** The account and its roles gone, for a person who left nothing behind that points at it. */
    public void delete(String username) {
        jdbc.update("delete from user_role where username = ?", username);
        jdbc.update("delete from user_account where username = ?", username);
    }

    /** One person to insert; every setter answers the same person. */
    public final class Person {

        private final String username;
        private final String fullName;
        private final List<String> roles = new ArrayList<>();
        private String passwordHash;
        private String title;
        private String organisation;
        private String subjectGroup;
        private String subject;
        private boolean acting;

        private Person(String username, String fullName) {
            this.username = username;
            this.fullName = fullName;
        }

        public Person title(String title) {
            this.title = title;
            return this;
        }

        public Person organisation(String code) {
            this.organisation = code;
            return this;
        }

        /** The subject group (e.g. THCSHB-KHTN) and the subject the person teaches in it. */
        public Person subject(String groupId, String subject) {
            this.subjectGroup = groupId;
            this.subject = subject;
            return this;
        }

        /** Holds the title's post only for now ("Q. HIỆU TRƯỞNG"). */
        public Person acting() {
            this.acting = true;
            return this;
        }

        public Person roles(String... roles) {
            this.roles.addAll(List.of(roles));
            return this;
        }

        /** Hashed by the application's encoder, so the person signs in with it as a real user would. */
        public Person password(String password) {
            if (encoder == null) {
                throw new IllegalStateException("new TestUsers(jdbc, encoder) to hash a password");
            }
            this.passwordHash = encoder.encode(password);
            return this;
        }

        /** A hash as stored, e.g. one no password matches. */
        public Person passwordHash(String hash) {
            this.passwordHash = hash;
            return this;
        }

        /** The same password as an existing user, without hashing it again (a BCrypt hash costs time). */
        public Person passwordOf(String existingUser) {
            this.passwordHash = jdbc.queryForObject("select password_hash from user_account where username = ?",
                    String.class, existingUser);
            return this;
        }

        /** Writes the enabled account and its roles; answers the username. */
        public String insert() {
            if (passwordHash == null) {
                throw new IllegalStateException(username + " has no password: password(…), passwordHash(…) or "
                        + "passwordOf(…)");
            }
            jdbc.update("insert into user_account (username, full_name, password_hash, title, organisation_code, "
                    + "subject_group_id, subject, acting, enabled) values (?, ?, ?, ?, ?, ?, ?, ?, true)", username,
                    fullName, passwordHash, title, organisation, subjectGroup, subject, acting);
            for (String role : roles) {
                jdbc.update("insert into user_role (username, role) values (?, ?)", username, role);
            }
            return username;
        }
    }
}
