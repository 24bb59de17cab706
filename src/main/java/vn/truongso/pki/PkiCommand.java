package vn.truongso.pki;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command line of the school PKI, run before and without Spring (no web server, no database), dispatched from
 * the application's main method:
 * {@code pki init <directory> [--sample] [--password-file F] [--ec] [--base-url URL] [--force]} and
 * {@code pki root-crl <directory> [--sample] [--password-file F] [--days N] [--revoke-issuing-ca REASON]}.
 * A school's own PKI never gets a password from this program: it comes from the operator (a file, the environment
 * variable {@value #PASSWORD_ENV} or the prompt); only the SAMPLE has the public one.
 */
public final class PkiCommand {

    static final String PASSWORD_ENV = "TRUONGSO_PKI_PASSWORD";
    static final int MIN_PASSWORD = 12;

    static final String USAGE = """
            Usage: java -jar truongso.jar pki init <directory> [--sample] [--password-file FILE] [--ec]
                                                  [--base-url URL] [--force]
              Creates the school's PKI: root CA, issuing CA, the TSA and OCSP-responder certificates, the root's
              CRL and a README. The password of the .p12 files comes from --password-file (its first line), else
              the environment variable TRUONGSO_PKI_PASSWORD, else a prompt; at least 12 characters.
              Afterwards move root-ca.p12 offline: the running service never opens it.
              --sample      the public SAMPLE (certs-sample/): demo signers too, and the published password
                            truongso-sample; never for real documents, refused by the prod profile
              --ec          ECDSA P-256 keys instead of RSA 2048
              --base-url    where the running service publishes CRL, OCSP and CA certificates
                            (default http://localhost:8080)
              --force       replace a PKI already in <directory>

                   java -jar truongso.jar pki root-crl <directory> [--sample] [--password-file FILE] [--days N]
                                                      [--revoke-issuing-ca REASON]
              Signs a new root-ca.crl with the root CA's key (root-ca.p12, offline), keeping every entry of the
              previous one; copy it into the service's PKI directory (it is picked up without a restart).
              --days        validity of the CRL (default 365)
              --revoke-issuing-ca  lists the issuing CA as revoked; REASON is one of unspecified, key-compromise,
                            ca-compromise, superseded, cessation-of-operation
            """;

    /** Asks the operator; null when there is no terminal. */
    interface Prompt {
        char[] ask(String question);
    }

    private PkiCommand() {
    }

    public static void main(String[] args) {
        Console console = System.console();
        int status = run(args, System.out, System.err, System.getenv(),
                question -> console == null ? null : console.readPassword("%s", question));
        if (status != 0) {
            System.exit(status);
        }
    }

    /** 0 when done, 1 when it failed, 2 for a wrong command line or no password. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Prompt prompt) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (!args[0].equals("init") && !args[0].equals("root-crl")) {
            err.println("Unknown pki command: " + args[0]);
            err.print(USAGE);
            return 2;
        }
        boolean init = args[0].equals("init");
        String dir = null;
        boolean ec = false;
        boolean force = false;
        boolean sample = false;
        String passwordFile = null;
        String baseUrl = PkiUrls.DEFAULT_BASE;
        int days = SamplePkiGenerator.ROOT_CRL_DAYS;
        Integer revokeReason = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            boolean needsValue = List.of("--base-url", "--password-file", "--days", "--revoke-issuing-ca").contains(a);
            if (needsValue && value == null) {
                if (i + 1 >= args.length) {
                    err.println(a + " needs a value");
                    return 2;
                }
                value = args[++i];
            }
            switch (a) {
                case "--sample" -> sample = true;
                case "--password-file" -> passwordFile = value;
                case "--ec", "--force", "--base-url" -> {
                    if (!init) {
                        return unexpected(a, err);
                    }
                    switch (a) {
                        case "--ec" -> ec = true;
                        case "--force" -> force = true;
                        default -> baseUrl = value;
                    }
                }
                case "--days", "--revoke-issuing-ca" -> {
                    if (init) {
                        return unexpected(a, err);
                    }
                    if (a.equals("--days")) {
                        try {
                            days = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            days = -1;
                        }
                        if (days < 1 || days > 3650) {
                            err.println("--days must be a number of days from 1 to 3650");
                            return 2;
                        }
                    } else {
                        revokeReason = caReason(value);
                        if (revokeReason == null) {
                            err.println("Unknown reason for revoking a CA: " + value);
                            return 2;
                        }
                    }
                }
                default -> {
                    if (a.startsWith("-") || dir != null) {
                        return unexpected(args[i], err);
                    }
                    dir = a;
                }
            }
        }
        if (dir == null) {
            err.println(init ? "Which directory? e.g. pki init /var/lib/truongso/pki" : "Which directory?");
            return 2;
        }
        if (init && !isHttpUrl(baseUrl)) {
            err.println("--base-url must be an http(s) URL, not: " + baseUrl);
            return 2;
        }
        if (sample && passwordFile != null) {
            err.println("--sample has the published password; --password-file is for a school's own PKI");
            return 2;
        }
        char[] password;
        if (sample) {
            password = PkiFiles.SAMPLE_PASSWORD.toCharArray();
        } else {
            try {
                password = password(passwordFile, env, prompt, init, err);
            } catch (IOException e) {
                err.println("Cannot read the password file: " + e.getMessage());
                return 2;
            }
            if (password == null) {
                return 2;
            }
        }
        Path target = Path.of(dir).toAbsolutePath().normalize();
        try {
            if (init) {
                List<Path> files = SamplePkiGenerator.generate(target,
                        new SamplePkiGenerator.Options(ec, baseUrl, force, sample, password), Instant.now());
                out.println((sample ? "SAMPLE school PKI" : "School PKI") + " (" + (ec ? "ECDSA P-256" : "RSA 2048")
                        + ", base URL " + PkiUrls.normaliseBase(baseUrl) + ") written to " + target + ":");
                files.forEach(f -> out.println("  " + f.getFileName()));
                if (sample) {
                    out.println("The password of the .p12 files is in " + target.resolve(PkiFiles.README)
                            + ". Never use these keys for real documents.");
                } else {
                    out.println("Now move " + target.resolve(PkiFiles.p12(PkiFiles.ROOT)) + " offline: the service "
                            + "never opens it; `pki root-crl` needs it to renew root-ca.crl.");
                }
            } else {
                X509CRL crl = OfflineRoot.signCrl(target, password, days, revokeReason, Instant.now());
                out.println("Root CA's CRL written to " + target.resolve(PkiFiles.ROOT_CRL) + ": "
                        + (crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size())
                        + " revoked, next update " + crl.getNextUpdate().toInstant()
                        + ". Copy it into the service's PKI directory.");
            }
            return 0;
        } catch (Exception e) {
            err.println("pki " + args[0] + " failed: " + e.getMessage());
            return 1;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** From the file, the environment or the prompt (twice for a new PKI); null after saying why not. */
    private static char[] password(String file, Map<String, String> env, Prompt prompt, boolean init,
                                   PrintStream err) throws IOException {
        char[] password;
        if (file != null) {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            password = lines.isEmpty() ? new char[0] : lines.get(0).toCharArray();
        } else if (env.get(PASSWORD_ENV) != null && !env.get(PASSWORD_ENV).isEmpty()) {
            password = env.get(PASSWORD_ENV).toCharArray();
        } else {
            password = prompt == null ? null : prompt.ask(init ? "Password for the new PKI's .p12 files: "
                    : "Password of root-ca.p12: ");
            if (password == null) {
                err.println("No password: give --password-file FILE, set " + PASSWORD_ENV
                        + " or run in a terminal to be asked (--sample makes the public SAMPLE)");
                return null;
            }
            if (init) {
                char[] again = prompt.ask("The same password again: ");
                if (again == null || !Arrays.equals(password, again)) {
                    err.println("The two passwords differ");
                    return null;
                }
            }
        }
        if (init && password.length < MIN_PASSWORD) {
            err.println("The password must have at least " + MIN_PASSWORD + " characters");
            return null;
        }
        for (char c : password) {
            // PKCS#12 password-based encryption takes ASCII only.
            if (c < 0x20 || c > 0x7e) {
                err.println("The password must be printable ASCII (letters without diacritics, digits, punctuation)");
                return null;
            }
        }
        if (init && Arrays.equals(password, PkiFiles.SAMPLE_PASSWORD.toCharArray())) {
            err.println("That is the SAMPLE's public password: choose another (or --sample for the sample)");
            return null;
        }
        return password;
    }

    private static Integer caReason(String name) {
        return switch (name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "unspecified" -> 0;
            case "key-compromise", "keycompromise" -> 1;
            case "ca-compromise", "cacompromise" -> 2;
            case "superseded" -> 4;
            case "cessation-of-operation", "cessationofoperation" -> 5;
            default -> null;
        };
    }

    private static int unexpected(String arg, PrintStream err) {
        err.println("Unexpected argument: " + arg);
        err.print(USAGE);
        return 2;
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
