package vn.truongso.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** poppler's pdfsig, with an NSS database that trusts the sample root: the independent check of our signatures. */
final class Pdfsig {

    private final Path nssDir;

    /** @param intermediatePems CA certificates below the root, known to NSS (untrusted) so their CRLs can be loaded */
    Pdfsig(Path workDir, Path trustedRootPem, Path... intermediatePems) throws Exception {
        nssDir = workDir.resolve("nssdb");
        Files.createDirectories(nssDir);
        run(List.of("certutil", "-N", "--empty-password", "-d", "sql:" + nssDir));
        run(List.of("certutil", "-A", "-n", "truongso-sample-root", "-t", "CT,C,C", "-i", trustedRootPem.toString(),
                "-d", "sql:" + nssDir));
        for (Path ca : intermediatePems) {
            run(List.of("certutil", "-A", "-n", ca.getFileName().toString(), "-t", ",,", "-i", ca.toString(),
                    "-d", "sql:" + nssDir));
        }
    }

    /**
     * Gives NSS the current CRLs: pdfsig then checks revocation offline. (Online OCSP is off because the certificates
     * name the service's default port, not the test server's.)
     */
    void trustCrls(List<byte[]> derCrls) throws Exception {
        for (byte[] crl : derCrls) {
            Path file = Files.createTempFile(nssDir, "crl", ".der");
            Files.write(file, crl);
            run(List.of("crlutil", "-I", "-i", file.toString(), "-d", "sql:" + nssDir));
        }
    }

    String check(Path pdf) throws Exception {
        return run(List.of("pdfsig", "-nssdir", "sql:" + nssDir, "-no-ocsp", pdf.toString()));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException missing) {
            throw new IllegalStateException(command.get(0) + " is not installed: apt-get install -y poppler-utils "
                    + "libnss3-tools (see docs/testing.md)", missing);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return out;
    }
}
