package vn.truongso.support;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import vn.truongso.common.VietnamTime;

/**
 * Enrolment years for the grade-6 rounds tests open, shared by every test of the JVM (they share one database): a
 * school has one round per year and grade, its children are eleven in that year and born already (so at most this
 * year + 11, and 2020 at least), and the demo rounds hold the school year that starts next. Few years go around.
 */
public final class EnrolmentYears {

    private static final Map<String, Set<Integer>> TAKEN = new HashMap<>();

    private EnrolmentYears() {
    }

    /** A year no test has taken at any of these schools yet; taken at all of them from now on. */
    public static synchronized int free(String... schools) {
        LocalDate today = LocalDate.now(VietnamTime.ZONE);
        int demo = today.getMonthValue() >= 8 ? today.getYear() + 1 : today.getYear();
        for (int year = 2020; year <= today.getYear() + 11; year++) {
            int y = year;
            if (y != demo && java.util.Arrays.stream(schools)
                    .noneMatch(s -> TAKEN.getOrDefault(s, Set.of()).contains(y))) {
                for (String s : schools) {
                    TAKEN.computeIfAbsent(s, k -> new HashSet<>()).add(y);
                }
                return y;
            }
        }
        throw new IllegalStateException("no enrolment year left for a test round at " + String.join(", ", schools));
    }
}
