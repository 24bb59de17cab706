package vn.truongso.signing;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.truongso.support.ModelEngine;

/** bpmn/remote-signature.bpmn alone, its steps mocked: on paper, confirmed, refused, and the code never coming. */
class RemoteSignatureModelTest {

    static ModelEngine models;
    RemoteSignatureSteps steps;

    @BeforeAll
    static void deploy() {
        models = ModelEngine.deploy("bpmn/remote-signature.bpmn");
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @BeforeEach
    void beans() {
        steps = models.bean("remoteSignatureSteps", mock(RemoteSignatureSteps.class));
        when(steps.timeout()).thenReturn("PT10M");
    }

    ProcessInstance request(String channel) {
        return runtimeService().startProcessInstanceByKey("remoteSignature", withVariables("tenantId", "S1",
                "documentId", "d1", "signer", "ht.minh", "signerRole", "PRINCIPAL", "displayTitle", "Báo cáo",
                "documentKind", "báo cáo", "channel", channel));
    }

    static void decided(ProcessInstance process, String outcome) {
        runtimeService().createMessageCorrelation("signatureDecided").processInstanceId(process.getId())
                .setVariable("signatureOutcome", outcome).correlate();
    }

    @Test
    void aStepDoneOnPaperAsksForNoSignature() {
        ProcessInstance process = request("PAPER");
        assertThat(process).hasPassedInOrder("howSigned", "signedOnPaper").isEnded()
                .variables().containsEntry("signatureOutcome", "PAPER");
        verify(steps, never()).prepare(any());
    }

    @Test
    void aConfirmedSignatureIsPutIntoTheDocumentInItsOwnJob() {
        // No channel given (the API's default): signed digitally.
        ProcessInstance process = request(null);
        verify(steps).prepare(any());
        assertThat(process).isWaitingAt("awaitConfirmation");

        decided(process, "SIGNED");
        // asyncBefore: the confirmation only left a job; the signature goes in when it runs.
        assertThat(process).isWaitingAt("applySignature");
        verify(steps, never()).apply(any());
        doAnswer(ModelEngine.sets("signatureNote", "Đã ký số")).when(steps).apply(any());
        execute(job("applySignature", process));
        verify(steps).apply(any());
        assertThat(process).hasPassedInOrder("prepareSignature", "awaitConfirmation", "decided", "applySignature",
                "signed").isEnded();
    }

    @Test
    void aRefusedSignatureEndsUnsigned() {
        ProcessInstance process = request("DIGITAL");
        decided(process, "REJECTED");
        assertThat(process).hasPassedInOrder("awaitConfirmation", "decided", "notSigned")
                .hasNotPassed("applySignature", "expireSignature").isEnded();
        verify(steps, never()).apply(any());
    }

    @Test
    void aCodeThatNeverComesExpiresTheSignature() {
        ProcessInstance process = request("DIGITAL");
        execute(job("confirmationTimeout", process));
        verify(steps).expire(any());
        assertThat(process).hasPassedInOrder("awaitConfirmation", "expireSignature", "notSigned").isEnded();
    }
}
