package vn.truongso.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.truongso.support.ModelEngine;

/** bpmn/report-schedule.bpmn alone, its step mocked: the daily timer starts it, it opens what is due and ends. */
class ReportScheduleModelTest {

    static ModelEngine models;
    ReportScheduleSteps steps;

    @BeforeAll
    static void deploy() {
        models = ModelEngine.deploy("bpmn/report-schedule.bpmn");
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @BeforeEach
    void beans() {
        steps = models.bean("reportScheduleSteps", mock(ReportScheduleSteps.class));
    }

    @Test
    void theDailyTimerOpensTheDueCampaignsAndComesBackTomorrow() {
        // Deployed: one timer, for the whole cluster, next due at 00:30.
        Job timer = jobQuery().activityId("daily").singleResult();
        assertThat(timer).isNotNull();
        assertThat(timer.getDuedate().toInstant().atZone(java.time.ZoneId.systemDefault()).toLocalTime())
                .isEqualTo(java.time.LocalTime.of(0, 30));

        execute(timer);
        verify(steps).openDue();
        assertThat(historyService().createHistoricProcessInstanceQuery().processDefinitionKey("reportSchedule")
                .completed().count()).isEqualTo(1);
        // Occurrence, not start time: steps of one millisecond tie on the time and then come in any order.
        assertThat(historyService().createHistoricActivityInstanceQuery().orderByHistoricActivityInstanceStartTime()
                .asc().orderPartiallyByOccurrence().asc().list()).extracting(HistoricActivityInstance::getActivityId)
                .containsExactly("daily", "openDue", "done");
        // The cycle goes on: a new timer, again at 00:30.
        Job next = jobQuery().activityId("daily").singleResult();
        assertThat(next.getId()).isNotEqualTo(timer.getId());
        assertThat(next.getDuedate().toInstant().atZone(java.time.ZoneId.systemDefault()).toLocalTime())
                .isEqualTo(java.time.LocalTime.of(0, 30));
    }
}
