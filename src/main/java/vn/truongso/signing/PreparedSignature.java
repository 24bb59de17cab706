package vn.truongso.signing;

import java.util.Objects;

/**
 * Phase 1 of a deferred signature ({@link PadesSigner#prepare}): everything {@link PadesSigner#complete} needs, as
 * plain bytes, so it can be stored (three blob columns) and completed minutes later, after a restart, in another JVM.
 * Holds no key and nothing secret; the arrays are not copied, so do not change them.
 *
 * @param pdf              the whole PDF with the new signature dictionary, its /Contents still all zeros
 * @param signedAttributes DER of the CMS signed attributes (content-type, message-digest, signing-certificate-v2)
 * @param digest           SHA-256 of {@code signedAttributes}: what the signer's key signs
 * @param placement        where the visible appearance went and why, in Vietnamese (null: no appearance asked)
 */
public record PreparedSignature(byte[] pdf, byte[] signedAttributes, byte[] digest, String placement) {

    public PreparedSignature(byte[] pdf, byte[] signedAttributes, byte[] digest) {
        this(pdf, signedAttributes, digest, null);
    }

    public PreparedSignature {
        Objects.requireNonNull(pdf, "pdf");
        Objects.requireNonNull(signedAttributes, "signedAttributes");
        Objects.requireNonNull(digest, "digest");
    }

    /** Sizes only: the default would print array identities, which say nothing. */
    @Override
    public String toString() {
        return "PreparedSignature[pdf=" + pdf.length + " bytes, digest=" + java.util.HexFormat.of().formatHex(digest)
                + "]";
    }
}
