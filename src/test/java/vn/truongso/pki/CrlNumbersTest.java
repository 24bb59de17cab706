package vn.truongso.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.PlatformTransactionManager;
import vn.truongso.support.IntegrationTest;

/**
 * CRL numbers shared through the database (issue 12): two stores, and two PKI services, over the one DataSource
 * stand for two nodes. Each number test uses a CA serial of its own, so other tests' rows do not matter.
 */
@IntegrationTest
class CrlNumbersTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ResourceLoader resources;
    @Autowired
    RevocationStore revocations;
    @Autowired
    IssuedCertificateStore issuedStore;
    @Autowired
    PkiService service;

    /** Each list, from its own thread, all released at once; the answers in the order each thread got them. */
    static List<List<Long>> atOnce(List<Callable<List<Long>>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (Callable<List<Long>> t : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return t.call();
                }));
            }
            start.countDown();
            List<List<Long>> out = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static BigInteger freshCa() {
        return CertificateMaker.newSerial();
    }

    @Test
    void twoNodesTakingNumbersAtOnceNeverTakeTheSameOneAndEachSeesThemGrow() throws Exception {
        BigInteger ca = freshCa();
        int perNode = 40;
        List<Callable<List<Long>>> nodes = new ArrayList<>();
        for (CrlNumbers node : List.of(new CrlNumbers(jdbc, transactions), new CrlNumbers(jdbc, transactions))) {
            nodes.add(() -> {
                List<Long> taken = new ArrayList<>();
                for (int i = 0; i < perNode; i++) {
                    taken.add(node.next(ca, 0));
                }
                return taken;
            });
        }
        List<List<Long>> taken = atOnce(nodes);
        Set<Long> all = new HashSet<>();
        for (List<Long> one : taken) {
            assertThat(one).isSorted().doesNotHaveDuplicates();
            all.addAll(one);
        }
        // Every number once, none skipped: 1 … 80 between them.
        assertThat(all).hasSize(2 * perNode);
        assertThat(all.stream().mapToLong(Long::longValue).min().orElseThrow()).isEqualTo(1);
        assertThat(all.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(2 * perNode);
    }

    @Test
    void numbersStayAboveTheTimeBasedOnesOfEarlierVersionsAndNeverFall() {
        BigInteger ca = freshCa();
        CrlNumbers a = new CrlNumbers(jdbc, transactions);
        CrlNumbers b = new CrlNumbers(jdbc, transactions);
        long millis = 1_780_000_000_000L;
        assertThat(a.next(ca, millis)).isEqualTo(millis);
        // A node whose clock is behind still goes up.
        assertThat(b.next(ca, millis - 60_000)).isEqualTo(millis + 1);
        assertThat(a.next(ca, millis + 10)).isEqualTo(millis + 10);
        // Another CA counts on its own.
        assertThat(b.next(freshCa(), 0)).isEqualTo(1);
    }

    @Test
    void twoPkiServicesSigningCrlsAtOnceNeverReuseANumber() throws Exception {
        PkiService other = new PkiService(resources, revocations, issuedStore, new CrlNumbers(jdbc, transactions),
                java.time.Clock.systemUTC(), new MockEnvironment(),
                TestCerts.pkiProperties("classpath:certs-sample/", "truongso-sample"));
        int perNode = 10;
        List<Callable<List<Long>>> nodes = new ArrayList<>();
        for (PkiService node : List.of(service, other)) {
            nodes.add(() -> {
                List<Long> numbers = new ArrayList<>();
                for (int i = 0; i < perNode; i++) {
                    numbers.add(TestCerts.crlNumber(TestCerts.crl(node.crl())).longValueExact());
                }
                return numbers;
            });
        }
        Set<Long> all = new HashSet<>();
        for (List<Long> one : atOnce(nodes)) {
            assertThat(one).isSorted().doesNotHaveDuplicates();
            all.addAll(one);
        }
        assertThat(all).hasSize(2 * perNode);
    }
}
