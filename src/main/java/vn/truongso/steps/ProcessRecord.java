package vn.truongso.steps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One tracked process instance: who submitted what, when, and when (and how) it ended. */
@Entity
@Table(name = "process_record")
class ProcessRecord {

    static final String COMPLETED = "COMPLETED";
    static final String CANCELLED = "CANCELLED";

    @Id
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Column(name = "process_key")
    private String processKey;
    @Column(name = "process_name")
    private String processName;
    @Column(name = "business_key")
    private String businessKey;
    @Column(name = "tenant_id")
    private String tenantId;
    @Column(name = "document_id")
    private UUID documentId;
    @Column(name = "started_by")
    private String startedBy;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    private String outcome;
    @Column(name = "report_electronic")
    private Boolean reportElectronic;
    @Column(name = "report_on_time")
    private Boolean reportOnTime;
    @Column(name = "applied_online")
    private Boolean appliedOnline;

    protected ProcessRecord() {
    }

    ProcessRecord(String processInstanceId, String processKey, String processName, String businessKey,
                  String tenantId, UUID documentId, String startedBy, Instant startedAt) {
        this.processInstanceId = processInstanceId;
        this.processKey = processKey;
        this.processName = processName;
        this.businessKey = businessKey;
        this.tenantId = tenantId;
        this.documentId = documentId;
        this.startedBy = startedBy;
        this.startedAt = startedAt;
    }

    void end(String outcome, Instant at) {
        this.outcome = outcome;
        this.endedAt = at;
    }

    /**
     * A school sent its report. On time is decided by the first sending (a report the office returned and the school
     * corrected was still sent on time); electronic only if every sending was.
     */
    void reportSent(boolean electronic, boolean late) {
        if (reportOnTime == null) {
            reportOnTime = !late;
        }
        reportElectronic = reportElectronic == null ? electronic : reportElectronic && electronic;
    }

    /** The deadline passed and the report had not been sent: whatever comes later is late. */
    void reportMissed() {
        if (reportOnTime == null) {
            reportOnTime = false;
        }
    }

    void applied(boolean online) {
        appliedOnline = online;
    }

    Boolean getReportElectronic() {
        return reportElectronic;
    }

    Boolean getReportOnTime() {
        return reportOnTime;
    }

    Boolean getAppliedOnline() {
        return appliedOnline;
    }

    boolean completed() {
        return COMPLETED.equals(outcome);
    }

    String getProcessInstanceId() {
        return processInstanceId;
    }

    String getProcessKey() {
        return processKey;
    }

    String getProcessName() {
        return processName;
    }

    String getBusinessKey() {
        return businessKey;
    }

    String getTenantId() {
        return tenantId;
    }

    UUID getDocumentId() {
        return documentId;
    }

    String getStartedBy() {
        return startedBy;
    }

    Instant getStartedAt() {
        return startedAt;
    }

    Instant getEndedAt() {
        return endedAt;
    }

    String getOutcome() {
        return outcome;
    }
}
