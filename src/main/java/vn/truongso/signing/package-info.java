/**
 * Signing documents: PAdES signatures (ETSI.CAdES.detached) made with PDFBox and Bouncy Castle at levels B-B, B-T,
 * B-LT and B-LTA, with a visible Vietnamese appearance in the style of Smart CA. The key never has to be here: the
 * signature value comes from a {@link vn.truongso.signing.SignatureValueProvider} that receives only a digest, or,
 * when it comes minutes later, is handed to {@link vn.truongso.signing.PadesSigner#complete} with the
 * {@link vn.truongso.signing.PreparedSignature} that {@link vn.truongso.signing.PadesSigner#prepare} made.
 */
package vn.truongso.signing;
