package vn.truongso.crash;

import org.springframework.boot.builder.SpringApplicationBuilder;
import vn.truongso.TruongSoApplication;
import vn.truongso.remotesign.SharedOtp;

/**
 * The application as the crash test runs it in a child JVM: TruongSoApplication with its own configuration (the
 * embedded default, job executor on), plus only the shared code clock of the test's authenticator.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(TruongSoApplication.class, SharedOtp.Config.class).run(args);
    }
}
