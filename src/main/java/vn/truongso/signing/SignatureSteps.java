package vn.truongso.signing;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The named beans of bpmn/remote-signature.bpmn. Its inputs: documentId, signer, signerRole, displayTitle,
 * documentKind, channel; its output: signatureOutcome (SIGNED, PAPER, REJECTED, EXPIRED, DOCUMENT_CHANGED) and
 * signatureNote.
 */
final class SignatureSteps {

    static final String PENDING_ID = "pendingSignatureId";
    static final String OUTCOME = "signatureOutcome";

    private SignatureSteps() {
    }

    @Component("signatureRequest")
    static class Request implements JavaDelegate {
        private final RemoteSignatures signatures;

        Request(RemoteSignatures signatures) {
            this.signatures = signatures;
        }

        @Override
        public void execute(DelegateExecution execution) {
            PendingSignature p = signatures.prepare(execution.getProcessInstanceId(),
                    UUID.fromString(execution.getVariable("documentId").toString()),
                    (String) execution.getVariable("signer"), (String) execution.getVariable("signerRole"),
                    (String) execution.getVariable("displayTitle"), (String) execution.getVariable("documentKind"));
            execution.setVariable(PENDING_ID, p.getId().toString());
        }
    }

    @Component("signatureApplier")
    static class Applier implements JavaDelegate {
        private final RemoteSignatures signatures;

        Applier(RemoteSignatures signatures) {
            this.signatures = signatures;
        }

        @Override
        public void execute(DelegateExecution execution) {
            RemoteSignatures.Applied applied = signatures.apply(UUID.fromString((String) execution.getVariable(PENDING_ID)));
            execution.setVariable(OUTCOME, applied.outcome());
            execution.setVariable("signatureNote", applied.note());
        }
    }

    @Component("signatureExpiry")
    static class Expiry implements JavaDelegate {
        private final RemoteSignatures signatures;

        Expiry(RemoteSignatures signatures) {
            this.signatures = signatures;
        }

        @Override
        public void execute(DelegateExecution execution) {
            signatures.expire(UUID.fromString((String) execution.getVariable(PENDING_ID)));
            execution.setVariable(OUTCOME, PendingSignature.Status.EXPIRED.name());
        }
    }

    /** Expressions for the models that call remote-signature.bpmn. */
    @Component("signatureFlow")
    public static class Flow {
        private final RemoteSignatures signatures;

        Flow(RemoteSignatures signatures) {
            this.signatures = signatures;
        }

        /** How long the process waits for the signer's code, as an ISO 8601 duration for the timer. */
        public String timeout() {
            return signatures.timeout().toString();
        }

        /**
         * Who gets the step back after a signature that was not confirmed: the person who approved, so that it lands
         * in their inbox again; nobody in particular (the candidate groups) otherwise.
         */
        public String returnTo(DelegateExecution execution) {
            Object outcome = execution.getVariable(OUTCOME);
            return outcome == null || done(execution) ? null
                    : (String) execution.getVariable("lastActor");
        }

        /** Whether the step's signature is there: put on the document, or given by hand on the printed copy. */
        public boolean done(DelegateExecution execution) {
            Object outcome = execution.getVariable(OUTCOME);
            return RemoteSignatures.SIGNED.equals(outcome) || "PAPER".equals(outcome);
        }
    }
}
