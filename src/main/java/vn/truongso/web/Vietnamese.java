package vn.truongso.web;

import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;
import vn.truongso.common.VietnamTime;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;

/**
 * How the pages write codes, times and people in Vietnamese ({@code ${@vi.…}} in the templates): dates dd/MM/yyyy,
 * times in Vietnam (+07:00) whatever the server's zone, full names instead of user names.
 */
@Component("vi")
public class Vietnamese {

    private static final java.time.format.DateTimeFormatter DATE_TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    private final UserDirectory users;

    Vietnamese(UserDirectory users) {
        this.users = users;
    }

    public String day(OffsetDateTime t) {
        return t == null ? "—" : t.atZoneSameInstant(VietnamTime.ZONE).format(VietnamTime.DAY);
    }

    /** "14:30 05/07/2027", in Vietnam's time. */
    public String time(OffsetDateTime t) {
        return t == null ? "—" : t.atZoneSameInstant(VietnamTime.ZONE).format(DATE_TIME);
    }

    /** For machines (the countdown script): the instant in ISO-8601 with its offset. */
    public String iso(OffsetDateTime t) {
        return t == null ? "" : t.toString();
    }

    public String person(String username) {
        if (username == null || username.isBlank()) {
            return "—";
        }
        return users.find(username).map(CurrentUser::fullName).orElse(username);
    }

    public String decision(String code) {
        if (code == null) {
            return "—";
        }
        return switch (code) {
            case "APPROVE" -> "Duyệt";
            case "RETURN" -> "Trả lại";
            case "RESUBMIT" -> "Nộp lại";
            case "SIGN", "SIGNED" -> "Ký";
            case "COMPLETE" -> "Hoàn thành";
            case "REJECTED" -> "Từ chối ký";
            case "EXPIRED" -> "Quá hạn ký";
            case "SUBMIT", "SUBMITTED" -> "Nộp";
            default -> code;
        };
    }

    public String channel(Object channel) {
        if (channel == null) {
            return "—";
        }
        return switch (channel.toString()) {
            case "DIGITAL" -> "Trực tuyến (số)";
            case "PAPER" -> "Trên giấy";
            default -> channel.toString();
        };
    }

    public String transactionStatus(String status) {
        return switch (status) {
            case "PENDING" -> "Đang chờ xác nhận ký";
            case "SIGNED" -> "Đã ký";
            case "REJECTED" -> "Đã từ chối ký";
            case "EXPIRED" -> "Đã hết hạn";
            default -> status;
        };
    }

    public String process(String key) {
        return InboxPages.PROCESSES.stream().filter(p -> p.key().equals(key)).map(InboxPages.Process::name)
                .findFirst().orElse(key == null ? "—" : key);
    }
}
