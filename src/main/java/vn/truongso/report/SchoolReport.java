package vn.truongso.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** One school's report of a campaign: the row the office reads, kept in step by the BPMN's beans. */
@Entity
@Table(name = "school_report")
class SchoolReport {

    @Id
    private UUID id;
    @Column(name = "campaign_id")
    private UUID campaignId;
    @Column(name = "school_code")
    private String schoolCode;
    @Enumerated(EnumType.STRING)
    private ReportStatus status;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Column(name = "document_id")
    private UUID documentId;
    /** The document's version when it was last returned: a revision must be newer. */
    @Column(name = "returned_at_version")
    private Integer returnedAtVersion;
    @Column(name = "signed_version")
    private Integer signedVersion;
    private Boolean electronic;
    @Column(name = "outgoing_symbol")
    private String outgoingSymbol;
    @Column(name = "arrival_number")
    private Integer arrivalNumber;
    @Column(name = "arrival_year")
    private Integer arrivalYear;
    @Column(name = "first_submitted_at")
    private Instant firstSubmittedAt;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    private int submissions;
    private boolean late;
    /** Nothing had been sent when the deadline passed. */
    private boolean missed;
    @Column(name = "return_comment")
    private String returnComment;
    @Column(name = "accepted_at")
    private Instant acceptedAt;
    @Column(name = "reminded_at")
    private Instant remindedAt;
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected SchoolReport() {
    }

    SchoolReport(UUID campaignId, String schoolCode) {
        this.id = UUID.randomUUID();
        this.campaignId = campaignId;
        this.schoolCode = schoolCode;
        this.status = ReportStatus.NOT_STARTED;
    }

    void started(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    void moveTo(ReportStatus next) {
        this.status = next;
    }

    void prepared(UUID documentId) {
        this.documentId = documentId;
        this.status = ReportStatus.AWAITING_SIGNATURE;
    }

    void submitted(Instant at, int signedVersion, boolean electronic, String outgoingSymbol, boolean lateNow) {
        if (firstSubmittedAt == null) {
            firstSubmittedAt = at;
            // Late is the school's first sending after the deadline (or none by then); a report sent in time and
            // returned by the office for corrections does not become late.
            late = late || lateNow;
        }
        this.submittedAt = at;
        this.signedVersion = signedVersion;
        this.electronic = electronic;
        this.outgoingSymbol = outgoingSymbol;
        this.submissions++;
        this.status = ReportStatus.SUBMITTED;
    }

    void returned(String comment, int atVersion) {
        this.status = ReportStatus.RETURNED;
        this.returnComment = comment;
        this.returnedAtVersion = atVersion;
    }

    void accepted(Instant at, int arrivalNumber, int arrivalYear) {
        this.status = ReportStatus.ACCEPTED;
        this.acceptedAt = at;
        this.arrivalNumber = arrivalNumber;
        this.arrivalYear = arrivalYear;
    }

    /** The document must change (a new version) before it goes to the principal again. */
    void revisionNeeded(int atVersion) {
        this.returnedAtVersion = atVersion;
    }

    void missed() {
        this.missed = true;
        this.late = true;
    }

    void reminded(Instant at) {
        this.remindedAt = at;
    }

    UUID getId() {
        return id;
    }

    UUID getCampaignId() {
        return campaignId;
    }

    String getSchoolCode() {
        return schoolCode;
    }

    ReportStatus getStatus() {
        return status;
    }

    String getProcessInstanceId() {
        return processInstanceId;
    }

    UUID getDocumentId() {
        return documentId;
    }

    Integer getReturnedAtVersion() {
        return returnedAtVersion;
    }

    Integer getSignedVersion() {
        return signedVersion;
    }

    Boolean getElectronic() {
        return electronic;
    }

    String getOutgoingSymbol() {
        return outgoingSymbol;
    }

    Integer getArrivalNumber() {
        return arrivalNumber;
    }

    Integer getArrivalYear() {
        return arrivalYear;
    }

    Instant getFirstSubmittedAt() {
        return firstSubmittedAt;
    }

    Instant getSubmittedAt() {
        return submittedAt;
    }

    int getSubmissions() {
        return submissions;
    }

    boolean isLate() {
        return late;
    }

    boolean isMissed() {
        return missed;
    }

    String getReturnComment() {
        return returnComment;
    }

    Instant getAcceptedAt() {
        return acceptedAt;
    }

    Instant getRemindedAt() {
        return remindedAt;
    }
}
