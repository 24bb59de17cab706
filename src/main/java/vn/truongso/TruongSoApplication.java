package vn.truongso;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import vn.truongso.verification.VerifyCommand;

@SpringBootApplication
public class TruongSoApplication {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("verify")) {
            VerifyCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(TruongSoApplication.class, args);
    }
}
