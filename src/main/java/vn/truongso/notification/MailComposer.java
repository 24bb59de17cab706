package vn.truongso.notification;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Writes mails from the templates under {@code templates/mail/}: {@code events.properties} holds each kind of event's
 * subject, heading and button (one entry per event), {@code notification.html}/{@code .txt} and
 * {@code digest.html}/{@code .txt} the HTML and plain-text bodies. Engines of its own, apart from the pages'.
 */
@Component
class MailComposer {

    record Mail(String subject, String text, String html) {
    }

    /** One line of a digest: how many of what, and the notifications themselves. */
    record DigestGroup(int count, String label, List<DigestItem> items) {
    }

    record DigestItem(String message, String url) {
    }

    private static final int SUBJECT_DETAIL = 120;

    private final TemplateEngine html = engine(TemplateMode.HTML, ".html");
    private final TemplateEngine text = engine(TemplateMode.TEXT, ".txt");
    private final Properties events = load("templates/mail/events.properties");
    private final MailProperties properties;

    MailComposer(MailProperties properties) {
        this.properties = properties;
    }

    /**
     * @param greeting "Thầy/Cô Nguyễn Thị Lan" or "Quý phụ huynh Đặng Văn Bình"
     * @param sender   the school or office the mail speaks for
     */
    Mail notification(String kind, String greeting, String message, String link, String sender) {
        String detail = message.length() <= SUBJECT_DETAIL ? message : message.substring(0, SUBJECT_DETAIL - 1) + "…";
        String subject = event(kind, "subject", "Thông báo mới: {0}").replace("{0}", detail);
        Context c = new Context();
        c.setVariable("greeting", greeting);
        c.setVariable("heading", event(kind, "heading", "Thông báo mới"));
        c.setVariable("message", message);
        c.setVariable("url", properties.absolute(link));
        c.setVariable("action", event(kind, "action", "Xem chi tiết"));
        c.setVariable("sender", sender);
        c.setVariable("preferencesUrl", properties.absolute("/home"));
        return new Mail("[" + sender + "] " + subject, text.process("notification", c), html.process("notification", c));
    }

    /** The morning digest: "Thầy/Cô có 12 việc …" with every notification it collects. */
    Mail digest(String greeting, List<DigestGroup> groups, String sender) {
        int total = groups.stream().mapToInt(DigestGroup::count).sum();
        String subject = groups.size() == 1 ? "Thầy/Cô có " + total + " " + groups.get(0).label()
                : "Thầy/Cô có " + total + " việc và thông báo mới";
        Context c = new Context();
        c.setVariable("greeting", greeting);
        c.setVariable("summary", subject);
        c.setVariable("groups", groups);
        c.setVariable("sender", sender);
        c.setVariable("preferencesUrl", properties.absolute("/home"));
        return new Mail("[" + sender + "] Bản tin buổi sáng: " + subject, text.process("digest", c),
                html.process("digest", c));
    }

    /** What a digest calls {@code count} notifications of a kind, e.g. "kế hoạch bài dạy được trả lại". */
    String digestLabel(String kind) {
        return event(kind, "digest", "thông báo mới");
    }

    private String event(String kind, String field, String fallback) {
        return events.getProperty(kind + "." + field, fallback);
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver r = new ClassLoaderTemplateResolver();
        r.setPrefix("templates/mail/");
        r.setSuffix(suffix);
        r.setTemplateMode(mode);
        r.setCharacterEncoding("UTF-8");
        r.setCacheable(true);
        // Spring's engine: Spring expressions, as the pages use (plain Thymeleaf would want OGNL).
        TemplateEngine e = new SpringTemplateEngine();
        e.setTemplateResolver(r);
        return e;
    }

    private static Properties load(String path) {
        Properties p = new Properties();
        try (Reader in = new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("mail templates missing: " + path, e);
        }
        return p;
    }
}
