package vn.truongso.enrolment;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.truongso.support.ModelEngine;

/**
 * bpmn/enrolment-request.bpmn alone, its steps mocked: ineligible, rejected by the clerk, papers requested and added
 * or lapsed, accepted and then admitted, not admitted, or accepted after the list was approved.
 */
class EnrolmentRequestModelTest {

    static ModelEngine models;
    EnrolmentRequestSteps steps;

    @BeforeAll
    static void deploy() {
        models = ModelEngine.deploy("bpmn/enrolment-request.bpmn");
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @BeforeEach
    void beans() {
        steps = models.bean("enrolmentRequestSteps", mock(EnrolmentRequestSteps.class));
        doAnswer(ModelEngine.sets("eligible", true)).when(steps).assess(any());
        doAnswer(ModelEngine.sets("roundDecided", false)).when(steps).accept(any());
        when(steps.papersDueAt(any())).thenReturn(Date.from(Instant.now().plus(Duration.ofDays(3))));
    }

    ProcessInstance applied() {
        ProcessInstance application = runtimeService().startProcessInstanceByKey("enrolmentRequest", "app-1",
                withVariables("applicationId", "a1", "roundId", "r1", "tenantId", "S1", "clerkGroup", "S1:CLERK",
                        "displayTitle", "Hồ sơ tuyển sinh", "requesterName", "Phụ huynh", "grade", 1));
        verify(steps).assess(any());
        return application;
    }

    static void clerkDecides(ProcessInstance application, String decision) {
        assertThat(application).isWaitingAt("checkPapers");
        assertThat(task(application)).hasCandidateGroup("S1:CLERK");
        complete(task(application), withVariables("decision", decision, "lastActor", "vt.hoa",
                "papersDeadline", "2026-12-10", "missingPapers", "BIRTH_CERTIFICATE"));
    }

    static void roundResult(ProcessInstance application, boolean admitted) {
        runtimeService().createMessageCorrelation("admissionDecided").processInstanceId(application.getId())
                .setVariable("admitted", admitted).correlate();
    }

    @Test
    void anIneligibleApplicationIsRejectedAtOnce() {
        doAnswer(ModelEngine.sets("eligible", false)).when(steps).assess(any());
        ProcessInstance application = applied();
        verify(steps).reject(any(), eq("INELIGIBLE"));
        assertThat(application).hasPassedInOrder("assessEligibility", "eligibleGateway", "rejectIneligible", "ineligible")
                .isEnded();
        verify(steps, never()).enter(any(), any());
    }

    @Test
    void theClerkRejectsTheApplication() {
        ProcessInstance application = applied();
        verify(steps).enter(any(), eq("CHECKING"));
        clerkDecides(application, "REJECT");
        verify(steps).reject(any(), eq("CLERK"));
        assertThat(application).hasPassed("clerkDecision", "reject", "rejectedEnd").isEnded();
    }

    @Test
    void papersRequestedAndAddedComeBackToTheClerk() {
        ProcessInstance application = applied();
        clerkDecides(application, "REQUEST_MORE");
        verify(steps).requestPapers(any());
        assertThat(application).isWaitingAt("awaitPapers");

        runtimeService().createMessageCorrelation("enrolmentPapersAdded").processInstanceId(application.getId())
                .correlate();
        assertThat(application).hasPassed("awaitPapers").isWaitingAt("checkPapers");
        verify(steps, times(2)).enter(any(), eq("CHECKING"));
        verify(steps, never()).lapse(any());
    }

    @Test
    void papersNotAddedInTimeLapseTheApplication() {
        ProcessInstance application = applied();
        clerkDecides(application, "REQUEST_MORE");
        execute(job("papersDeadline", application));
        verify(steps).lapse(any());
        assertThat(application).hasPassedInOrder("requestPapers", "awaitPapers", "lapse", "lapsed").isEnded();
    }

    @Test
    void anAcceptedApplicationWaitsForTheRoundAndIsAdmitted() {
        ProcessInstance application = applied();
        clerkDecides(application, "ACCEPT");
        verify(steps).accept(any());
        assertThat(application).hasPassed("roundDecidedGateway").isWaitingAt("awaitResult");
        roundResult(application, true);
        assertThat(application).hasPassed("resultGateway", "admitted").hasNotPassed("notAdmitted").isEnded();
    }

    @Test
    void anAcceptedApplicationBeyondTheSeatsIsNotAdmitted() {
        ProcessInstance application = applied();
        clerkDecides(application, "ACCEPT");
        roundResult(application, false);
        assertThat(application).hasPassed("resultGateway", "notAdmitted").hasNotPassed("admitted").isEnded();
    }

    @Test
    void anApplicationAcceptedAfterTheListWasApprovedIsTooLate() {
        doAnswer(ModelEngine.sets("roundDecided", true)).when(steps).accept(any());
        ProcessInstance application = applied();
        clerkDecides(application, "ACCEPT");
        assertThat(application).hasPassed("roundDecidedGateway", "notAdmitted").hasNotPassed("awaitResult").isEnded();
    }
}
