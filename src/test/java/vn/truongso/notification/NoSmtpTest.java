package vn.truongso.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.support.IntegrationTest;

/** The embedded default has no SMTP server: notifications stay in the app, no mail is written, no sender runs. */
@IntegrationTest
class NoSmtpTest {

    @Autowired
    Notifier notifier;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    @Test
    void withoutSmtpTheNotificationIsStoredAndNoMailIsWritten() {
        String marker = "Không có máy chủ thư " + System.nanoTime();
        notifier.toUser("gv.lan", "LESSON_PLAN_APPROVED", marker, "/api/lesson-plans");

        assertThat(jdbc.queryForObject("select count(*) from notification where message = ?", Integer.class, marker))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where text_body like ?", Integer.class,
                "%" + marker + "%")).isZero();
        assertThat(context.getBeansOfType(OutboxSender.class)).isEmpty();
    }
}
