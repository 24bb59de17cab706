package vn.truongso.common;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Working days in Vietnam: Monday to Friday, less the public holidays set in configuration
 * ({@code truongso.calendar.holidays}), since Tết moves every year.
 */
@Component
@ConfigurationProperties(prefix = "truongso.calendar")
public class WorkingCalendar {

    private Set<LocalDate> holidays = new TreeSet<>();

    public void setHolidays(List<LocalDate> holidays) {
        this.holidays = new TreeSet<>(holidays);
    }

    public Set<LocalDate> getHolidays() {
        return holidays;
    }

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /** The same time of day, {@code days} working days later (in Vietnam's zone). */
    public Instant addWorkingDays(Instant from, int days) {
        ZonedDateTime t = from.atZone(VietnamTime.ZONE);
        int left = days;
        while (left > 0) {
            t = t.plusDays(1);
            if (isWorkingDay(t.toLocalDate())) {
                left--;
            }
        }
        return t.toInstant();
    }
}
