package vn.truongso.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Dates typed in the pages' forms: dd/MM/yyyy as people in Vietnam write them (a date input would follow the
 * browser's own locale), or yyyy-MM-dd as a browser's date picker sends it.
 */
final class PageDates {

    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("d/M/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private PageDates() {
    }

    /** The date, or null when blank or not a date (the service then says what it needs). */
    static LocalDate parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().replace('.', '/').replace('-', value.strip().matches("\\d{4}-.*") ? '-' : '/');
        try {
            return v.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(v) : LocalDate.parse(v, TYPED);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** As the form shows it again: dd/MM/yyyy. */
    static String show(LocalDate date) {
        return date == null ? "" : date.format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }
}
