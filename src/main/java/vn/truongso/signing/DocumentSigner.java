package vn.truongso.signing;

import java.util.UUID;

/** What an approval step calls to put the approver's signature on the document's current version. */
public interface DocumentSigner {

    /**
     * @param role the capacity in which the person signs, e.g. AUTHOR, HEAD, PRINCIPAL
     */
    Outcome sign(UUID documentId, String signerUsername, String role);

    /**
     * @param signed         whether a cryptographic signature was applied
     * @param documentVersion the version that now carries the approval
     * @param note           plain Vietnamese for the user
     */
    record Outcome(boolean signed, int documentVersion, String note) {
    }
}
