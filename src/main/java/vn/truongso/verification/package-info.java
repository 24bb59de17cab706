/**
 * Verifying the signatures of PDFs: integrity, what each signature covers and what changed after it, certificate
 * chain and trust, revocation, timestamps and PAdES level — with EU DSS for the ETSI validation and our own reading of
 * the file's revisions against shadow and incremental-update attacks. {@link vn.truongso.verification.PdfVerifier} is
 * the service; {@code GET /api/documents/{id}/verification} and the {@code verify} command line use it.
 * <p>
 * Inside, package-private: {@code DssValidation} runs DSS; {@code RevisionAnalyzer} reads the revisions in stages
 * ({@code ByteRanges}, {@code XrefSections}, {@code PdfState}, {@code RevisionDiff}); {@code ReportAssembler} maps both
 * onto the report, with {@code VerdictPolicy} deciding the statuses and {@code ReportWording} writing the Vietnamese.
 */
package vn.truongso.verification;
