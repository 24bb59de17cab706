package vn.truongso.register;

import java.time.Instant;
import vn.truongso.common.VietnamTime;

/** Numbers, years and search patterns as the registers write them. */
final class RegisterText {

    private RegisterText() {
    }

    /** Decree 30/2020: Arabic numerals from 01, a leading zero below 10. */
    static String number(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    /** The register year: the calendar year in Vietnam (a document issued at 23:59 on 31 December is that year's). */
    static int year(Instant at) {
        return at.atZone(VietnamTime.ZONE).getYear();
    }

    static String normalized(String q) {
        return vn.truongso.common.TextFolding.fold(q);
    }

    static String like(String normalized) {
        return "%" + normalized.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The query as a register number ("5", "05"), or -1. */
    static int asNumber(String normalized) {
        return normalized.matches("\\d{1,6}") ? Integer.parseInt(normalized) : -1;
    }
}
