package vn.truongso.steps;

/**
 * What a recorded step is. People's steps: the start of a process (a submission), a user task, a signature — the
 * histories people read and the paperless figures count. The engine's own: an automatic step (a service task, a timer
 * that fired), a wait (a receive task) and the end of the process; they have no channel and count in no figure.
 */
public enum StepKind {
    SUBMISSION,
    TASK,
    SIGNATURE,
    AUTOMATIC,
    WAIT,
    END;

    /** Done by a person (submitted, decided, signed), as opposed to what the engine did or waited for. */
    public boolean byPerson() {
        return this == SUBMISSION || this == TASK || this == SIGNATURE;
    }
}
