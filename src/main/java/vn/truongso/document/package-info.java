/**
 * Documents: PDFs stored content-addressed (SHA-256) in a {@code BlobStore} (a local directory by default, or an
 * S3-compatible object store), with metadata and every version in the database; {@code BlobCollector} removes files
 * no version names.
 * A revision or a signature is a new version; old versions stay readable. {@code ObjectStoreHealthIndicator} is the
 * {@code objectStore} component of /actuator/health: DOWN when the store cannot be used.
 */
package vn.truongso.document;
