package vn.truongso.notification;

import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.truongso.common.VietnamTime;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.DelegationChanged;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;

/**
 * Ký thay given or ended: the vice-principal learns that the principal's approvals are his for a while (or no
 * longer), and the school's principals learn it when someone else (an administrator above the school) did it. Signing
 * for someone else is a matter of the signing credential, so these are ACCOUNT messages: always sent at once.
 */
@Component
class DelegationMail {

    private final Notifier notifier;
    private final UserDirectory users;

    DelegationMail(Notifier notifier, UserDirectory users) {
        this.notifier = notifier;
        this.users = users;
    }

    @EventListener
    void on(DelegationChanged d) {
        String what = "ký thay Hiệu trưởng (" + d.scope().text() + ") từ " + VietnamTime.DAY.format(d.validFrom())
                + " đến " + VietnamTime.DAY.format(d.validTo());
        String delegate = users.find(d.delegate()).map(CurrentUser::fullName).orElse(d.delegate());
        List<String> principals = List.of(Groups.role(d.schoolCode(), Role.PRINCIPAL));
        if (d.change() == DelegationChanged.Change.GRANTED) {
            notifier.toUser(d.delegate(), "DELEGATION_GRANTED", "Thầy/Cô được giao " + what
                    + ". Trong thời gian đó, các việc ấy có trong hộp việc của Thầy/Cô.", "/inbox", d.schoolCode());
            notifier.toGroups(principals, "DELEGATION_GRANTED", delegate + " được giao " + what + ".", "/inbox",
                    d.actor());
        } else {
            notifier.toUser(d.delegate(), "DELEGATION_REVOKED", "Việc giao " + what + " đã được thu hồi.",
                    "/inbox", d.schoolCode());
            notifier.toGroups(principals, "DELEGATION_REVOKED", "Việc giao " + delegate + " " + what
                    + " đã được thu hồi.", "/inbox", d.actor());
        }
    }
}
