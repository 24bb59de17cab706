package vn.truongso.steps;

import static vn.truongso.steps.ProcessVariables.SIGNATURE_OUTCOME;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * What bpmn/remote-signature.bpmn gives back in {@code signatureOutcome}. The variable holds the constant's name, a
 * String (the models compare it as text: {@code ${signatureOutcome == 'SIGNED'}}, and running instances keep it), so
 * it is written with {@link #setIn} and read with {@link #in}. Part of the process contract, here below every
 * process: {@code signing} gives it, the callers' steps and the step records read it.
 */
public enum SignatureOutcome {

    /** Signed electronically: the signature is in the document's new version. */
    SIGNED,
    /** Signed by hand on the printed copy (the step was done on paper): no electronic signature. */
    PAPER,
    /** The signer refused the sign transaction: nothing signed. */
    REJECTED,
    /** The signer's code did not come in time: nothing signed. */
    EXPIRED,
    /** Confirmed, but the document got a new version meanwhile: nothing signed, sign the new one. */
    DOCUMENT_CHANGED;

    /** Whether the signature is there: put on the document, or given by hand on the printed copy. */
    public boolean done() {
        return this == SIGNED || this == PAPER;
    }

    /** Whether the document carries the signature electronically. */
    public boolean electronic() {
        return this == SIGNED;
    }

    /** The outcome a {@code signatureOutcome} value names; empty when there is none yet or it names no outcome. */
    public static Optional<SignatureOutcome> of(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The outcome of the last signature seen from {@code scope} (an execution, or a task). */
    public static Optional<SignatureOutcome> in(VariableScope scope) {
        return of(scope.getVariable(SIGNATURE_OUTCOME));
    }

    /** Whether the last signature seen from {@code scope} is {@link #done()}. */
    public static boolean doneIn(VariableScope scope) {
        return in(scope).map(SignatureOutcome::done).orElse(false);
    }

    /** Sets this outcome as {@code signatureOutcome} (its name). */
    public void setIn(VariableScope scope) {
        scope.setVariable(SIGNATURE_OUTCOME, name());
    }
}
