package vn.truongso.signing;

import java.time.Instant;
import java.util.List;

/**
 * The visible part of a signature, in the style of Smart CA: who signed, in which capacity, for which unit, when
 * (shown in +07:00), optionally beside a signature or seal image.
 *
 * @param image     PNG or JPEG bytes, or null
 * @param authority the authority lines shown above the signer's name when the signer does not sign in their own
 *                  right ({@link Authority#lines()}: "KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"); empty otherwise
 */
public record Appearance(String signerName, String title, String organisation, Instant signedAt, byte[] image,
                         Placement placement, List<String> authority) {

    public Appearance {
        authority = authority == null ? List.of() : List.copyOf(authority);
    }

    /** An appearance of someone signing in their own right. */
    public Appearance(String signerName, String title, String organisation, Instant signedAt, byte[] image,
                      Placement placement) {
        this(signerName, title, organisation, signedAt, image, placement, List.of());
    }

    /** Where the appearance goes. */
    public sealed interface Placement permits At, NearKeyword {
    }

    /** A rectangle in PDF user space (points, origin bottom-left) on a 1-based page. */
    public record At(int page, float x, float y, float width, float height) implements Placement {
    }

    /**
     * Under the last occurrence of a heading such as "HIỆU TRƯỞNG" (searched from the last page back); with several,
     * the first one found in the document wins ("KT. HIỆU TRƯỞNG", then "HIỆU TRƯỞNG"). A heading that opens a block
     * with the signer's title under it ("KT. …", "TM. …") places the signature under that title line. If none is
     * found, at the bottom of the last page.
     */
    public record NearKeyword(List<String> keywords, float width, float height) implements Placement {

        public NearKeyword {
            if (keywords == null || keywords.isEmpty() || keywords.stream().anyMatch(k -> k == null || k.isBlank())) {
                throw new IllegalArgumentException("At least one non-blank keyword");
            }
            keywords = List.copyOf(keywords);
        }

        public NearKeyword(String keyword, float width, float height) {
            this(List.of(keyword), width, height);
        }

        /** The first (preferred) heading. */
        public String keyword() {
            return keywords.get(0);
        }
    }
}
