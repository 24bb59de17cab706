package vn.truongso.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * Two approvals of the same task at the same moment, 100 pairs: one wins (202, with the one sign transaction for its
 * signature), the other gets 409, the process moves once, and the document never gets two signatures from one step.
 *
 * <p>Putting a signature in is the slow part (a B-LTA signature each), so most pairs do not end in one: 80 pairs are
 * a head's double click, ten on each of eight plans — after each of the first nine the head rejects the signature on
 * his phone, which gives the task back, and the tenth is confirmed and its PDF counted; 20 pairs are the head and the
 * principal after escalation, one plan each, every fifth confirmed and counted. Every pair counts the document's
 * pending signatures: exactly one more, in the winner's transaction.
 */
@IntegrationTest
class ConcurrentCompletionTest {

    /** Figures for docs/robustness.md, printed once after the class. */
    private static final AtomicInteger PAIRS = new AtomicInteger();
    private static final AtomicInteger ONE_WINNER = new AtomicInteger();
    private static final AtomicInteger DOUBLE_SIGNATURES = new AtomicInteger();
    private static final AtomicInteger SIGNED_PDFS_COUNTED = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    Api api;
    ExecutorService pool;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @AfterAll
    static void figures() {
        System.out.printf("Concurrency figures: pairs=%d, exactly one winner=%d, double signatures=%d, "
                + "signed PDFs counted=%d%n", PAIRS.get(), ONE_WINNER.get(), DOUBLE_SIGNATURES.get(),
                SIGNED_PDFS_COUNTED.get());
    }

    @RepeatedTest(8)
    void theSameUserDoubleSubmitting() throws Exception {
        JsonNode plan = api.submitLessonPlan("gv.lan", "Bài đua 1");
        for (int round = 1; round <= 10; round++) {
            String task = api.taskOf("tt.hung", plan.get("id").asText());
            assertThat(task).isNotNull();
            String transaction = race(plan, task, "tt.hung", "tt.hung", round == 10);
            if (round < 10) {
                // Not this time: the head rejects on his phone and the task comes back to him.
                Api.Response rejected = api.postJson("tt.hung", "/api/sign-transactions/" + transaction + "/reject",
                        java.util.Map.of("reason", "Chưa đọc kỹ"));
                assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
            }
        }
        assertThat(jdbc.queryForList("select status from pending_signature where document_id = ? and signer = "
                + "'tt.hung'", String.class, java.util.UUID.fromString(plan.get("documentId").asText())))
                .hasSize(10).containsOnly("REJECTED", "APPLIED").containsOnlyOnce("APPLIED");
    }

    @RepeatedTest(20)
    void theHeadAndThePrincipalAfterEscalation(RepetitionInfo repetition) throws Exception {
        JsonNode plan = api.submitLessonPlan("gv.lan", "Bài đua 2");
        String pid = plan.get("processInstanceId").asText();
        String escalation = management.createJobQuery().processInstanceId(pid).activityId("headReviewVeryLate")
                .singleResult().getId();
        management.executeJob(escalation);
        String task = api.taskOf("tt.hung", plan.get("id").asText());
        assertThat(api.taskOf("ht.mai", plan.get("id").asText())).isEqualTo(task);
        race(plan, task, "tt.hung", "ht.mai", repetition.getCurrentRepetition() % 5 == 0);
    }

    /**
     * The loser of a race can find the task locked by the winner's completion, not yet committed: H2 gives up waiting
     * for the lock (PostgreSQL waits). Found by the 100 pairs under load (5 of 20 head-and-principal pairs answered
     * 500); here the winner's lock is held on purpose. The answer is 409, never 500, and nothing moves.
     */
    @org.junit.jupiter.api.Test
    void aTaskLockedByAnotherCompletionIsAConflictNotAServerError() throws Exception {
        JsonNode plan = api.submitLessonPlan("gv.lan", "Bài khoá việc");
        String task = api.taskOf("tt.hung", plan.get("id").asText());
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = pool.submit(() -> {
            try (java.sql.Connection c = jdbc.getDataSource().getConnection()) {
                c.setAutoCommit(false);
                try (java.sql.PreparedStatement ps = c.prepareStatement(
                        "update ACT_RU_TASK set REV_ = REV_ where ID_ = ?")) {
                    ps.setString(1, task);
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
                locked.countDown();
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                c.rollback();
            }
            return null;
        });
        assertThat(locked.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Api.Response r;
        try {
            r = api.complete("tt.hung", task, "APPROVE", null, null);
        } finally {
            release.countDown();
            holder.get();
        }
        // H2: the lock is not released in time, 409. PostgreSQL: waits until it is, then completes.
        assertThat(r.status()).as(r.toString()).isIn(409, 202);
        if (r.status() == 409) {
            assertThat(r.contentType()).isEqualTo("application/problem+json");
            assertThat(r.json().get("code").asText()).isEqualTo("CONCURRENT_UPDATE");
            assertThat(api.taskOf("tt.hung", plan.get("id").asText())).isEqualTo(task);
            assertThat(jdbc.queryForObject("select count(*) from pending_signature where document_id = ? and signer "
                    + "= 'tt.hung'", Integer.class, java.util.UUID.fromString(plan.get("documentId").asText())))
                    .isZero();
        }
    }

    private String race(JsonNode plan, String task, String first, String second, boolean signIt) throws Exception {
        PAIRS.incrementAndGet();
        String documentId = plan.get("documentId").asText();
        int approvalsBefore = jdbc.queryForObject("select count(*) from step_record where process_instance_id = ? "
                + "and step_id = 'headReview' and decision = 'APPROVE'", Integer.class,
                plan.get("processInstanceId").asText());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> results = new ArrayList<>();
        for (String user : new String[] {first, second}) {
            Callable<Api.Response> call = () -> {
                go.await();
                return api.complete(user, task, "APPROVE", null, null);
            };
            results.add(pool.submit(call));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        String[] users = {first, second};
        String winner = null;
        String transaction = null;
        for (int i = 0; i < 2; i++) {
            Api.Response r = results.get(i).get();
            statuses.add(r.status());
            answers.add(users[i] + ": " + r);
            if (r.status() == 202) {
                winner = users[i];
                transaction = r.json().get("transactionId").asText();
            } else {
                assertThat(r.contentType()).isEqualTo("application/problem+json");
            }
        }
        assertThat(statuses).as(answers.toString()).containsExactlyInAnyOrder(202, 409);
        ONE_WINNER.incrementAndGet();

        // Exactly one more signature prepared, the winner's, alone in its transaction; none from the loser.
        List<String> open = jdbc.queryForList("select signer from pending_signature where document_id = ? and status"
                + " in ('PREPARED', 'REQUESTED', 'CONFIRMED')", String.class, java.util.UUID.fromString(documentId));
        if (open.size() != 1) {
            DOUBLE_SIGNATURES.incrementAndGet();
        }
        assertThat(open).containsExactly(winner);
        assertThat(jdbc.queryForObject("select count(*) from pending_signature where transaction_id = ?",
                Integer.class, java.util.UUID.fromString(transaction))).isEqualTo(1);

        String pid = plan.get("processInstanceId").asText();
        assertThat(jdbc.queryForObject("select count(*) from step_record where process_instance_id = ? "
                + "and step_id = 'headReview' and decision = 'APPROVE'", Integer.class, pid))
                .isEqualTo(approvalsBefore + 1);
        if (!signIt) {
            assertThat(tasks.createTaskQuery().processInstanceId(pid).count()).isZero();
            assertThat(api.get("gv.lan", "/api/lesson-plans/" + plan.get("id").asText()).json().get("status")
                    .asText()).isEqualTo("AWAITING_SIGNATURE");
            return transaction;
        }
        // The winner's approval signs: confirmed on their phone, the process moves on.
        api.confirm(winner, transaction);
        assertThat(tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey("principalApproval").count())
                .isEqualTo(1);
        assertThat(tasks.createTaskQuery().processInstanceId(pid).count()).isEqualTo(1);
        assertThat(api.get("gv.lan", "/api/lesson-plans/" + plan.get("id").asText()).json().get("status").asText())
                .isEqualTo("PRINCIPAL_APPROVAL");
        // The signed PDF: the author's signature and the head step's, one each (besides their time-stamps).
        Api.Response pdf = api.get("gv.lan", "/api/documents/" + documentId + "/content");
        assertThat(pdf.status()).isEqualTo(200);
        try (PDDocument signed = Loader.loadPDF(pdf.bytes())) {
            // Signatures only: each B-LTA signature is followed by a document time-stamp, which is no one's approval.
            int count = (int) signed.getSignatureDictionaries().stream()
                    .filter(d -> !"ETSI.RFC3161".equals(d.getSubFilter())).count();
            if (count != 2) {
                DOUBLE_SIGNATURES.incrementAndGet();
            }
            assertThat(count).isEqualTo(2);
        }
        SIGNED_PDFS_COUNTED.incrementAndGet();
        return transaction;
    }
}
