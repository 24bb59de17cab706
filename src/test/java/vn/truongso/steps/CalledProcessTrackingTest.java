package vn.truongso.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.truongso.support.IntegrationTest;

/**
 * An office's process that calls a process for a school (a campaign calling each school's report): the called
 * process runs in the school's tenant, so its tasks reach the school's inbox, and it is tracked as the school's own
 * process — unlike a remote signature, which is a step of its caller.
 */
@IntegrationTest
class CalledProcessTrackingTest {

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ProcessRecordRepository processes;
    @Autowired
    StepRecordRepository steps;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    String deployment;

    /** The schools' figures other tests compute must not see this made-up process. */
    @AfterEach
    void undeploy() {
        if (deployment != null) {
            repository.deleteDeployment(deployment, true);
        }
        jdbc.update("delete from step_record where process_key in ('testSchoolPart', 'testOfficeCampaign')");
        jdbc.update("delete from process_record where process_key in ('testSchoolPart', 'testOfficeCampaign')");
    }

    @Test
    void aProcessCalledForASchoolRunsAndIsCountedInThatSchool() {
        BpmnModelInstance child = Bpmn.createExecutableProcess("testSchoolPart").camundaHistoryTimeToLive(1)
                .startEvent("received").name("Nhận yêu cầu")
                .userTask("prepare").name("Chuẩn bị").camundaCandidateGroups("THCSHB:CLERK")
                .endEvent().done();
        BpmnModelInstance parent = Bpmn.createExecutableProcess("testOfficeCampaign").camundaHistoryTimeToLive(1)
                .startEvent("opened")
                .callActivity("perSchool").calledElement("testSchoolPart")
                .camundaIn("schoolCode", "tenantId")
                .endEvent().done();
        deployment = repository.createDeployment().addModelInstance("child.bpmn", child)
                .addModelInstance("parent.bpmn", parent).deploy().getId();

        ProcessInstance campaign = runtime.startProcessInstanceByKey("testOfficeCampaign",
                Map.of("tenantId", "VHXH-HB", "schoolCode", "THCSHB"));

        assertThat(campaign.getTenantId()).isEqualTo("VHXH-HB");
        ProcessInstance school = runtime.createProcessInstanceQuery().superProcessInstanceId(campaign.getId())
                .singleResult();
        assertThat(school.getTenantId()).isEqualTo("THCSHB");
        Task task = tasks.createTaskQuery().processInstanceId(school.getId()).singleResult();
        assertThat(task.getTenantId()).isEqualTo("THCSHB");
        assertThat(tasks.createTaskQuery().tenantIdIn("THCSHB").taskId(task.getId()).count()).isEqualTo(1);
        assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(school.getId()).list())
                .extracting(v -> v.getName() + "@" + v.getTenantId()).contains("tenantId@THCSHB");

        assertThat(processes.findById(school.getId())).hasValueSatisfying(r -> {
            assertThat(r.getProcessKey()).isEqualTo("testSchoolPart");
            assertThat(r.getTenantId()).isEqualTo("THCSHB");
        });
        assertThat(processes.findById(campaign.getId())).hasValueSatisfying(
                r -> assertThat(r.getTenantId()).isEqualTo("VHXH-HB"));
        assertThat(steps.findAll()).filteredOn(s -> school.getId().equals(s.getProcessInstanceId()))
                .extracting(StepRecord::getStepId, StepRecord::getTenantId)
                .contains(org.assertj.core.groups.Tuple.tuple("prepare", "THCSHB"));
    }
}
