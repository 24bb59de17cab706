package vn.truongso.signing;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;

/**
 * The authority line of a signing block as Decree 30/2020/NĐ-CP (appendix I, box 7) writes it: in whose name and in
 * which capacity the signer signs, in capitals, above the signer's name.
 * <ul>
 * <li>{@link Kind#OWN}: the head signs in their own right: "HIỆU TRƯỞNG";</li>
 * <li>{@link Kind#KT} (ký thay, signs for the head): "KT. HIỆU TRƯỞNG" over the signer's own title,
 * "PHÓ HIỆU TRƯỞNG";</li>
 * <li>{@link Kind#TM} (thay mặt, on behalf of a collective body): "TM. HỘI ĐỒNG TUYỂN SINH" over the signer's title
 * in that body, "CHỦ TỊCH";</li>
 * <li>{@link Kind#Q} (quyền, acting head): "Q. HIỆU TRƯỞNG".</li>
 * </ul>
 *
 * @param heading     the head's title or the body's name, e.g. "HIỆU TRƯỞNG", "HỘI ĐỒNG TUYỂN SINH"
 * @param signerTitle the signer's own title under a KT or TM line, e.g. "PHÓ HIỆU TRƯỞNG"; null otherwise
 */
public record Authority(Kind kind, String heading, String signerTitle) {

    private static final Locale VI = Locale.forLanguageTag("vi-VN");

    /** How the signer stands to the authority whose decision it is. */
    public enum Kind {
        /** in their own right */
        OWN(""),
        /** ký thay: a deputy signs for the head */
        KT("ký thay"),
        /** thay mặt: a member signs on behalf of a collective body */
        TM("thay mặt"),
        /** quyền: an acting head */
        Q("quyền");

        private final String meaning;

        Kind(String meaning) {
            this.meaning = meaning;
        }

        /** In Vietnamese words, e.g. "ký thay". */
        public String meaning() {
            return meaning;
        }

        String prefix() {
            return this == OWN ? "" : name() + ". ";
        }
    }

    public Authority {
        if (kind == null || heading == null || heading.isBlank()) {
            throw new IllegalArgumentException("An authority needs a kind and a heading");
        }
        heading = upper(heading);
        if (kind == Kind.KT || kind == Kind.TM) {
            if (signerTitle == null || signerTitle.isBlank()) {
                throw new IllegalArgumentException(kind + " needs the signer's own title under it");
            }
            signerTitle = upper(signerTitle);
        } else {
            signerTitle = null;
        }
    }

    public static Authority own(String heading) {
        return new Authority(Kind.OWN, heading, null);
    }

    /** KT.: {@code signerTitle} signs for the {@code heading}. */
    public static Authority signingFor(String heading, String signerTitle) {
        return new Authority(Kind.KT, heading, signerTitle);
    }

    /** TM.: {@code signerTitle} signs on behalf of the collective body {@code body}. */
    public static Authority onBehalfOf(String body, String signerTitle) {
        return new Authority(Kind.TM, body, signerTitle);
    }

    /** Q.: the acting {@code heading}. */
    public static Authority acting(String heading) {
        return new Authority(Kind.Q, heading, null);
    }

    /**
     * How this person signs the principal's decisions: the principal in her own right, an acting principal (the
     * account's flag, or a title such as "Q. Hiệu trưởng") as "Q. HIỆU TRƯỞNG", anyone else — the vice-principal
     * the principal's approvals were delegated to — as "KT. HIỆU TRƯỞNG" over their own title.
     */
    public static Authority asPrincipal(CurrentUser signer) {
        String principal = Role.PRINCIPAL.heading();
        if (signer.has(Role.PRINCIPAL)) {
            String title = signer.title() == null ? "" : upper(signer.title());
            boolean acting = signer.acting() || title.startsWith("Q.") || title.startsWith("QUYỀN ");
            return acting ? acting(principal) : own(principal);
        }
        String deputy = signer.has(Role.VICE_PRINCIPAL) ? Role.VICE_PRINCIPAL.heading()
                : signer.title() == null ? "" : signer.title();
        return deputy.isBlank() ? own(principal) : signingFor(principal, deputy);
    }

    /**
     * How this person signs in a signing step's role ({@code PRINCIPAL}, {@code HEAD}, {@code AUTHOR}, …): the
     * principal's role as {@link #asPrincipal}; every other role in the signer's own right.
     */
    public static Authority of(CurrentUser signer, String signerRole) {
        if (Role.PRINCIPAL.name().equals(signerRole)) {
            return asPrincipal(signer);
        }
        return own(signer.title() == null || signer.title().isBlank() ? String.valueOf(signerRole) : signer.title());
    }

    /** The lines of the block, top to bottom: ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"]. */
    public List<String> lines() {
        String first = kind.prefix() + heading;
        return signerTitle == null ? List.of(first) : List.of(first, signerTitle);
    }

    /** The first line, where the block starts on a page: "KT. HIỆU TRƯỞNG". */
    public String firstLine() {
        return lines().get(0);
    }

    public boolean isOwn() {
        return kind == Kind.OWN;
    }

    /** One line for lists and histories: "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG (ký thay)"; just the heading if own. */
    public String summary() {
        return String.join(" / ", lines()) + (isOwn() ? "" : " (" + kind.meaning() + ")");
    }

    /**
     * Whether a heading opens a block whose next line is the signer's own title ("KT. HIỆU TRƯỞNG" over "PHÓ HIỆU
     * TRƯỞNG", "TM. …" over "CHỦ TỊCH"): the signature then goes under both lines.
     */
    static boolean hasTitleLineUnder(String heading) {
        String h = upper(heading).replace(" ", "");
        return h.startsWith(Kind.KT.name() + ".") || h.startsWith(Kind.TM.name() + ".");
    }

    private static String upper(String s) {
        return Normalizer.normalize(s.strip(), Normalizer.Form.NFC).replaceAll("\\s+", " ").toUpperCase(VI);
    }
}
