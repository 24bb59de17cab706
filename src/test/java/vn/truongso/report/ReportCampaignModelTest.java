package vn.truongso.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.processInstanceQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.truongso.support.ModelEngine;

/**
 * bpmn/report-campaign.bpmn alone, its steps mocked: every school's report in (each a stub of school-report.bpmn),
 * no school at all, the reminder and the deadline timers, and the officer's decision on a report that arrived.
 */
class ReportCampaignModelTest {

    static ModelEngine models;
    ReportCampaignSteps steps;

    @BeforeAll
    static void deploy() {
        models = ModelEngine.deploy("bpmn/report-campaign.bpmn", ModelEngine.stub("schoolReport"));
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @BeforeEach
    void beans() {
        steps = models.bean("reportCampaignSteps", mock(ReportCampaignSteps.class));
        when(steps.schools(any())).thenReturn(List.of("S1", "S2"));
        when(steps.reminderAt(any())).thenReturn(Date.from(Instant.now().plus(Duration.ofDays(4))));
        when(steps.deadlineAt(any())).thenReturn(Date.from(Instant.now().plus(Duration.ofDays(7))));
    }

    ProcessInstance opened() {
        return runtimeService().startProcessInstanceByKey("reportCampaign", "campaign-1", withVariables(
                "tenantId", "VHXH-HB", "campaignId", "c1", "displayTitle", "Báo cáo năm", "requesterName", "Phòng",
                "officerGroup", "VHXH-HB:OFFICER"));
    }

    static List<ProcessInstance> schoolReports(ProcessInstance campaign) {
        return processInstanceQuery().superProcessInstanceId(campaign.getId()).processDefinitionKey("schoolReport")
                .list();
    }

    @Test
    void theCampaignClosesOnceEverySchoolsReportIsIn() {
        ProcessInstance campaign = opened();
        assertThat(campaign).isWaitingAt("schoolReports");
        List<ProcessInstance> reports = schoolReports(campaign);
        assertThat(reports).hasSize(2);
        // Each school's report runs in the school's tenant, for the school.
        assertThat(reports.stream().map(r -> runtimeService().getVariables(r.getId())).map(v -> v.get("tenantId")))
                .containsExactlyInAnyOrder("S1", "S2");
        Map<String, Object> first = runtimeService().getVariables(reports.get(0).getId());
        assertThat(first).containsEntry("campaignId", "c1").containsEntry("campaignProcessId", campaign.getId())
                .containsEntry("schoolCode", first.get("tenantId"));

        for (ProcessInstance report : reports) {
            complete(task(ModelEngine.STUBBED, report));
        }
        verify(steps).closed(any());
        assertThat(campaign).hasPassedInOrder("opened", "schoolReports", "close", "allReceived").isEnded();
        verify(steps, never()).remind(any());
        verify(steps, never()).markMissing(any());
    }

    @Test
    void aCampaignWithoutSchoolsClosesAtOnce() {
        when(steps.schools(any())).thenReturn(List.of());
        ProcessInstance campaign = opened();
        assertThat(campaign).hasPassed("close", "allReceived").isEnded();
    }

    @Test
    void theReminderAndTheDeadlineComeWhileTheSchoolsReport() {
        ProcessInstance campaign = opened();
        execute(job("reminderDue", campaign));
        verify(steps).remind(any());
        assertThat(campaign).hasPassed("remind", "reminded").isWaitingAt("schoolReports");

        execute(job("deadlinePassed", campaign));
        verify(steps).markMissing(any());
        assertThat(campaign).hasPassed("markLate", "markedLate").isWaitingAt("schoolReports");
        verify(steps, never()).closed(any());
    }

    @Test
    void eachReportThatArrivesIsReceivedOrReturnedByAnOfficer() {
        ProcessInstance campaign = opened();
        for (String school : List.of("S1", "S2")) {
            runtimeService().createMessageCorrelation("schoolReportArrived").processInstanceId(campaign.getId())
                    .setVariablesToTriggeredScope(Map.of("reportSchool", school)).correlate();
        }
        List<Task> receive = taskQuery().processInstanceId(campaign.getId()).taskDefinitionKey("officerReceive").list();
        assertThat(receive).hasSize(2);
        assertThat(receive.get(0)).hasCandidateGroup("VHXH-HB:OFFICER");

        complete(receive.get(0), withVariables("decision", "ACCEPT", "lastActor", "cv.lan"));
        complete(receive.get(1), withVariables("decision", "RETURN", "lastActor", "cv.lan", "lastComment", "Thiếu"));
        verify(steps, org.mockito.Mockito.times(2)).decide(any());
        assertThat(campaign).hasPassed("reportArrived", "officerReceive", "decide", "decided")
                .isWaitingAt("schoolReports");
    }
}
