/**
 * Verifying the signatures of PDFs: integrity, what each signature covers and what changed after it, certificate
 * chain and trust, revocation, timestamps and PAdES level — with EU DSS for the ETSI validation and our own reading of
 * the file's revisions against shadow and incremental-update attacks. {@link vn.truongso.verification.PdfVerifier} is
 * the service; {@code GET /api/documents/{id}/verification} and the {@code verify} command line use it.
 */
package vn.truongso.verification;
