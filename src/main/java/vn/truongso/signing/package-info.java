/**
 * Signing documents. For now only the seam: {@link vn.truongso.signing.DocumentSigner} is what approval steps call;
 * PAdES signatures with PDFBox and Bouncy Castle plug in behind it.
 */
package vn.truongso.signing;
