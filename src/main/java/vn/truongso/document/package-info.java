/**
 * Documents: PDFs stored content-addressed (SHA-256) on a file store, with metadata and every version in the database.
 * A revision or a signature is a new version; old versions stay readable.
 */
package vn.truongso.document;
