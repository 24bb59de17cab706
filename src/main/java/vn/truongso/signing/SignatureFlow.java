package vn.truongso.signing;

import static vn.truongso.steps.ProcessVariables.LAST_ACTOR;
import static vn.truongso.steps.ProcessVariables.SIGNATURE_OUTCOME;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.truongso.steps.SignatureOutcome;

/**
 * {@code ${signatureFlow.…}}: how a model that calls bpmn/remote-signature.bpmn reads its output (signatureOutcome,
 * mapped back by the call activity). The one bean the calling models share besides their own steps: every caller
 * reads the outcome the same way. Reads variables only, so a model test uses it as it is.
 */
@Component
public class SignatureFlow {

    /**
     * Who gets the step back after a signature that was not confirmed: the person who approved, so that it lands
     * in their inbox again; nobody in particular (the candidate groups) otherwise.
     */
    public String returnTo(DelegateExecution execution) {
        Object outcome = execution.getVariable(SIGNATURE_OUTCOME);
        return outcome == null || done(execution) ? null : (String) execution.getVariable(LAST_ACTOR);
    }

    /** Whether the step's signature is there: put on the document, or given by hand on the printed copy. */
    public boolean done(DelegateExecution execution) {
        return SignatureOutcome.doneIn(execution);
    }
}
