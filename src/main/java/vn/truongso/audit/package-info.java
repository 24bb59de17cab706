/**
 * The audit trail: an append-only log of every action (who, what, when, from which address, the document's digest
 * before and after), hash-chained so that any edit, deletion or reordering of its entries is detected. Other
 * capabilities publish small domain events; this module listens to them inside the same database transaction, so an
 * action that rolls back leaves no entry and a failed entry rolls the action back. {@code GET /api/audit} reads it;
 * the {@code audit verify} command ({@link vn.truongso.audit.AuditCommand}) checks the chain.
 */
package vn.truongso.audit;
