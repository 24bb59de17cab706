package vn.truongso;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import vn.truongso.audit.AuditCommand;
import vn.truongso.pki.PkiCommand;
import vn.truongso.verification.VerifyCommand;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TruongSoApplication {
    public static void main(String[] args) {
        // `pki ...` and `verify ...` are command-line tools: they run without the web server and the database;
        // `audit verify` reads the configured database only.
        if (args.length > 0 && args[0].equals("pki")) {
            PkiCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("verify")) {
            VerifyCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("audit")) {
            AuditCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(TruongSoApplication.class, args);
    }
}
