package vn.truongso.remotesign;

import java.util.UUID;

/**
 * The owner of a sign transaction acted on it: confirmed it with a valid code (signed), rejected it, or sent a code
 * that was refused. Published inside the transaction that records it.
 */
public record SignTransactionDecided(UUID transactionId, String username, UUID credentialId, Outcome outcome,
                                     int documents, String displayText) {

    public enum Outcome { CONFIRMED, REJECTED, CODE_REFUSED }
}
