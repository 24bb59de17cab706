package vn.truongso.signing;

import java.util.List;
import java.util.UUID;

/**
 * A signer confirmed (signed) or rejected a sign transaction. Published inside the database transaction that records
 * the decision, so the processes waiting for it move in that same transaction or not at all.
 *
 * @param signatureValues one per digest, in the order they were given to {@link SignatureConfirmations#open}; empty
 *                        unless signed
 */
public record SignatureConfirmationDecided(UUID transactionId, boolean signed, List<byte[]> signatureValues) {
}
