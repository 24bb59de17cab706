package vn.truongso.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says once at start-up whether mail goes out: without {@code spring.mail.host} none is written or sent. */
@Component
class MailStartupNotice {

    private static final Logger log = LoggerFactory.getLogger(MailStartupNotice.class);

    private final Environment env;
    private final MailProperties properties;

    MailStartupNotice(Environment env, MailProperties properties) {
        this.env = env;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void tell() {
        String host = env.getProperty("spring.mail.host");
        if (host == null || host.isBlank()) {
            log.info("E-mail: no SMTP configured (spring.mail.host): no mail is written or sent, notifications stay "
                    + "in the app (docs/email.md)");
        } else {
            log.info("E-mail: sending through {}:{} as {}, links to {}", host,
                    env.getProperty("spring.mail.port", "25"), properties.from(), properties.baseUrl());
        }
    }
}
