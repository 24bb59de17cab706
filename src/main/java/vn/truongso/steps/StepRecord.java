package vn.truongso.steps;

import vn.truongso.common.Channel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "step_record")
class StepRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "process_key")
    private String processKey;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Column(name = "business_key")
    private String businessKey;
    @Column(name = "tenant_id")
    private String tenantId;
    @Column(name = "step_id")
    private String stepId;
    @Column(name = "step_name")
    private String stepName;
    @Column(name = "task_id")
    private String taskId;
    private String actor;
    private String decision;
    private String comment;
    @Enumerated(EnumType.STRING)
    private Channel channel;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    @Enumerated(EnumType.STRING)
    private StepKind kind;
    @Column(name = "document_id")
    private UUID documentId;
    @Column(name = "document_pages")
    private Integer documentPages;
    @Column(name = "printed_copies")
    private Integer printedCopies;
    @Column(name = "pages_avoided")
    private Integer pagesAvoided;
    @Column(name = "signed_electronically")
    private Boolean signedElectronically;
    @Column(name = "scan_document_id")
    private UUID scanDocumentId;
    /** The capacity the actor acted in when not their own, e.g. "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG (ký thay)". */
    private String authority;

    protected StepRecord() {
    }

    StepRecord(StepKind kind, String processKey, String processInstanceId, String businessKey, String tenantId,
               String stepId, String stepName, String taskId, UUID documentId, Integer printedCopies,
               Instant startedAt) {
        this.kind = kind;
        this.documentId = documentId;
        this.printedCopies = printedCopies;
        this.processKey = processKey;
        this.processInstanceId = processInstanceId;
        this.businessKey = businessKey;
        this.tenantId = tenantId;
        this.stepId = stepId;
        this.stepName = stepName;
        this.taskId = taskId;
        this.startedAt = startedAt;
    }

    void end(String actor, String decision, String comment, Channel channel, Instant at) {
        this.actor = actor;
        this.decision = decision;
        this.comment = comment;
        this.channel = channel;
        this.endedAt = at;
    }

    /**
     * What the step's document cost or saved: its pages (current version) when the step ended, and — when the model
     * declares how many copies the step used to print — the pages not printed because it was done digitally.
     */
    void document(Integer pages) {
        this.documentPages = pages;
        this.pagesAvoided = pages == null || printedCopies == null ? null
                : channel == Channel.DIGITAL ? printedCopies * pages : 0;
    }

    void signedElectronically(Boolean signed) {
        this.signedElectronically = signed;
    }

    void actor(String actor) {
        this.actor = actor;
    }

    void authority(String authority) {
        this.authority = authority == null || authority.isBlank() ? null
                : authority.length() > 200 ? authority.substring(0, 200) : authority;
    }

    String getAuthority() {
        return authority;
    }

    void scan(UUID scanDocumentId) {
        this.scanDocumentId = scanDocumentId;
    }

    /** Pages printed for a step done on paper (copies × pages), 0 for a digital one, null when not declared. */
    Integer pagesPrinted() {
        if (documentPages == null || printedCopies == null || channel == null) {
            return null;
        }
        return channel == Channel.PAPER ? printedCopies * documentPages : 0;
    }

    StepKind getKind() {
        return kind;
    }

    UUID getDocumentId() {
        return documentId;
    }

    Integer getDocumentPages() {
        return documentPages;
    }

    Integer getPrintedCopies() {
        return printedCopies;
    }

    Integer getPagesAvoided() {
        return pagesAvoided;
    }

    Boolean getSignedElectronically() {
        return signedElectronically;
    }

    UUID getScanDocumentId() {
        return scanDocumentId;
    }

    String getBusinessKey() {
        return businessKey;
    }

    String getTenantId() {
        return tenantId;
    }

    Long getId() {
        return id;
    }

    String getProcessKey() {
        return processKey;
    }

    String getProcessInstanceId() {
        return processInstanceId;
    }

    String getStepId() {
        return stepId;
    }

    String getStepName() {
        return stepName;
    }

    String getTaskId() {
        return taskId;
    }

    String getActor() {
        return actor;
    }

    String getDecision() {
        return decision;
    }

    String getComment() {
        return comment;
    }

    Channel getChannel() {
        return channel;
    }

    Instant getStartedAt() {
        return startedAt;
    }

    Instant getEndedAt() {
        return endedAt;
    }
}
