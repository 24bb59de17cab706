package vn.truongso.report;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.claim;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.truongso.signing.SignatureFlow;
import vn.truongso.support.ModelEngine;

/**
 * bpmn/school-report.bpmn alone, its steps mocked: sent and received, returned by the principal, a signature not
 * confirmed, returned by the office. The principal's signature is a stub of remote-signature.bpmn.
 */
class SchoolReportModelTest {

    static ModelEngine models;
    SchoolReportSteps steps;

    @BeforeAll
    static void deploy() {
        models = ModelEngine.deploy("bpmn/school-report.bpmn", ModelEngine.stub("remoteSignature"));
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @BeforeEach
    void beans() {
        steps = models.bean("schoolReportSteps", mock(SchoolReportSteps.class));
        models.bean("signatureFlow", new SignatureFlow());
        // As the real step does: who prepares and who signs.
        doAnswer(invocation -> {
            DelegateExecution execution = invocation.getArgument(0);
            execution.setVariable("clerkGroup", "S1:CLERK");
            execution.setVariable("principalGroup", "S1:PRINCIPAL");
            return null;
        }).when(steps).started(any());
    }

    ProcessInstance requested() {
        ProcessInstance process = runtimeService().startProcessInstanceByKey("schoolReport", "campaign-1",
                withVariables("tenantId", "S1", "schoolCode", "S1", "campaignId", "c1", "campaignProcessId", "cp1",
                        "displayTitle", "Báo cáo năm", "requesterName", "Phòng VHXH"));
        verify(steps).started(any());
        return process;
    }

    /** The clerk takes the task, hands the report over; the principal decides. */
    static void prepareAndDecide(ProcessInstance process, String decision) {
        assertThat(process).isWaitingAt("prepare");
        assertThat(task(process)).hasCandidateGroup("S1:CLERK");
        claim(task(process), "vt.hoa");
        complete(task(process), withVariables("documentId", "d1", "submitter", "vt.hoa"));
        assertThat(process).isWaitingAt("principalReview");
        assertThat(task(process)).hasCandidateGroup("S1:PRINCIPAL");
        complete(task(process), withVariables("decision", decision, "lastActor", "ht.minh"));
    }

    static void sign(ProcessInstance process, String outcome) {
        complete(task(ModelEngine.STUBBED, calledProcessInstance("remoteSignature", process)),
                withVariables("signatureOutcome", outcome));
    }

    /** Signed: the sending step is its own job, then the report waits for the office. */
    void signAndSend(ProcessInstance process) {
        sign(process, "SIGNED");
        assertThat(process).isWaitingAt("submit");
        execute(job("submit", process));
        verify(steps).submit(any());
        assertThat(process).isWaitingAt("awaitDecision");
    }

    static void officeDecides(ProcessInstance process, String reportDecision) {
        runtimeService().createMessageCorrelation("reportDecided").processInstanceId(process.getId())
                .setVariable("reportDecision", reportDecision).correlate();
        // asyncAfter: the office's decision only left a job here.
        execute(job("awaitDecision", process));
    }

    @Test
    void aSignedReportIsSentAndReceived() {
        ProcessInstance process = requested();
        prepareAndDecide(process, "APPROVE");
        verify(steps).drafting(any());
        verify(steps).prepared(any());
        assertThat(calledProcessInstance("remoteSignature", process)).variables()
                .containsEntry("signer", "ht.minh").containsEntry("signerRole", "PRINCIPAL")
                .containsEntry("documentId", "d1").containsEntry("tenantId", "S1");
        signAndSend(process);
        officeDecides(process, "ACCEPTED");
        assertThat(process).hasPassedInOrder("requested", "prepare", "principalReview", "principalSign", "submit",
                "awaitDecision", "officeDecision", "accepted").isEnded();
        verify(steps, never()).returnedBySchool(any());
    }

    @Test
    void thePrincipalReturnsTheReportToTheClerk() {
        ProcessInstance process = requested();
        prepareAndDecide(process, "RETURN");
        verify(steps).returnedBySchool(any());
        assertThat(process).hasPassed("principalDecision").hasNotPassed("principalSign").isWaitingAt("prepare");
    }

    @Test
    void aSignatureNotConfirmedGivesTheReviewBackToThePrincipal() {
        ProcessInstance process = requested();
        prepareAndDecide(process, "APPROVE");
        sign(process, "EXPIRED");
        assertThat(process).hasPassed("signDone").isWaitingAt("principalReview");
        assertThat(task(process)).isAssignedTo("ht.minh");
        verify(steps, never()).submit(any());
    }

    @Test
    void theOfficeReturnsTheReportAndTheSchoolSendsItAgain() {
        ProcessInstance process = requested();
        prepareAndDecide(process, "APPROVE");
        signAndSend(process);
        officeDecides(process, "RETURNED");
        assertThat(process).hasPassed("officeDecision").hasNotPassed("accepted").isWaitingAt("prepare");

        prepareAndDecide(process, "APPROVE");
        verify(steps, times(2)).prepared(any());
        sign(process, "PAPER");
        execute(job("submit", process));
        verify(steps, times(2)).submit(any());
        officeDecides(process, "ACCEPTED");
        assertThat(process).isEnded();
    }
}
