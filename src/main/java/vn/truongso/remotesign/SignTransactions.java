package vn.truongso.remotesign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.truongso.common.ApiException;
import vn.truongso.common.Paging;
import vn.truongso.common.VietnamTime;
import vn.truongso.notification.Notifier;
import vn.truongso.signing.DigestToSign;
import vn.truongso.signing.SignatureConfirmationDecided;

/**
 * Sign transactions: opened by the workflow with the digests to sign, confirmed by the signer with a TOTP code, after
 * which the signature values wait here for whoever opened it.
 */
@Service
class SignTransactions {

    private static final Logger log = LoggerFactory.getLogger(SignTransactions.class);
    static final int MAX_DIGESTS = 500;

    private final SignTransactionRepository repo;
    private final CredentialRepository credentialRepo;
    private final Credentials credentials;
    private final Clock clock;
    private final Duration ttl;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Notifier notifier;

    SignTransactions(SignTransactionRepository repo, CredentialRepository credentialRepo, Credentials credentials,
                     Clock clock, RemoteSignProperties properties,
                     PlatformTransactionManager txManager, ApplicationEventPublisher events, Notifier notifier) {
        this.repo = repo;
        this.credentialRepo = credentialRepo;
        this.credentials = credentials;
        this.clock = clock;
        this.ttl = properties.transactionTtl();
        this.tx = new TransactionTemplate(txManager);
        this.events = events;
        this.notifier = notifier;
    }

    /** The page where the signer confirms it: the link of its notifications (never the code, which only the phone has). */
    static String link(UUID id) {
        return "/signing/" + id;
    }

    /**
     * Opens a transaction for the signer's live credential; it waits for their code until the configured TTL
     * ({@code truongso.remotesign.transaction-ttl}, 5 minutes) runs out.
     *
     * @param displayText what the signer reads before confirming, in Vietnamese, e.g. "Ký duyệt 12 kế hoạch bài dạy"
     * @throws ApiException 409 CREDENTIAL_MISSING / CREDENTIAL_NOT_ACTIVE, 400 for digests that are not SHA-256
     */
    UUID open(String username, String reason, String displayText, List<DigestToSign> digests) {
        return open(username, reason, displayText, digests, ttl).getId();
    }

    SignTransaction open(String username, String reason, String displayText, List<DigestToSign> digests,
                         Duration ttl) {
        if (digests == null || digests.isEmpty() || digests.size() > MAX_DIGESTS
                || digests.stream().anyMatch(d -> d.sha256() == null || d.sha256().length != 32)) {
            throw ApiException.badRequest("SIGN_DIGESTS_INVALID",
                    "Danh sách cần ký phải có từ 1 đến " + MAX_DIGESTS + " giá trị băm SHA-256.");
        }
        return tx.execute(s -> {
            Credential c = credentials.live(username).orElseThrow(Credentials::noCredential);
            credentials.requireCanSign(c);
            List<SignTransaction.Item> items = digests.stream().map(d -> new SignTransaction.Item(
                    d.label() == null ? "" : d.label(), HexFormat.of().formatHex(d.sha256()))).toList();
            Instant now = clock.instant();
            SignTransaction t = new SignTransaction(c.getId(), username, reason == null ? "" : reason,
                    displayText == null ? "" : displayText, items, now, now.plus(ttl));
            repo.save(t);
            log.info("Remote signing: transaction {} opened for {} ({} digests)", t.getId(), username, items.size());
            notifier.toUser(username, "SIGN_WAITING", "Yêu cầu ký số \"" + t.getDisplayText()
                    + "\" đang chờ Thầy/Cô xác nhận bằng mã trên ứng dụng xác thực, trước "
                    + VietnamTime.MINUTE.format(t.getExpiresAt().atZone(VietnamTime.ZONE)) + ".", link(t.getId()));
            return t;
        });
    }

    /** Ends a transaction nobody confirmed in time (the waiting process gave up); a later code is refused. */
    void expire(UUID id) {
        tx.executeWithoutResult(s -> repo.findById(id).ifPresent(t -> {
            if (t.getStatus() == SignTransactionStatus.PENDING) {
                t.expire();
                log.info("Remote signing: transaction {} expired", id);
                notifier.toUser(t.getUsername(), "SIGN_EXPIRED", "Yêu cầu ký số \"" + t.getDisplayText()
                        + "\" đã hết hạn mà chưa được xác nhận; việc ký cần được yêu cầu lại.", link(id));
            }
        }));
    }

    // ---- for the signer, over HTTP -------------------------------------------------------------------------------

    /** One page of the signer's transactions, newest first (the status is as of now: a lapsed one is EXPIRED). */
    List<SignTransaction> mine(String username, SignTransactionStatus status, int page, int size) {
        if (Paging.beyondAnyList(page, size)) {
            return List.of();
        }
        Instant now = clock.instant();
        if (status == null) {
            return tx.execute(s -> repo.findByUsernameOrderByCreatedAtDescIdAsc(username,
                    org.springframework.data.domain.PageRequest.of(page, size)));
        }
        return tx.execute(s -> repo.findByUsernameOrderByCreatedAtDesc(username).stream()
                .filter(t -> t.statusAt(now) == status).skip((long) page * size).limit(size).toList());
    }

    SignTransaction get(String username, UUID id) {
        return tx.execute(s -> own(username, id));
    }

    Duration ttl() {
        return ttl;
    }

    Instant now() {
        return clock.instant();
    }

    SignTransaction reject(String username, UUID id, String why) {
        return tx.execute(s -> {
            SignTransaction t = own(username, id);
            requirePending(t);
            t.reject(why, clock.instant());
            log.info("Remote signing: transaction {} rejected by {}", id, username);
            events.publishEvent(decided(t, SignTransactionDecided.Outcome.REJECTED));
            events.publishEvent(new SignatureConfirmationDecided(id, false, List.of()));
            return t;
        });
    }

    /**
     * Checks the code and signs every digest. Failed codes are counted even though the request fails, so the
     * counting commits on its own and the refusal is thrown afterwards. Two confirmations at once: the row versions
     * of transaction and credential let one commit and give the other 409.
     */
    SignTransaction confirm(String username, UUID id, String otp) {
        Object outcome = tx.execute(s -> {
            SignTransaction t = own(username, id);
            if (t.lapsed(clock.instant())) {
                t.expire();
                return ApiException.conflict("TRANSACTION_EXPIRED", "Giao dịch ký đã hết hạn; hãy yêu cầu ký lại.");
            }
            requirePending(t);
            Credential c = credentialRepo.findById(t.getCredentialId()).orElseThrow();
            Optional<ApiException> refusal = credentials.checkCode(c, otp);
            if (refusal.isPresent()) {
                log.info("Remote signing: code refused for transaction {} by {}", id, username);
                events.publishEvent(decided(t, SignTransactionDecided.Outcome.CODE_REFUSED));
                return refusal.get();
            }
            List<String> values = sign(c, t);
            t.signed(values, clock.instant());
            log.info("Remote signing: transaction {} signed by {} ({} digests)", id, username, t.getItems().size());
            events.publishEvent(decided(t, SignTransactionDecided.Outcome.CONFIRMED));
            // Whoever waits for these signatures moves on in this same database transaction, or nothing happens.
            events.publishEvent(new SignatureConfirmationDecided(id, true,
                    values.stream().map(Base64.getDecoder()::decode).toList()));
            return t;
        });
        if (outcome instanceof ApiException refusal) {
            throw refusal;
        }
        return (SignTransaction) outcome;
    }

    private static SignTransactionDecided decided(SignTransaction t, SignTransactionDecided.Outcome outcome) {
        return new SignTransactionDecided(t.getId(), t.getUsername(), t.getCredentialId(), outcome,
                t.getItems().size(), t.getDisplayText());
    }

    /** Every digest signed by {@link Credentials#sign}, base64, in the transaction's order. */
    private List<String> sign(Credential c, SignTransaction t) {
        return credentials.sign(c, t.getItems().stream().map(i -> HexFormat.of().parseHex(i.getSha256())).toList())
                .stream().map(Base64.getEncoder()::encodeToString).toList();
    }

    private SignTransaction own(String username, UUID id) {
        return repo.findById(id).filter(t -> t.getUsername().equals(username))
                .orElseThrow(() -> ApiException.notFound("giao dịch ký"));
    }

    private void requirePending(SignTransaction t) {
        SignTransactionStatus st = t.statusAt(clock.instant());
        if (st == SignTransactionStatus.EXPIRED) {
            throw ApiException.conflict("TRANSACTION_EXPIRED", "Giao dịch ký đã hết hạn; hãy yêu cầu ký lại.");
        }
        if (st != SignTransactionStatus.PENDING) {
            throw ApiException.conflict("TRANSACTION_NOT_PENDING", "Giao dịch ký đã được xử lý.");
        }
    }
}
