package vn.truongso.document;

import java.util.UUID;

/**
 * A document got a new version: uploaded, revised by its owner, or produced by a process step (a signature, a
 * time-stamp). Published inside the transaction that stores it, so listeners record it with it or not at all.
 *
 * @param digestBefore SHA-256 (hex) of the previous version; null for an upload
 * @param digestAfter  SHA-256 (hex) of the new version
 */
public record DocumentVersionAdded(UUID documentId, String organisationCode, String owner, How how, int version,
                                   String digestBefore, String digestAfter, String actor, String note) {

    public enum How { UPLOADED, REVISED, PRODUCED }
}
