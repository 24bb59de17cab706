package vn.truongso.remotesign;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import vn.truongso.common.VietnamTime;

/**
 * A signer's own credentials for the pages: the same calls as {@code /api/credentials/me} — the list, enrolling an
 * authenticator app (a second enrolment needs the current code, checked and counted by {@link Credentials}), and the
 * QR code of the new secret within ten minutes of enrolling. No private key, no sealed secret ever leaves here.
 */
@Service
public class SignerCredentials {

    private final Credentials credentials;

    SignerCredentials(Credentials credentials) {
        this.credentials = credentials;
    }

    /** @param status ACTIVE, SUSPENDED or REVOKED, as a person is shown it */
    public record CredentialState(UUID id, String status, String serial, String subject, OffsetDateTime notBefore,
                                  OffsetDateTime notAfter, OffsetDateTime createdAt, boolean totpEnrolled,
                                  OffsetDateTime totpEnrolledAt, OffsetDateTime lockedUntil) {
    }

    /** The secret to type by hand and the otpauth URI the QR code carries: shown once, right after enrolling. */
    public record NewAuthenticator(String secret, String otpauthUri) {
        @Override
        public String toString() {
            return "NewAuthenticator[hidden]";
        }
    }

    /** Every credential of mine, the newest first. */
    public List<CredentialState> mine(String username) {
        return credentials.of(username).stream().map(c -> {
            var cert = credentials.certificate(c);
            return new CredentialState(c.getId(), credentials.statusOf(c).name(), c.getSerialHex(),
                    // as GET /api/credentials/me writes it (readable names, e.g. T=Giáo viên, not hex)
                    org.bouncycastle.asn1.x500.X500Name.getInstance(cert.getSubjectX500Principal().getEncoded())
                            .toString(), VietnamTime.of(cert.getNotBefore()),
                    VietnamTime.of(cert.getNotAfter()), VietnamTime.of(c.getCreatedAt()), c.totp() != null,
                    VietnamTime.of(c.getTotpEnrolledAt()), VietnamTime.of(c.getLockedUntil()));
        }).toList();
    }

    /**
     * Enrols an authenticator app for my live credential. The refusal (a missing or wrong current code) is thrown
     * only after the enrolment's transaction committed, so the failed attempt still counts, as over the API.
     */
    public NewAuthenticator enrol(String username, String currentCode) {
        Credentials.EnrolOutcome outcome = credentials.enrol(username, currentCode);
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return new NewAuthenticator(outcome.enrolment().secret(), outcome.enrolment().otpauthUri());
    }

    /** The QR code (PNG) of my newly enrolled secret; refused once the ten minutes after enrolling are over. */
    public byte[] qrPng(String username) {
        return credentials.qrPng(username);
    }
}
