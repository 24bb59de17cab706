package vn.truongso.document;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What to look for among the documents a user may read.
 *
 * @param text        matched (case-insensitive) against the title and the owner's username; null: every document
 * @param kind        only this kind; null: any
 * @param alsoIds     documents that match {@code text} for a reason this module does not know (e.g. their register
 *                    number or symbol)
 * @param alsoOwners  owners that match {@code text} (e.g. by full name, which the school module knows)
 * @param limit       at most this many, newest first
 */
public record DocumentSearchQuery(String text, DocumentKind kind, Collection<UUID> alsoIds,
                                  Collection<String> alsoOwners, int limit) {

    public DocumentSearchQuery {
        alsoIds = alsoIds == null ? List.of() : List.copyOf(alsoIds);
        alsoOwners = alsoOwners == null ? List.of() : List.copyOf(alsoOwners);
    }
}
