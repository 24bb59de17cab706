package vn.truongso.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.truongso.common.Channel;
import vn.truongso.support.IntegrationTest;

/**
 * The whole story of an instance: besides people's steps, what the engine did by itself (service tasks, a timer that
 * fired), what it waited for (receive tasks) and the end — recorded by the same plugin, without channel or actor, and
 * left out of people's history.
 */
@IntegrationTest
class StepStoryTest {

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    StepHistory history;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    String deployment;

    @BeforeEach
    void deploy() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("testStory").camundaHistoryTimeToLive(1)
                .startEvent("asked").name("Gửi yêu cầu")
                .serviceTask("prepare").name("Chuẩn bị").camundaExpression("${true}")
                .userTask("check").name("Kiểm tra").camundaCandidateGroups("THCSHB:CLERK")
                .receiveTask("await").name("Chờ bổ sung").message("testStoryMore")
                .boundaryEvent("deadline").name("Hết hạn").timerWithDate("2099-01-01T00:00:00")
                .serviceTask("lapse").name("Hết hạn hồ sơ").camundaExpression("${true}")
                .endEvent("lapsed").name("Đã hết hạn")
                .moveToActivity("await")
                .endEvent("completed").name("Đã bổ sung")
                .done();
        deployment = repository.createDeployment().addModelInstance("story.bpmn", model).deploy().getId();
    }

    /** The schools' figures other tests compute must not see this made-up process. */
    @AfterEach
    void undeploy() {
        repository.deleteDeployment(deployment, true);
        jdbc.update("delete from step_record where process_key = 'testStory'");
        jdbc.update("delete from process_record where process_key = 'testStory'");
    }

    private String startAndCheck() {
        ProcessInstance pi = runtime.startProcessInstanceByKey("testStory", Map.of("tenantId", "THCSHB"));
        String task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
        tasks.claim(task, "vt.hoa");
        tasks.complete(task);
        return pi.getId();
    }

    private static List<String> kinds(List<StepHistory.Step> steps) {
        return steps.stream().map(s -> s.kind() + ":" + s.step() + ":" + (s.endedAt() != null)).toList();
    }

    @Test
    void theStoryHasWhatTheEngineDidAndWaitedForAndTheEnd() {
        String pid = startAndCheck();
        assertThat(kinds(history.story(pid))).containsExactly("SUBMISSION:asked:true", "AUTOMATIC:prepare:true",
                "TASK:check:true", "WAIT:await:false");

        Job timer = management.createJobQuery().processInstanceId(pid).timers().singleResult();
        management.executeJob(timer.getId());

        List<StepHistory.Step> story = history.story(pid);
        assertThat(kinds(story)).containsExactly("SUBMISSION:asked:true", "AUTOMATIC:prepare:true",
                "TASK:check:true", "WAIT:await:true", "AUTOMATIC:deadline:true", "AUTOMATIC:lapse:true",
                "END:lapsed:true");
        assertThat(story).filteredOn(s -> !s.kind().byPerson()).allSatisfy(s -> {
            assertThat(s.actor()).isNull();
            assertThat(s.channel()).isNull();
            assertThat(s.pagesAvoided()).isNull();
        });
        assertThat(story).extracting(StepHistory.Step::name).contains("Hết hạn", "Đã hết hạn");
        // People's history and its share: only the submission and the clerk's check.
        List<StepHistory.Step> people = history.of(pid);
        assertThat(kinds(people)).containsExactly("SUBMISSION:asked:true", "TASK:check:true");
        assertThat(history.share(people).stepsDone()).isEqualTo(2);
        assertThat(people).extracting(StepHistory.Step::channel).containsOnly(Channel.DIGITAL);
    }

    @Test
    void aWaitEndsWhenTheMessageComes() {
        String pid = startAndCheck();
        runtime.createMessageCorrelation("testStoryMore").processInstanceId(pid).correlate();
        assertThat(kinds(history.story(pid))).containsExactly("SUBMISSION:asked:true", "AUTOMATIC:prepare:true",
                "TASK:check:true", "WAIT:await:true", "END:completed:true");
    }
}
