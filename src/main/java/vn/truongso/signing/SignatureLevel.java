package vn.truongso.signing;

/** PAdES baseline levels (ETSI EN 319 142-1). */
public enum SignatureLevel {
    /** signature only */
    B_B,
    /** plus a signature time-stamp */
    B_T,
    /** plus the certificates and revocation data in the document's DSS dictionary */
    B_LT,
    /** plus a document time-stamp over all of that, for long-term archiving */
    B_LTA;

    public boolean atLeast(SignatureLevel other) {
        return ordinal() >= other.ordinal();
    }
}
