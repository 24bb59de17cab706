package vn.truongso.audit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * {@code java -jar truongso.jar audit verify [--spring.datasource.url=…] [--spring.profiles.active=prod]}: checks
 * the audit trail's hash chain in the configured database without starting the web server, the process engine or
 * anything else: only the configuration is read (application.yml, profiles, environment, these arguments), then one
 * JDBC connection. Exit code 0 when the chain is intact, 1 when it is broken (the first broken entry is named),
 * 2 when it cannot be checked.
 */
public final class AuditCommand {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int CANNOT_CHECK = 2;

    static final String USAGE = """
            Cách dùng: java -jar truongso.jar audit verify [--spring.datasource.url=URL] [--spring.datasource.username=…]
                                                           [--spring.datasource.password=…] [--spring.profiles.active=prod]
              Kiểm tra chuỗi băm của nhật ký kiểm toán trong cơ sở dữ liệu đã cấu hình.
            Mã thoát: 0 khi chuỗi nguyên vẹn, 1 khi chuỗi bị phá vỡ (nêu mục hỏng đầu tiên), 2 khi không kiểm tra được.""";

    private AuditCommand() {
    }

    /** Called by TruongSoApplication with the arguments after "audit"; ends the JVM with the exit code. */
    public static void main(String[] args) {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.OFF);
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** The command itself, for callers that keep the JVM: answers the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !args[0].equals("verify")) {
            err.println(USAGE);
            return CANNOT_CHECK;
        }
        String[] settings = Arrays.copyOfRange(args, 1, args.length);
        for (String a : settings) {
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return CANNOT_CHECK;
            }
            if (!a.startsWith("--") || !a.contains("=")) {
                err.println("Tham số không hợp lệ: " + a);
                err.println(USAGE);
                return CANNOT_CHECK;
            }
        }
        String url;
        String user;
        String password;
        try (ConfigurableApplicationContext context = configuration(settings)) {
            Environment env = context.getEnvironment();
            url = env.getProperty("spring.datasource.url");
            user = env.getProperty("spring.datasource.username");
            password = env.getProperty("spring.datasource.password");
        } catch (RuntimeException e) {
            err.println("Không đọc được cấu hình: " + e.getMessage());
            return CANNOT_CHECK;
        }
        if (url == null || url.isBlank()) {
            err.println("Chưa cấu hình cơ sở dữ liệu (spring.datasource.url).");
            return CANNOT_CHECK;
        }
        try (Connection c = DriverManager.getConnection(existingOnly(url), user, password)) {
            c.setReadOnly(true);
            AuditChain.Verification v = AuditChain.verify(c);
            if (v.intact()) {
                out.println(v.message());
                out.println("Số thứ tự cuối: " + v.lastSeq() + "; giá trị băm cuối: " + v.lastHash());
                return INTACT;
            }
            out.println("CHUỖI NHẬT KÝ BỊ PHÁ VỠ tại mục số " + v.brokenSeq() + " (" + label(v.problem()) + "): "
                    + v.message());
            out.println("Đã kiểm tra " + v.entries() + " mục nguyên vẹn trước đó.");
            return BROKEN;
        } catch (SQLException e) {
            err.println("Không kiểm tra được nhật ký trong " + url + ": " + e.getMessage());
            return CANNOT_CHECK;
        }
    }

    static String label(AuditChain.Problem p) {
        return switch (p) {
            case EDITED -> "bị sửa";
            case MISSING -> "bị thiếu (đã xoá)";
            case OUT_OF_ORDER -> "sai thứ tự";
        };
    }

    /**
     * The application's configuration, read the way the service reads it, in a context that holds nothing else: no
     * auto-configuration, no web server, no database, and the logging of the JVM left as it is.
     */
    private static ConfigurableApplicationContext configuration(String[] settings) {
        SpringApplication app = new SpringApplication(Settings.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setRegisterShutdownHook(false);
        app.setDefaultProperties(Map.of("spring.main.lazy-initialization", "true"));
        app.setListeners(app.getListeners().stream().filter(l -> !(l instanceof LoggingApplicationListener)).toList());
        return app.run(settings);
    }

    /** An embedded H2 file database that does not exist yet is an error here, not a new empty database. */
    static String existingOnly(String url) {
        if (url.startsWith("jdbc:h2:file:") || (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")
                && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:"))) {
            return url.toUpperCase().contains("IFEXISTS=") ? url : url + ";IFEXISTS=TRUE";
        }
        return url;
    }

    /** The configuration context's only source: nothing in it. */
    static final class Settings {
    }
}
