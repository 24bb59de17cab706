package vn.truongso.common;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * {@code Content-Disposition} values (RFC 6266) for files we send: an ASCII {@code filename} for old clients and the
 * exact name as {@code filename*} in UTF-8 (RFC 5987). Control characters (CR, LF) become spaces and quotes and
 * backslashes never reach the quoted fallback, so no name can end the header or add another.
 */
public final class Downloads {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_PLAIN = Pattern.compile("[^A-Za-z0-9 ._()\\-]+");

    private Downloads() {
    }

    public static String inline(String fileName) {
        return header("inline", fileName);
    }

    public static String attachment(String fileName) {
        return header("attachment", fileName);
    }

    private static String header(String type, String fileName) {
        String name = fileName == null ? "" : fileName.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
        if (name.isEmpty()) {
            name = "tep";
        }
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        String ascii = MARKS.matcher(Normalizer.normalize(name.replace('đ', 'd').replace('Đ', 'D'),
                Normalizer.Form.NFD)).replaceAll("");
        ascii = NOT_PLAIN.matcher(ascii).replaceAll("_").strip();
        return type + "; filename=\"" + (ascii.isEmpty() ? "tep" : ascii) + "\"; filename*=UTF-8''" + encode(name);
    }

    /** RFC 5987 attr-char stays, every other byte of the UTF-8 form is %XX. */
    private static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                b.append(c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }
}
