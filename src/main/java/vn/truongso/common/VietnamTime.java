package vn.truongso.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Users read times in Vietnam's zone (+07:00) whatever the server's zone. */
public final class VietnamTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private VietnamTime() {
    }

    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : instant.atZone(ZONE).toOffsetDateTime();
    }

    public static OffsetDateTime of(java.util.Date date) {
        return date == null ? null : of(date.toInstant());
    }
}
