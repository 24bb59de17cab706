package vn.truongso;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import vn.truongso.pki.PkiCommand;

@SpringBootApplication
public class TruongSoApplication {
    public static void main(String[] args) {
        // `pki ...` is a command-line tool: it must run without the web server and the database.
        if (args.length > 0 && args[0].equals("pki")) {
            PkiCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(TruongSoApplication.class, args);
    }
}
