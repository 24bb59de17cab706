/**
 * The paperless figures (Decision 131/QĐ-TTg): computed from the step and process records of {@code steps} (summed in
 * SQL over their tables, {@code FigureTotals}) against the configured targets, per process, teacher or school; the CSV,
 * the principal's signed PDF report, the certificate of completion of a document, and the HTTP face of the scans of
 * paper steps. It sits above the processes: it hears what the report and enrolment processes announce
 * ({@code SubmissionFacts}) and marks it through {@code steps.ProcessFacts}; no process module depends on it.
 */
package vn.truongso.paperless;
