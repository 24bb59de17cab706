package vn.truongso.paperless;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.truongso.support.ModelEngine;

/**
 * bpmn/paperless-report.bpmn alone: it calls no bean, only the principal's signature (a stub of remote-signature.bpmn),
 * always digital, and ends whatever the outcome.
 */
class PaperlessReportModelTest {

    static ModelEngine models;

    @BeforeAll
    static void deploy() {
        models = ModelEngine.deploy("bpmn/paperless-report.bpmn", ModelEngine.stub("remoteSignature"));
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @BeforeEach
    void engine() {
        BpmnAwareTests.init(models.engine());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIGNED", "REJECTED", "EXPIRED"})
    void theReportIsSignedByThePrincipalThenTheProcessEnds(String outcome) {
        ProcessInstance report = runtimeService().startProcessInstanceByKey("paperlessReport", "doc-1", withVariables(
                "tenantId", "S1", "documentId", "d1", "displayTitle", "Báo cáo số liệu", "principal", "ht.minh"));
        assertThat(report).isWaitingAt("principalSign");
        ProcessInstance call = calledProcessInstance("remoteSignature", report);
        assertThat(call).variables().containsEntry("signer", "ht.minh").containsEntry("signerRole", "PRINCIPAL")
                .containsEntry("channel", "DIGITAL").containsEntry("documentId", "d1");
        complete(task(ModelEngine.STUBBED, call), withVariables("signatureOutcome", outcome));
        assertThat(report).hasPassedInOrder("reportMade", "principalSign", "done").isEnded();
    }
}
