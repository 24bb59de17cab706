package vn.truongso.signing;

import java.time.Instant;

/**
 * The visible part of a signature, in the style of Smart CA: who signed, in which capacity, for which unit, when
 * (shown in +07:00), optionally beside a signature or seal image.
 *
 * @param image PNG or JPEG bytes, or null
 */
public record Appearance(String signerName, String title, String organisation, Instant signedAt, byte[] image,
                         Placement placement) {

    /** Where the appearance goes. */
    public sealed interface Placement permits At, NearKeyword {
    }

    /** A rectangle in PDF user space (points, origin bottom-left) on a 1-based page. */
    public record At(int page, float x, float y, float width, float height) implements Placement {
    }

    /**
     * Under the last occurrence of a keyword such as "HIỆU TRƯỞNG" (searched from the last page back); if the keyword
     * is missing, at the bottom of the last page.
     */
    public record NearKeyword(String keyword, float width, float height) implements Placement {
    }
}
