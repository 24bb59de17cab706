package vn.truongso.remotesign;

import java.util.Collection;
import org.springframework.context.ApplicationContext;

/**
 * Signing identities for users a load harness seeded: the way the demo data gives demo signers theirs
 * ({@link RemoteSignDemoData}): a key pair made here, a certificate from the school PKI, the demo TOTP secret
 * ({@link TestOtp#DEMO_SECRET}). Test code only: the service method is the package's own.
 */
public final class BenchSigners {

    private BenchSigners() {
    }

    /** Issues a credential to each user (a signer by role, none yet); answers how many were issued. */
    public static int enrol(ApplicationContext app, Collection<String> usernames) {
        Credentials credentials = app.getBean(Credentials.class);
        int issued = 0;
        for (String username : usernames) {
            credentials.issueForDemo(username, Totp.fromBase32(TestOtp.DEMO_SECRET))
                    .orElseThrow(() -> new IllegalStateException(username + " is no signer"));
            issued++;
        }
        return issued;
    }
}
