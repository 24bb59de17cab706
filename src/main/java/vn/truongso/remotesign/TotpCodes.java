package vn.truongso.remotesign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import vn.truongso.common.ApiException;
import vn.truongso.common.VietnamTime;

/**
 * The signer's second factor on a credential: a new TOTP secret sealed with the master key, the enrolment QR code,
 * and the check of a code (no replay; wrong codes count towards the lock). Not a bean: {@link Credentials} holds it
 * and calls it inside its transactions, so that a failed attempt commits with the refusal.
 */
final class TotpCodes {

    private static final Logger log = LoggerFactory.getLogger(TotpCodes.class);
    /** The QR code (which carries the secret) is offered only briefly after enrolment. */
    static final Duration QR_WINDOW = Duration.ofMinutes(10);

    private final MasterKey masterKey;
    private final Clock clock;
    private final OtpClock otpClock;

    TotpCodes(MasterKey masterKey, Clock clock, OtpClock otpClock) {
        this.masterKey = masterKey;
        this.clock = clock;
        this.otpClock = otpClock;
    }

    /** A new secret, sealed into the credential; the only time it leaves the server in clear is the answer. */
    Credentials.Enrolment enrolNew(Credential c, String username) {
        byte[] secret = Totp.newSecret();
        try {
            c.setTotp(masterKey.seal(secret, Credential.totpAad(c.getId())), clock.instant());
            return new Credentials.Enrolment(Totp.base32(secret), otpauthUri(username, Totp.base32(secret)));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The otpauth URI as a QR code, only within {@link #QR_WINDOW} of enrolment. */
    byte[] qrPng(Credential c, String username) {
        Instant at = c.getTotpEnrolledAt();
        if (c.totp() == null || at == null || clock.instant().isAfter(at.plus(QR_WINDOW))) {
            throw ApiException.conflict("TOTP_QR_UNAVAILABLE",
                    "Mã QR chỉ hiển thị trong 10 phút sau khi đăng ký mã OTP; hãy đăng ký lại.");
        }
        byte[] secret = masterKey.open(c.totp(), Credential.totpAad(c.getId()));
        try {
            var matrix = new QRCodeWriter().encode(otpauthUri(username, Totp.base32(secret)), BarcodeFormat.QR_CODE,
                    320, 320);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("Cannot render the QR code", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    static String otpauthUri(String username, String base32Secret) {
        return "otpauth://totp/TruongSo:" + URLEncoder.encode(username, StandardCharsets.UTF_8).replace("+", "%20")
                + "?secret=" + base32Secret + "&issuer=TruongSo&algorithm=SHA1&digits=" + Totp.DIGITS
                + "&period=" + Totp.PERIOD_SECONDS;
    }

    /**
     * The one check of a signer's code, wherever a code authorises signing: the credential must be active, not
     * locked and enrolled; the code must match a time step within one of now and be newer than the last one used.
     * Accepting records the step (no replay); refusing counts towards the lock. The caller commits either way and
     * throws the refusal afterwards, so that failed attempts are remembered.
     *
     * @return the refusal to throw, or empty when the code was accepted
     * @throws ApiException at once when the credential is locked or not enrolled (nothing to record)
     */
    Optional<ApiException> check(Credential c, String otp) {
        Instant now = clock.instant();
        if (c.lockedAt(now)) {
            throw locked(c.getLockedUntil());
        }
        if (c.totp() == null) {
            throw ApiException.conflict("TOTP_NOT_ENROLLED", "Bạn chưa đăng ký ứng dụng tạo mã OTP.");
        }
        byte[] secret = masterKey.open(c.totp(), Credential.totpAad(c.getId()));
        long step;
        try {
            step = Totp.matchingStep(secret, otp, Totp.step(otpClock.now().getEpochSecond()));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        boolean replay = step >= 0 && c.getLastUsedTotpStep() != null && step <= c.getLastUsedTotpStep();
        if (step < 0 || replay) {
            if (c.failedAttempt(now, Credentials.MAX_FAILED_CODES, Credentials.LOCK_FOR)) {
                log.info("Remote signing: credential {} locked until {} after {} wrong codes", c.getId(),
                        c.getLockedUntil(), Credentials.MAX_FAILED_CODES);
                return Optional.of(locked(c.getLockedUntil()));
            }
            return Optional.of(replay
                    ? new ApiException(HttpStatus.BAD_REQUEST, "OTP_REUSED",
                            "Mã OTP này đã được dùng; hãy chờ mã mới trên ứng dụng.")
                    : new ApiException(HttpStatus.BAD_REQUEST, "OTP_INVALID", "Mã OTP không đúng."));
        }
        c.used(step);
        return Optional.empty();
    }

    static ApiException locked(Instant until) {
        return new ApiException(HttpStatus.LOCKED, "CREDENTIAL_LOCKED",
                "Chứng thư ký số tạm khóa đến " + VietnamTime.of(until).format(VietnamTime.MINUTE)
                        + " do nhập sai mã OTP nhiều lần; mỗi lần khóa sau sẽ lâu hơn.");
    }
}
