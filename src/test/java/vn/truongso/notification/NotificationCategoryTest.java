package vn.truongso.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every kind the code sends has a category a person can choose for (no new kind silently lands in "other"). */
class NotificationCategoryTest {

    /** A call that leaves a notification, up to its end: notifier.toUser/toGroups/toCandidates(…) or tell(app, …). */
    static final Pattern CALL = Pattern.compile("(notifier\\.to(User|Groups|Candidates)|tell)\\(([^;]*);",
            Pattern.DOTALL);
    static final Pattern KIND = Pattern.compile("\"([A-Z][A-Z_]{3,})\"");

    @Test
    void everyKindTheCodeSendsHasItsCategory() throws IOException {
        Set<String> kinds = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/vn/truongso"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher call = CALL.matcher(Files.readString(file));
                while (call.find()) {
                    Matcher kind = KIND.matcher(call.group(3));
                    while (kind.find()) {
                        kinds.add(kind.group(1));
                    }
                }
            }
        }
        assertThat(kinds).contains("LESSON_PLAN_RETURNED", "TOTP_RESET", "ENROLMENT_ADMITTED", "REPORT_LATE");
        assertThat(kinds).allSatisfy(kind -> assertThat(NotificationCategory.of(kind)).as(kind)
                .isNotEqualTo(NotificationCategory.OTHER));
    }

    @Test
    void securityMessagesAreOfferedOnlyAtOnceAndSigningHasNoDigest() {
        assertThat(NotificationCategory.ACCOUNT.changeable()).isFalse();
        assertThat(NotificationCategory.ACCOUNT.offered()).containsExactly(Delivery.AT_ONCE);
        assertThat(NotificationCategory.SIGNING.offered()).doesNotContain(Delivery.DIGEST);
        assertThat(NotificationCategory.of("SIGN_WAITING")).isEqualTo(NotificationCategory.SIGNING);
        assertThat(NotificationCategory.of(null)).isEqualTo(NotificationCategory.OTHER);
    }
}
