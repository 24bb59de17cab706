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
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * Two people completing the same task at the same moment: one wins (202, with the one sign transaction for its
 * signature), the other gets 409, the process moves once.
 */
@IntegrationTest
class ConcurrentCompletionTest {

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

    @RepeatedTest(40)
    void theSameUserDoubleSubmitting() throws Exception {
        JsonNode plan = api.submitLessonPlan("gv.lan", "Bài đua 1");
        String task = api.taskOf("tt.hung", plan.get("id").asText());
        race(plan, task, "tt.hung", "tt.hung");
    }

    @Test
    void theHeadAndThePrincipalAfterEscalation() throws Exception {
        JsonNode plan = api.submitLessonPlan("gv.lan", "Bài đua 2");
        String pid = plan.get("processInstanceId").asText();
        String escalation = management.createJobQuery().processInstanceId(pid).activityId("headReviewVeryLate")
                .singleResult().getId();
        management.executeJob(escalation);
        String task = api.taskOf("tt.hung", plan.get("id").asText());
        assertThat(api.taskOf("ht.mai", plan.get("id").asText())).isEqualTo(task);
        race(plan, task, "tt.hung", "ht.mai");
    }

    private void race(JsonNode plan, String task, String first, String second) throws Exception {
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
        String[] users = {first, second};
        for (int i = 0; i < 2; i++) {
            Api.Response r = results.get(i).get();
            statuses.add(r.status());
            if (r.status() == 202) {
                // The winner's approval signs: confirmed on their phone, the process moves on.
                api.confirm(users[i], r.json().get("transactionId").asText());
            } else {
                assertThat(r.contentType()).isEqualTo("application/problem+json");
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder(202, 409);

        String pid = plan.get("processInstanceId").asText();
        assertThat(jdbc.queryForObject("select count(*) from step_record where process_instance_id = ? "
                + "and step_id = 'headReview' and decision = 'APPROVE'", Integer.class, pid)).isEqualTo(1);
        assertThat(tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey("principalApproval").count())
                .isEqualTo(1);
        assertThat(tasks.createTaskQuery().processInstanceId(pid).count()).isEqualTo(1);
        assertThat(api.get("gv.lan", "/api/lesson-plans/" + plan.get("id").asText()).json().get("status").asText())
                .isEqualTo("PRINCIPAL_APPROVAL");
    }
}
