package vn.truongso.remotesign;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import vn.truongso.common.VietnamTime;

/**
 * A signer's own sign transactions for the other capabilities (the pages): the same calls and checks as
 * {@code /api/sign-transactions} — only the signer sees or decides a transaction, a code is checked and counted by
 * {@link Credentials}, a lapsed one is expired.
 */
@Service
public class SignerDesk {

    private final SignTransactions transactions;

    SignerDesk(SignTransactions transactions) {
        this.transactions = transactions;
    }

    /**
     * @param status PENDING, SIGNED, REJECTED or EXPIRED, as of now
     */
    public record TransactionState(UUID id, String status, String displayText, OffsetDateTime createdAt,
                                   OffsetDateTime expiresAt, OffsetDateTime decidedAt, String rejectReason,
                                   int documents) {
        public boolean pending() {
            return "PENDING".equals(status);
        }
    }

    public TransactionState get(String username, UUID id) {
        return state(transactions.get(username, id));
    }

    /** The signer's transactions still waiting for a code, newest first. */
    public List<TransactionState> pending(String username) {
        return transactions.mine(username, SignTransactionStatus.PENDING, 0, 20).stream().map(this::state).toList();
    }

    /** @throws vn.truongso.common.ApiException for a wrong code, a lapsed or decided transaction, another's */
    public TransactionState confirm(String username, UUID id, String otp) {
        return state(transactions.confirm(username, id, otp));
    }

    public TransactionState reject(String username, UUID id, String reason) {
        return state(transactions.reject(username, id, reason));
    }

    private TransactionState state(SignTransaction t) {
        return new TransactionState(t.getId(), t.statusAt(transactions.now()).name(), t.getDisplayText(),
                VietnamTime.of(t.getCreatedAt()), VietnamTime.of(t.getExpiresAt()), VietnamTime.of(t.getDecidedAt()),
                t.getRejectReason(), t.getItems().size());
    }
}
