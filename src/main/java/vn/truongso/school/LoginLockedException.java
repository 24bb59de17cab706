package vn.truongso.school;

import java.time.Instant;
import org.springframework.security.authentication.LockedException;
import vn.truongso.common.VietnamTime;

/** A sign-in refused, whatever the password, because the account or the address is locked until {@link #until}. */
public class LoginLockedException extends LockedException {

    private final Instant until;
    private final boolean address;

    LoginLockedException(Instant until, boolean address) {
        super(message(until, address));
        this.until = until;
        this.address = address;
    }

    private static String message(Instant until, boolean address) {
        String when = VietnamTime.of(until).format(VietnamTime.MINUTE);
        return address
                ? "Tạm ngừng nhận đăng nhập từ địa chỉ này do nhập sai mật khẩu nhiều lần; hãy thử lại sau " + when + "."
                : "Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần; hãy thử lại sau " + when
                        + " hoặc liên hệ quản trị viên.";
    }

    public Instant until() {
        return until;
    }

    public boolean address() {
        return address;
    }

    /** What the person reads (Vietnamese), also the exception's message. */
    public String vietnameseMessage() {
        return getMessage();
    }

    /** Whole seconds until the lock ends, at least 1, for {@code Retry-After}. */
    public long retryAfterSeconds(Instant now) {
        return Math.max(1, (long) Math.ceil((until.toEpochMilli() - now.toEpochMilli()) / 1000.0));
    }
}
