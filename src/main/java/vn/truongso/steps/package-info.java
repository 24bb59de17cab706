/**
 * Step tracking: what happened in every process instance, recorded by one engine plugin
 * ({@code StepTracking}, parse-time listeners on every BPMN file, so a new process is tracked without new Java).
 *
 * <p>What it records: a <em>process record</em> per instance (process, business key, organisation, document, who
 * submitted, when, when and how it ended: COMPLETED or CANCELLED; a remote signature is a step of its caller, not an
 * instance of its own) and a <em>step record</em> per step (tables {@code process_record}, {@code step_record}). People's
 * steps — the start (SUBMISSION), every user task (TASK), every call of {@code bpmn/remote-signature.bpmn} (SIGNATURE) —
 * carry who, when, the decision and comment, the channel (DIGITAL or PAPER), the document, its pages and the printed
 * pages avoided; the engine's own — service tasks and timers that fired (AUTOMATIC), receive tasks (WAIT), end events
 * (END) — carry only what and when. The facts only a process knows (a report sent electronically and on time, an
 * application made online) are marked on its process record through {@link vn.truongso.steps.ProcessFacts}.
 *
 * <p>Public: {@link vn.truongso.steps.StepHistory} (the read side: {@code of} people's steps of an instance, {@code story}
 * every step, {@code share} how paperless it went, {@code lastCompleted} the instance of a document),
 * {@link vn.truongso.steps.StepKind}, {@link vn.truongso.steps.ProcessFacts} and {@link vn.truongso.steps.StepScans}
 * (the scan of a step done on paper), and the event {@link vn.truongso.steps.TaskAssigned}, published inside the engine's
 * transaction whenever a user task is created (notification tells its assignee or candidate groups). The tables' layout is also read, in SQL, by the paperless figures.
 *
 * <p>The process contract: {@link vn.truongso.steps.ProcessStarter} starts every process the same way (as its
 * starter, in its organisation's tenant, with the shared variables of a {@link vn.truongso.steps.ProcessStart}).
 * {@link vn.truongso.steps.ProcessVariables} names the variables every model shares (bpmn/README.md), and
 * {@link vn.truongso.steps.SignatureOutcome} the values of one of them, {@code signatureOutcome}: what
 * bpmn/remote-signature.bpmn (module {@code signing}) gave back, which the callers' steps and the step records read.
 *
 * <p>Every process module may depend on this one (to show its history); it depends on no process module (only
 * {@code common}, {@code document} for page counts and scans, {@code school} for who may attach a scan). The figures
 * computed from these records live above the processes, in {@code paperless}.
 */
package vn.truongso.steps;
