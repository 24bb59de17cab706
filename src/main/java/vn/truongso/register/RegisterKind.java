package vn.truongso.register;

/** The two registers every organisation keeps per year. */
enum RegisterKind {
    /** sổ văn bản đi */
    OUTGOING,
    /** sổ văn bản đến */
    INCOMING
}
