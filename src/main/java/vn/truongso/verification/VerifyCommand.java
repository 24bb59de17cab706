package vn.truongso.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.truongso.common.ApiException;
import vn.truongso.verification.VerificationReport.Verdict;

/**
 * {@code java -jar truongso.jar verify FILE.pdf [--trust root.pem]... [--json]}: verifies a PDF without the web
 * server or the database and prints the report in Vietnamese (or as JSON). Exit code 0 when the verdict is VALID,
 * 2 when the file is refused as input (not a readable PDF, encrypted, beyond {@code truongso.pdf} limits), 1 otherwise
 * (including VALID_WITH_WARNINGS and usage errors). No network: revocation data comes from the document.
 */
public final class VerifyCommand {

    static final String USAGE = """
            Cách dùng: java -jar truongso.jar verify TỆP.pdf [--trust chung-thu-goc.pem]... [--json]
              --trust TỆP  chứng thư gốc tin cậy (PEM hoặc DER); có thể lặp lại
              --json       in báo cáo dạng JSON
            Mã thoát: 0 khi tài liệu HỢP LỆ, 2 khi tệp không phải PDF đọc được hoặc vượt giới hạn xử lý,
            1 trong mọi trường hợp khác.""";

    private VerifyCommand() {
    }

    /** Called by TruongSoApplication with the arguments after "verify"; ends the JVM with the exit code. */
    public static void main(String[] args) {
        quietLogging();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** The command itself, for callers that keep the JVM: answers the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        List<Path> trust = new ArrayList<>();
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--trust") && i + 1 < args.length) {
                trust.add(Path.of(args[++i]));
            } else if (a.startsWith("--trust=")) {
                trust.add(Path.of(a.substring("--trust=".length())));
            } else if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 1;
            } else if (!a.startsWith("--") && file == null) {
                file = Path.of(a);
            } else {
                err.println("Tham số không hợp lệ: " + a);
                err.println(USAGE);
                return 1;
            }
        }
        if (file == null) {
            err.println(USAGE);
            return 1;
        }
        try {
            List<X509Certificate> anchors = new ArrayList<>();
            for (Path p : trust) {
                anchors.addAll(TrustAnchors.fromFile(p));
            }
            byte[] pdf = Files.readAllBytes(file);
            VerificationReport report = new PdfVerifier(anchors, null, Clock.systemUTC()).verify(pdf);
            if (json) {
                out.println(new ObjectMapper().registerModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            } else {
                out.print(ReportText.render(file.getFileName().toString(), report));
            }
            return report.verdict() == Verdict.VALID ? 0 : 1;
        } catch (IOException e) {
            err.println("Không đọc được tệp: " + e.getMessage());
            return 1;
        } catch (ApiException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /** Library logging would drown the report; the command says what matters itself. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.OFF);
        }
    }
}
