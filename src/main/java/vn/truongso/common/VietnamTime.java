package vn.truongso.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Users read times in Vietnam's zone (+07:00) whatever the server's zone. */
public final class VietnamTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    /** A date as Vietnamese documents write it: 05/07/2027. */
    public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /** A moment to the minute, as messages give it: 14:30 05/07/2027. */
    public static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");
    /** A moment with its offset, as signature appearances and reports show it: 05/07/2027 14:30:00 +07:00. */
    public static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss xxx");

    private VietnamTime() {
    }

    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : instant.atZone(ZONE).toOffsetDateTime();
    }

    public static OffsetDateTime of(java.util.Date date) {
        return date == null ? null : of(date.toInstant());
    }
}
