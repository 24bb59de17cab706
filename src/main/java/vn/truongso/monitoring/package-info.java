/**
 * What an operator watches, beside what each capability measures itself: the job executor's figures (Camunda's own
 * counters, mirrored into Micrometer by {@code JobMetrics}, the one engine-specific class) and the sign transactions
 * by outcome (counted from the {@link vn.truongso.remotesign.SignTransactionDecided} events). Nothing here is called
 * by other code: Micrometer serves it on {@code /actuator/prometheus} (docs/operations.md, "Metrics and health").
 *
 * <p>Measured elsewhere, where the work is done: the time to put one PAdES signature into its document
 * ({@code truongso.signing.time}, module {@code signing}) and whether the object store is reachable (the
 * {@code objectStore} health component, module {@code document}); HTTP requests and the database's health come with
 * Spring Boot.
 *
 * <p>Depends on {@code remotesign} (its event) and on the engine; no module depends on this one.
 */
package vn.truongso.monitoring;
