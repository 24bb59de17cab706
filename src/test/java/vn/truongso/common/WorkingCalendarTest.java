package vn.truongso.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    private final WorkingCalendar calendar = new WorkingCalendar();

    private static Instant vn(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(VietnamTime.ZONE).toInstant();
    }

    @Test
    void weekendsDoNotCount() {
        // Thursday 9:00 + 2 working days = Monday 9:00 (Vietnam time).
        assertThat(calendar.addWorkingDays(vn("2026-11-19T09:00"), 2)).isEqualTo(vn("2026-11-23T09:00"));
        // Friday late evening in Vietnam is still Friday there, even though it is Friday afternoon in UTC.
        assertThat(calendar.addWorkingDays(vn("2026-11-20T23:30"), 1)).isEqualTo(vn("2026-11-23T23:30"));
    }

    @Test
    void configuredHolidaysDoNotCount() {
        calendar.setHolidays(List.of(LocalDate.parse("2026-09-01"), LocalDate.parse("2026-09-02")));
        // Monday 31 August + 2 working days skips Quốc khánh (1–2 September): Friday 4 September.
        assertThat(calendar.addWorkingDays(vn("2026-08-31T10:00"), 2)).isEqualTo(vn("2026-09-04T10:00"));
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-09-02"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-09-03"))).isTrue();
    }
}
