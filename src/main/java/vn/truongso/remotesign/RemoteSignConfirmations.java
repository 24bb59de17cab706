package vn.truongso.remotesign;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import vn.truongso.signing.DigestToSign;
import vn.truongso.signing.SignatureConfirmations;

/** Sign transactions as the signing steps see them. */
@Component
class RemoteSignConfirmations implements SignatureConfirmations {

    private final SignTransactions transactions;
    private final Credentials credentials;

    RemoteSignConfirmations(SignTransactions transactions, Credentials credentials) {
        this.transactions = transactions;
        this.credentials = credentials;
    }

    @Override
    public List<X509Certificate> chain(String username) {
        Credential c = credentials.live(username).orElseThrow(Credentials::noCredential);
        credentials.requireCanSign(c);
        return credentials.chain(c);
    }

    @Override
    public Opened open(String username, String reason, String displayText, List<DigestToSign> digests) {
        SignTransaction t = transactions.open(username, reason, displayText, digests, transactions.ttl());
        return new Opened(t.getId(), t.getExpiresAt());
    }

    @Override
    public void expire(UUID transactionId) {
        transactions.expire(transactionId);
    }
}
