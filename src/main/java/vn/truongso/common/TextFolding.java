package vn.truongso.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as people search for it: lower case, without Vietnamese diacritics (đ as d), spaces collapsed. A clerk who
 * types "bao cao hoc ky" finds "Báo cáo học kỳ I"; one who types the accents finds the same.
 */
public final class TextFolding {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TextFolding() {
    }

    public static String fold(String s) {
        if (s == null) {
            return "";
        }
        String d = Normalizer.normalize(s.toLowerCase(Locale.ROOT).replace('đ', 'd'), Normalizer.Form.NFD);
        return SPACES.matcher(MARKS.matcher(d).replaceAll("")).replaceAll(" ").strip();
    }

    /** The folded words of several fields, as stored in a search column (at most {@code max} characters). */
    public static String searchText(int max, String... fields) {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            String folded = fold(f);
            if (!folded.isEmpty()) {
                if (!b.isEmpty()) {
                    b.append(' ');
                }
                b.append(folded);
            }
        }
        return b.length() <= max ? b.toString() : b.substring(0, max);
    }

    /** A LIKE pattern (escape character \) matching the folded query anywhere. */
    public static String contains(String query) {
        return "%" + fold(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
