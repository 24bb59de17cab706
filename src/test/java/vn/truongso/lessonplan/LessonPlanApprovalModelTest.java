package vn.truongso.lessonplan;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import vn.truongso.signing.SignatureFlow;
import vn.truongso.support.ModelEngine;

/**
 * bpmn/lesson-plan-approval.bpmn alone, its steps mocked: every branch of every gateway and every timer. Signatures are
 * a stub of remote-signature.bpmn that gives back the outcome each test chooses; {@link SignatureFlow} reads it.
 */
class LessonPlanApprovalModelTest {

    static ModelEngine models;
    LessonPlanApprovalSteps steps;
    final Date reminder = Date.from(Instant.now().plus(Duration.ofDays(2)));

    @BeforeAll
    static void deploy() {
        models = ModelEngine.deploy("bpmn/lesson-plan-approval.bpmn", ModelEngine.stub("remoteSignature"));
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @BeforeEach
    void beans() {
        steps = models.bean("lessonPlanApprovalSteps", mock(LessonPlanApprovalSteps.class));
        models.bean("signatureFlow", new SignatureFlow());
        when(steps.headReviewers(any())).thenReturn(List.of("heads"));
        when(steps.reminderAt()).thenReturn(reminder);
        when(steps.escalationAt()).thenReturn(Date.from(Instant.now().plus(Duration.ofDays(5))));
    }

    ProcessInstance submit() {
        return runtimeService().startProcessInstanceByKey("lessonPlanApproval", "plan-1", withVariables(
                "planId", "p1", "teacher", "gv", "principalGroup", "principals", "documentId", "d1",
                "tenantId", "S1", "displayTitle", "KHBD tuần 1"));
    }

    /** The signature called at this step ends with {@code outcome}. */
    static void sign(ProcessInstance process, String outcome) {
        ProcessInstance call = calledProcessInstance("remoteSignature", process);
        complete(task(ModelEngine.STUBBED, call), withVariables("signatureOutcome", outcome));
    }

    static void decide(ProcessInstance process, String taskKey, String decision, String actor) {
        complete(task(taskKey, process), withVariables("decision", decision, "lastActor", actor));
    }

    /** Up to the head's review, the author's signature confirmed. */
    ProcessInstance atHeadReview() {
        ProcessInstance process = submit();
        sign(process, "SIGNED");
        assertThat(process).isWaitingAt("headReview");
        return process;
    }

    ProcessInstance atPrincipalApproval() {
        ProcessInstance process = atHeadReview();
        decide(process, "headReview", "APPROVE", "tt.hung");
        sign(process, "SIGNED");
        assertThat(process).isWaitingAt("principalApproval");
        return process;
    }

    @Test
    void approvedOnceTheAuthorTheHeadAndThePrincipalHaveSigned() {
        ProcessInstance process = submit();
        assertThat(process).isWaitingAt("authorSign");
        assertThat(calledProcessInstance("remoteSignature", process)).variables()
                .containsEntry("signer", "gv").containsEntry("signerRole", "AUTHOR").containsEntry("documentId", "d1");
        sign(process, "SIGNED");

        assertThat(process).isWaitingAt("headReview");
        assertThat(task(process)).hasCandidateGroup("heads").isNotAssigned().hasDueDate(reminder);
        decide(process, "headReview", "APPROVE", "tt.hung");
        assertThat(calledProcessInstance("remoteSignature", process)).variables()
                .containsEntry("signer", "tt.hung").containsEntry("signerRole", "HEAD");
        sign(process, "SIGNED");

        assertThat(process).isWaitingAt("principalApproval");
        assertThat(task(process)).hasCandidateGroup("principals").isNotAssigned();
        decide(process, "principalApproval", "APPROVE", "ht.minh");
        assertThat(calledProcessInstance("remoteSignature", process)).variables()
                .containsEntry("signer", "ht.minh").containsEntry("signerRole", "PRINCIPAL");
        // Signed by hand on the printed copy counts as signed.
        sign(process, "PAPER");

        assertThat(process).hasPassedInOrder("submitted", "authorSign", "headReview", "headSign", "principalApproval",
                "principalSign", "fileInRecords", "approved").isEnded();
        InOrder order = inOrder(steps);
        order.verify(steps).enter(any(), eq("AWAITING_SIGNATURE"));
        order.verify(steps).enter(any(), eq("HEAD_REVIEW"));
        order.verify(steps).enter(any(), eq("AWAITING_SIGNATURE"));
        order.verify(steps).enter(any(), eq("PRINCIPAL_APPROVAL"));
        order.verify(steps).enter(any(), eq("AWAITING_SIGNATURE"));
        order.verify(steps).file(any());
        verify(steps, times(3)).signed(any());
        verify(steps, never()).checkRevision(any());
    }

    @Test
    void anAuthorSignatureNotConfirmedWaitsForTheTeacherToSignAgain() {
        ProcessInstance process = submit();
        sign(process, "REJECTED");
        assertThat(process).isWaitingAt("authorResign");
        assertThat(task(process)).isAssignedTo("gv");
        verify(steps, never()).signed(any());

        complete(task(process));
        assertThat(process).isWaitingAt("authorSign");
        sign(process, "SIGNED");
        assertThat(process).isWaitingAt("headReview");
        verify(steps).signed(any());
    }

    @Test
    void theHeadReturnsThePlanAndTheTeacherResubmitsARevision() {
        ProcessInstance process = atHeadReview();
        decide(process, "headReview", "RETURN", "tt.hung");
        assertThat(process).isWaitingAt("revise");
        assertThat(task(process)).isAssignedTo("gv");
        verify(steps).enter(any(), eq("RETURNED"));

        complete(task(process));
        verify(steps).checkRevision(any());
        assertThat(process).hasPassed("headDecision", "revise").isWaitingAt("authorSign");
    }

    @Test
    void aResubmissionWithoutARevisionIsRefusedAndTheTeacherStaysAtRevise() {
        ProcessInstance process = atHeadReview();
        decide(process, "headReview", "RETURN", "tt.hung");
        doThrow(new IllegalStateException("no new version")).when(steps).checkRevision(any());

        assertThatThrownBy(() -> complete(task(process))).hasRootCauseMessage("no new version");
        assertThat(process).isWaitingAt("revise");
    }

    @Test
    void aHeadSignatureNotConfirmedGivesTheReviewBackToTheHead() {
        ProcessInstance process = atHeadReview();
        decide(process, "headReview", "APPROVE", "tt.hung");
        sign(process, "EXPIRED");
        assertThat(process).hasPassed("headSignDone").isWaitingAt("headReview");
        assertThat(task(process)).isAssignedTo("tt.hung");
    }

    @Test
    void thePrincipalReturnsThePlanToTheTeacher() {
        ProcessInstance process = atPrincipalApproval();
        decide(process, "principalApproval", "RETURN", "ht.minh");
        assertThat(process).hasPassed("principalDecision").hasNotPassed("principalSign").isWaitingAt("revise");
    }

    @Test
    void aPrincipalSignatureNotConfirmedGivesTheApprovalBackToThePrincipal() {
        ProcessInstance process = atPrincipalApproval();
        decide(process, "principalApproval", "APPROVE", "ht.minh");
        sign(process, "DOCUMENT_CHANGED");
        assertThat(process).hasPassed("principalSignDone").isWaitingAt("principalApproval");
        assertThat(task(process)).isAssignedTo("ht.minh");
        verify(steps, never()).file(any());
    }

    @Test
    void aHeadReviewWaitingTooLongIsRemindedThenEscalatedAndStillWaits() {
        ProcessInstance process = atHeadReview();
        execute(job("headReviewLate", process));
        verify(steps).remind(any());
        assertThat(process).hasPassed("remindHead", "headReminded").isWaitingAt("headReview");

        execute(job("headReviewVeryLate", process));
        verify(steps).escalate(any());
        assertThat(process).hasPassed("escalateToPrincipal", "escalated").isWaitingAt("headReview");
    }

    @Test
    void aPrincipalApprovalWaitingTooLongIsReminded() {
        ProcessInstance process = atPrincipalApproval();
        execute(job("principalApprovalLate", process));
        verify(steps).remind(any());
        assertThat(process).hasPassed("remindPrincipal", "principalReminded").isWaitingAt("principalApproval");
    }
}
