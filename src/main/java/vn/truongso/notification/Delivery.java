package vn.truongso.notification;

/** How a person wants to hear of one kind of event by e-mail (issue 14): at once, in the morning digest, or not. */
public enum Delivery {
    AT_ONCE("Gửi thư ngay"),
    /** In the digest sent at 06:30 (Asia/Ho_Chi_Minh) on working days. */
    DIGEST("Gộp vào thư tổng hợp buổi sáng (6:30)"),
    /** No e-mail; the notification is still listed in the application. */
    NONE("Không gửi thư (chỉ xem trong ứng dụng)");

    private final String label;

    Delivery(String label) {
        this.label = label;
    }

    /** The choice as the preferences form shows it, in Vietnamese. */
    public String label() {
        return label;
    }
}
