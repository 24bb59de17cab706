package vn.truongso.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.processInstanceQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.truongso.support.ModelEngine;

/**
 * bpmn/admission-round.bpmn alone, its steps mocked: the window closed early or on time, nothing to sign, every
 * decision signed at once, and decisions left unsigned signed again. Each decision's signature is a stub of
 * remote-signature.bpmn.
 */
class AdmissionRoundModelTest {

    static ModelEngine models;
    AdmissionRoundSteps steps;

    @BeforeAll
    static void deploy() {
        models = ModelEngine.deploy("bpmn/admission-round.bpmn", ModelEngine.stub("remoteSignature"));
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @BeforeEach
    void beans() {
        steps = models.bean("admissionRoundSteps", mock(AdmissionRoundSteps.class));
        when(steps.label(anyString())).thenAnswer(i -> "Quyết định " + i.getArgument(0));
    }

    ProcessInstance opened() {
        return runtimeService().startProcessInstanceByKey("admissionRound", "round-1", withVariables(
                "roundId", "r1", "tenantId", "S1", "principalGroup", "S1:PRINCIPAL", "displayTitle", "Tuyển sinh lớp 1",
                "grade", 1, "closesAt", Date.from(Instant.now().plus(Duration.ofDays(10)))));
    }

    /** The decisions prepareDecisions makes (variable toSign), as the real step sets them. */
    void decisions(String... documentIds) {
        doAnswer(ModelEngine.sets("toSign", new ArrayList<>(List.of(documentIds)))).when(steps).prepareDecisions(any());
    }

    static void closeEarly(ProcessInstance round) {
        runtimeService().createMessageCorrelation("enrolmentRoundClose").processInstanceId(round.getId()).correlate();
    }

    static void approve(ProcessInstance round) {
        assertThat(round).isWaitingAt("approveList");
        assertThat(task(round)).hasCandidateGroup("S1:PRINCIPAL");
        complete(task(round), withVariables("decision", "APPROVE", "lastActor", "ht.minh"));
    }

    static List<ProcessInstance> signatures(ProcessInstance round) {
        return processInstanceQuery().superProcessInstanceId(round.getId()).processDefinitionKey("remoteSignature")
                .list();
    }

    static void signAll(ProcessInstance round, String outcome) {
        for (ProcessInstance call : signatures(round)) {
            complete(task(ModelEngine.STUBBED, call), withVariables("signatureOutcome", outcome));
        }
    }

    @Test
    void closedEarlyApprovedAndEveryDecisionSignedWithOneCode() {
        decisions("d1", "d2");
        ProcessInstance round = opened();
        assertThat(round).isWaitingAt("takingApplications");
        closeEarly(round);
        verify(steps).rank(any());
        approve(round);
        verify(steps).prepareDecisions(any());

        assertThat(round).isWaitingAt("signDecisions");
        List<ProcessInstance> calls = signatures(round);
        assertThat(calls).hasSize(2);
        assertThat(calls.stream().map(c -> runtimeService().getVariables(c.getId())))
                .allSatisfy(v -> assertThat(v).containsEntry("signer", "ht.minh").containsEntry("signerRole", "PRINCIPAL"))
                .extracting(v -> v.get("displayTitle")).containsExactlyInAnyOrder("Quyết định d1", "Quyết định d2");
        signAll(round, "SIGNED");

        verify(steps, times(2)).signed(any());
        verify(steps).unsignedLeft(any());
        // (History records activities, not flows: a branch shows as the activity it leads to.)
        assertThat(round).hasPassedInOrder("takingApplications", "rankApplications", "approveList",
                "prepareDecisions", "anyToSign", "signDecisions", "allSigned", "decided").isEnded()
                .hasNotPassed("windowClosed", "resign");
    }

    @Test
    void theWindowClosesOnTimeAndNothingIsLeftToSign() {
        decisions();
        ProcessInstance round = opened();
        execute(job("windowClosed", round));
        verify(steps).rank(any());
        assertThat(round).hasPassed("windowClosed", "rankApplications");
        approve(round);
        assertThat(round).hasPassed("anyToSign", "decided").hasNotPassed("signDecisions").isEnded();
        verify(steps, never()).signed(any());
    }

    @Test
    void decisionsLeftUnsignedGoBackToThePrincipalToSignAgain() {
        decisions("d1", "d2");
        // After the first calls one decision is still unsigned (as the real step, it is what toSign holds next).
        doAnswer(invocation -> {
            ((DelegateExecution) invocation.getArgument(0)).setVariable("toSign", new ArrayList<>(List.of("d2")));
            return true;
        }).doReturn(false).when(steps).unsignedLeft(any());
        ProcessInstance round = opened();
        closeEarly(round);
        approve(round);
        signAll(round, "SIGNED");

        assertThat(round).hasPassed("allSigned").isWaitingAt("resign");
        assertThat(task(round)).isAssignedTo("ht.minh");
        complete(task(round));
        assertThat(signatures(round)).hasSize(1);
        signAll(round, "SIGNED");
        verify(steps, times(3)).signed(any());
        assertThat(round).hasPassed("decided").isEnded();
    }
}
