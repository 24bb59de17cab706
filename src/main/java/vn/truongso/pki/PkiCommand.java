package vn.truongso.pki;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The command line of the school PKI: {@code pki init <directory> [--ec] [--base-url URL] [--force]}. It runs before
 * and without Spring (no web server, no database), dispatched from the application's main method.
 */
public final class PkiCommand {

    static final String USAGE = """
            Usage: java -jar truongso.jar pki init <directory> [--ec] [--base-url URL] [--force]
              Creates a SAMPLE school PKI (never for real documents): root CA, issuing CA, one signing
              certificate per demo signer, the TSA and OCSP-responder certificates, CRLs and a README.
              --ec          ECDSA P-256 keys instead of RSA 2048
              --base-url    where the running service publishes CRL, OCSP and CA certificates
                            (default http://localhost:8080)
              --force       replace a PKI already in <directory>
            """;

    private PkiCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** 0 when done, 1 when it failed, 2 for a wrong command line. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (!args[0].equals("init")) {
            err.println("Unknown pki command: " + args[0]);
            err.print(USAGE);
            return 2;
        }
        String dir = null;
        boolean ec = false;
        boolean force = false;
        String baseUrl = PkiUrls.DEFAULT_BASE;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--ec" -> ec = true;
                case "--force" -> force = true;
                case "--base-url" -> {
                    if (i + 1 >= args.length) {
                        err.println("--base-url needs a URL");
                        return 2;
                    }
                    baseUrl = args[++i];
                }
                default -> {
                    if (args[i].startsWith("--base-url=")) {
                        baseUrl = args[i].substring("--base-url=".length());
                    } else if (args[i].startsWith("-") || dir != null) {
                        err.println("Unexpected argument: " + args[i]);
                        err.print(USAGE);
                        return 2;
                    } else {
                        dir = args[i];
                    }
                }
            }
        }
        if (dir == null) {
            err.println("Which directory? e.g. pki init certs-sample");
            return 2;
        }
        if (!isHttpUrl(baseUrl)) {
            err.println("--base-url must be an http(s) URL, not: " + baseUrl);
            return 2;
        }
        try {
            Path target = Path.of(dir).toAbsolutePath().normalize();
            List<Path> files = SamplePkiGenerator.generate(target,
                    new SamplePkiGenerator.Options(ec, baseUrl, force), Instant.now());
            out.println("SAMPLE school PKI (" + (ec ? "ECDSA P-256" : "RSA 2048") + ", base URL "
                    + PkiUrls.normaliseBase(baseUrl) + ") written to " + target + ":");
            files.forEach(f -> out.println("  " + f.getFileName()));
            out.println("The password of the .p12 files is in " + target.resolve(PkiFiles.README)
                    + ". Never use these keys for real documents.");
            return 0;
        } catch (Exception e) {
            err.println("pki init failed: " + e.getMessage());
            return 1;
        }
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = URI.create(s.strip());
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                    && (u.getRawQuery() == null && u.getRawFragment() == null);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
