package vn.truongso.signing;

import static vn.truongso.steps.ProcessVariables.DISPLAY_TITLE;
import static vn.truongso.steps.ProcessVariables.DOCUMENT_ID;
import static vn.truongso.steps.ProcessVariables.SIGNATURE_NOTE;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.truongso.steps.SignatureOutcome;

/**
 * {@code ${remoteSignatureSteps.…}}: the steps of bpmn/remote-signature.bpmn. Its inputs: documentId, signer,
 * signerRole, displayTitle, documentKind, channel; its output: signatureOutcome (a {@link SignatureOutcome} by name)
 * and signatureNote. What the calling models read from that output is {@link SignatureFlow}.
 */
@Component
public class RemoteSignatureSteps {

    static final String PENDING_ID = "pendingSignatureId";

    private final RemoteSignatures signatures;

    RemoteSignatureSteps(RemoteSignatures signatures) {
        this.signatures = signatures;
    }

    /** prepareSignature: the signature is placed on the document and waits for the signer's code. */
    public void prepare(DelegateExecution execution) {
        PendingSignature p = signatures.prepare(execution.getProcessInstanceId(),
                UUID.fromString(execution.getVariable(DOCUMENT_ID).toString()),
                (String) execution.getVariable("signer"), (String) execution.getVariable("signerRole"),
                (String) execution.getVariable(DISPLAY_TITLE), (String) execution.getVariable("documentKind"));
        execution.setVariable(PENDING_ID, p.getId().toString());
    }

    /** confirmationTimeout: how long the process waits for the signer's code, as an ISO 8601 duration. */
    public String timeout() {
        return signatures.timeout().toString();
    }

    /** applySignature (its own job): the confirmed signature value goes into the PDF. */
    public void apply(DelegateExecution execution) {
        RemoteSignatures.Applied applied = signatures.apply(UUID.fromString((String) execution.getVariable(PENDING_ID)));
        applied.outcome().setIn(execution);
        execution.setVariable(SIGNATURE_NOTE, applied.note());
    }

    /** expireSignature: the code never came. */
    public void expire(DelegateExecution execution) {
        signatures.expire(UUID.fromString((String) execution.getVariable(PENDING_ID)));
        SignatureOutcome.EXPIRED.setIn(execution);
    }
}
