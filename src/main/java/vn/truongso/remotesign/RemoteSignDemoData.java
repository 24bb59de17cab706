package vn.truongso.remotesign;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import vn.truongso.pki.SchoolPki;

/**
 * Demo credentials (embedded default only, like the demo users): every demo signer keeps the sample PKI's key and
 * certificate, so signatures stay as they were, encrypted at rest like any other; a demo signer the sample has no
 * certificate for (the vice-principal pht.an, added after the sample was made) gets a key and a certificate from the
 * school PKI at start-up instead. TOTP secret JBSWY3DPEHPK3PXP for all of them — public, demo only.
 */
@Component
@Profile("!prod")
@ConditionalOnProperty(name = "truongso.demo-data", havingValue = "true")
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RemoteSignDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RemoteSignDemoData.class);
    static final String DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";
    static final List<String> SIGNERS = List.of("gv.lan", "tt.hung", "ht.mai", "pht.an", "vt.hoa", "gv.tuan",
            "tt.linh", "ht.son", "vt.thu");

    private final Credentials credentials;
    private final SchoolPki pki;

    RemoteSignDemoData(Credentials credentials, SchoolPki pki) {
        this.credentials = credentials;
        this.pki = pki;
    }

    @Override
    public void run(ApplicationArguments args) {
        int made = 0;
        for (String username : SIGNERS) {
            if (!credentials.of(username).isEmpty()) {
                continue;
            }
            var signer = pki.signer(username);
            if (signer.isPresent()) {
                credentials.importExisting(username, signer.get().privateKey(), signer.get().certificate(),
                        Totp.fromBase32(DEMO_TOTP_SECRET));
                made++;
            } else if (credentials.issueForDemo(username, Totp.fromBase32(DEMO_TOTP_SECRET)).isPresent()) {
                made++;
            }
        }
        if (made > 0) {
            log.info("Demo data: {} signing credentials from the sample PKI or issued by it (demo TOTP secret, see README)",
                    made);
        }
    }
}
