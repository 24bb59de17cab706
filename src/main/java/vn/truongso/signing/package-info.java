/**
 * Signing documents: PAdES signatures (ETSI.CAdES.detached) made with PDFBox and Bouncy Castle at levels B-B, B-T,
 * B-LT and B-LTA, with a visible Vietnamese appearance in the style of Smart CA. The key never has to be here: the
 * signature value comes from a {@link vn.truongso.signing.SignatureValueProvider} that receives only a digest, or,
 * when it comes minutes later, is handed to {@link vn.truongso.signing.PadesSigner#complete} with the
 * {@link vn.truongso.signing.PreparedSignature} that {@link vn.truongso.signing.PadesSigner#prepare} made.
 *
 * <p>{@link vn.truongso.signing.Authority} is the authority line of a signing block as Decree 30/2020 writes it (own,
 * KT. ký thay, TM. thay mặt, Q. quyền). Contract for the other capabilities: a signature in the principal's role by
 * someone who is not the principal is a KT. signature for the principal ({@link
 * vn.truongso.signing.Authority#asPrincipal}); it shows the authority lines above the signer's name, carries them in
 * its reason, and is placed under the authority's own heading first, then under the role's configured headings.
 * Generated documents print the same lines ({@link vn.truongso.signing.Authority#lines}).
 *
 * <p>Every signing step of every process calls bpmn/remote-signature.bpmn (steps:
 * {@link vn.truongso.signing.RemoteSignatureSteps}); the caller reads its outcome through
 * {@link vn.truongso.signing.SignatureFlow} ({@code ${signatureFlow.done(execution)}}), the one bean the models share;
 * the outcome's values and their meaning are {@link vn.truongso.steps.SignatureOutcome} (kept in the process variable
 * by name; in {@code steps}, below every process, because the step records read it too). The time to put one
 * confirmed signature into its PDF is the metric {@code truongso.signing.time}.
 */
package vn.truongso.signing;
