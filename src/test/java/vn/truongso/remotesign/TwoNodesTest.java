package vn.truongso.remotesign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.truongso.common.ApiException;
import vn.truongso.notification.Notifier;
import vn.truongso.pki.SchoolPki;
import vn.truongso.school.UserDirectory;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * One-time codes and CSC tokens are kept only in the database (issue 12): two {@link CscSigning} and two
 * {@link CscTokens}, each built anew over the one DataSource, stand for two nodes. A code used on one node is refused
 * on the other, and of two nodes accepting one code at once exactly one wins (the credential's row version).
 */
@IntegrationTest
class TwoNodesTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    CredentialRepository credentialRepo;
    @Autowired
    CscAuthorizationRepository authorizations;
    @Autowired
    CscAccessTokenRepository tokenRepo;
    @Autowired
    MasterKey masterKey;
    @Autowired
    SchoolPki pki;
    @Autowired
    UserDirectory users;
    @Autowired
    Clock clock;
    @Autowired
    OtpClock otpClock;
    @Autowired
    CredentialKeyStore keyStore;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    Notifier notifier;
    @Autowired
    RemoteSignProperties properties;
    @Autowired
    PlatformTransactionManager transactions;

    TestSigners.Signer signer;

    @BeforeEach
    void setUp() {
        signer = new TestSigners(jdbc, encoder).signer(new Api(port), "gv.nut", "Giáo viên Hai Nút");
    }

    CscSigning node() {
        Credentials credentials = new Credentials(credentialRepo, masterKey, pki, users, clock, otpClock, keyStore,
                events, notifier);
        return new CscSigning(credentialRepo, authorizations, credentials, clock, properties, transactions);
    }

    CscSigning.Authorized authorize(CscSigning node, String otp) throws Exception {
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
        return node.authorize(signer.username(), signer.credentialId(), 1, List.of(hash), CscSigning.SHA256, otp);
    }

    int sads() {
        return jdbc.queryForObject("select count(*) from csc_authorization where credential_id = ?", Integer.class,
                UUID.fromString(signer.credentialId()));
    }

    @Test
    void aCodeAcceptedOnOneNodeIsRefusedOnTheOther() throws Exception {
        String code = TestOtp.nextCode(signer.secret());
        assertThat(authorize(node(), code).sad()).isNotBlank();
        assertThatThrownBy(() -> authorize(node(), code)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("OTP_REUSED"));
        assertThat(sads()).isEqualTo(1);
    }

    @RepeatedTest(5)
    void twoNodesAcceptingOneCodeAtOnceLetExactlyOneWin() throws Exception {
        String code = TestOtp.nextCode(signer.secret());
        List<CscSigning> nodes = List.of(node(), node());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Object> outcomes = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> answers = new ArrayList<>();
            for (CscSigning n : nodes) {
                answers.add(pool.submit(() -> {
                    go.await();
                    try {
                        return authorize(n, code);
                    } catch (ApiException | OptimisticLockingFailureException refused) {
                        return refused;
                    }
                }));
            }
            go.countDown();
            for (Future<Object> f : answers) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // One SAD; the other node saw the used code (OTP_REUSED) or lost the race on the credential's row (409).
        assertThat(outcomes.stream().filter(CscSigning.Authorized.class::isInstance)).hasSize(1);
        assertThat(outcomes).anySatisfy(o -> assertThat(o).satisfiesAnyOf(
                r -> assertThat(r).isInstanceOf(OptimisticLockingFailureException.class),
                r -> assertThat(r).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo("OTP_REUSED"))));
        assertThat(sads()).isEqualTo(1);
    }

    @Test
    void aTokenIssuedOnOneNodeIsKnownOnTheOtherAndRevokedForBoth() {
        // Built by hand, so without the bean's @Transactional: each call gets the transaction the proxy would give it.
        TransactionTemplate tx = new TransactionTemplate(transactions);
        CscTokens a = new CscTokens(tokenRepo, clock, properties);
        CscTokens b = new CscTokens(tokenRepo, clock, properties);
        String token = tx.execute(s -> a.issue(signer.username())).token();
        CscTokens.Check onB = tx.execute(s -> b.check(token));
        assertThat(onB).isEqualTo(new CscTokens.Check(CscTokens.State.VALID, signer.username()));
        tx.executeWithoutResult(s -> b.revoke(signer.username(), token));
        assertThat(tx.execute(s -> a.check(token)).state()).isEqualTo(CscTokens.State.UNKNOWN);
    }
}
