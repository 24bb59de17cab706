package vn.truongso.steps;

/**
 * The process variables every model shares (bpmn/README.md, "Variable contract"): the names the Java reads and
 * writes. The BPMN files use the same names as text, so a name here never changes; a process's own variables
 * ({@code planId}, {@code campaignId}, …) stay in its module.
 */
public final class ProcessVariables {

    /** The organisation (school or office code) the instance runs for: its engine tenant. Set by the starter. */
    public static final String TENANT_ID = "tenantId";
    /** The document the instance is about: holds and signatures act on it. */
    public static final String DOCUMENT_ID = "documentId";
    /** The version of the document a task names (a report as sent), when not the one its process pinned. */
    public static final String DOCUMENT_VERSION = "documentVersion";
    /** The SHA-256 of that version. */
    public static final String DOCUMENT_SHA256 = "documentSha256";
    /** What the inbox and notifications call the instance. */
    public static final String DISPLAY_TITLE = "displayTitle";
    /** Who asked for it, as the inbox shows it. */
    public static final String REQUESTER_NAME = "requesterName";
    /** The username of who submitted the document: its review tasks are never theirs. */
    public static final String SUBMITTER = "submitter";
    /** The decision of the last completed task (APPROVE, RETURN, …). */
    public static final String DECISION = "decision";
    /** The username of who completed the last task. */
    public static final String LAST_ACTOR = "lastActor";
    /** The comment given with the last completion, or null. */
    public static final String LAST_COMMENT = "lastComment";
    /** DIGITAL or PAPER: how the last task was done. */
    public static final String LAST_CHANNEL = "lastChannel";
    /** The capacity the last actor acted in when not their own (ký thay), else null. */
    public static final String LAST_AUTHORITY = "lastAuthority";
    /** What remote-signature.bpmn gave back: a {@link SignatureOutcome} by its name. */
    public static final String SIGNATURE_OUTCOME = "signatureOutcome";
    /** remote-signature.bpmn's note on the signature (where it was put, or why there is none). */
    public static final String SIGNATURE_NOTE = "signatureNote";

    private ProcessVariables() {
    }
}
