package vn.truongso.paperless;

/** What a recorded step is: the start of a process (a submission), a user task, or a signature. */
public enum StepKind {
    SUBMISSION,
    TASK,
    SIGNATURE
}
