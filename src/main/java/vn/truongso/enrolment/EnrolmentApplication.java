package vn.truongso.enrolment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Hồ sơ tuyển sinh: one child applying to one round. */
@Entity
@Table(name = "enrolment_application")
class EnrolmentApplication {

    @Id
    private UUID id;
    @Column(name = "round_id")
    private UUID roundId;
    @Column(name = "school_code")
    private String schoolCode;
    private int grade;
    @Column(name = "enrolment_year")
    private int enrolmentYear;
    @Column(name = "child_name")
    private String childName;
    @Column(name = "birth_date")
    private LocalDate birthDate;
    @Column(name = "personal_id")
    private String personalId;
    @Enumerated(EnumType.STRING)
    private Gender gender;
    @Column(name = "parent_name")
    private String parentName;
    @Column(name = "parent_phone")
    private String parentPhone;
    @Column(name = "parent_email")
    private String parentEmail;
    @Column(name = "parent_username")
    private String parentUsername;
    @Column(name = "address_text")
    private String addressText;
    private String ward;
    private double lat;
    private double lon;
    @Column(name = "priority_groups")
    private String priorityGroups;
    @Column(name = "distance_km")
    private double distanceKm;
    private boolean eligible;
    @Column(name = "eligibility_reason")
    private String eligibilityReason;
    @Column(name = "priority_points")
    private int priorityPoints;
    private boolean online;
    @Column(name = "entered_by")
    private String enteredBy;
    @Enumerated(EnumType.STRING)
    private EnrolmentStatus status;
    @Column(name = "status_reason")
    private String statusReason;
    @Column(name = "requested_papers")
    private String requestedPapers;
    @Column(name = "papers_deadline")
    private LocalDate papersDeadline;
    @Column(name = "applied_at")
    private Instant appliedAt;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    private Integer ranking;
    @Column(name = "decision_document_id")
    private UUID decisionDocumentId;
    @Column(name = "decision_number")
    private String decisionNumber;
    @Column(name = "decision_signed")
    private boolean decisionSigned;
    @Column(name = "active_key")
    private String activeKey;
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected EnrolmentApplication() {
    }

    record Child(String fullName, LocalDate birthDate, PersonalId personalId, Gender gender) {
    }

    record Parent(String fullName, String phone, String email, String username) {
    }

    record Home(String text, String ward, double lat, double lon) {
    }

    EnrolmentApplication(AdmissionRound round, Child child, Parent parent, Home home, List<PriorityGroup> groups,
                         double distanceKm, boolean online, String enteredBy, Instant at) {
        this.id = UUID.randomUUID();
        this.roundId = round.getId();
        this.schoolCode = round.getSchoolCode();
        this.grade = round.getGrade();
        this.enrolmentYear = round.getEnrolmentYear();
        this.childName = child.fullName();
        this.birthDate = child.birthDate();
        this.personalId = child.personalId().value();
        this.gender = child.gender();
        this.parentName = parent.fullName();
        this.parentPhone = parent.phone();
        this.parentEmail = parent.email();
        this.parentUsername = parent.username();
        this.addressText = home.text();
        this.ward = home.ward();
        this.lat = home.lat();
        this.lon = home.lon();
        this.priorityGroups = String.join(",", groups.stream().map(Enum::name).sorted().toList());
        this.distanceKm = distanceKm;
        this.online = online;
        this.enteredBy = enteredBy;
        this.appliedAt = at;
        this.status = EnrolmentStatus.CHECKING;
        this.activeKey = activeKey(personalId, enrolmentYear);
    }

    /** What bpmn/enrolment-eligibility.dmn decided (set by the process's first step). */
    void assessed(Eligibility e) {
        this.eligible = e.eligible();
        this.eligibilityReason = e.reason();
        this.priorityPoints = e.priorityPoints();
    }

    static String activeKey(String personalId, int enrolmentYear) {
        return personalId + ":" + enrolmentYear;
    }

    void moveTo(EnrolmentStatus next, String reason) {
        this.status = next;
        this.statusReason = reason;
        if (!next.active()) {
            this.activeKey = null;
        }
    }

    void papersRequested(List<PaperKind> kinds, LocalDate deadline, String comment) {
        this.requestedPapers = String.join(",", kinds.stream().map(Enum::name).toList());
        this.papersDeadline = deadline;
        moveTo(EnrolmentStatus.PAPERS_REQUESTED, comment);
    }

    void papersReceived() {
        this.requestedPapers = null;
        this.papersDeadline = null;
        moveTo(EnrolmentStatus.CHECKING, null);
    }

    void started(String pid) {
        this.processInstanceId = pid;
    }

    void ranked(Integer rank) {
        this.ranking = rank;
    }

    void decision(UUID documentId, String number) {
        this.decisionDocumentId = documentId;
        this.decisionNumber = number;
    }

    void decisionSigned() {
        this.decisionSigned = true;
    }

    List<PriorityGroup> groups() {
        return priorityGroups == null || priorityGroups.isBlank() ? List.of()
                : Arrays.stream(priorityGroups.split(",")).map(PriorityGroup::valueOf).toList();
    }

    List<PaperKind> requested() {
        return requestedPapers == null || requestedPapers.isBlank() ? List.of()
                : Arrays.stream(requestedPapers.split(",")).map(PaperKind::valueOf).toList();
    }

    UUID getId() { return id; }
    UUID getRoundId() { return roundId; }
    String getSchoolCode() { return schoolCode; }
    int getGrade() { return grade; }
    int getEnrolmentYear() { return enrolmentYear; }
    String getChildName() { return childName; }
    LocalDate getBirthDate() { return birthDate; }
    String getPersonalId() { return personalId; }
    Gender getGender() { return gender; }
    String getParentName() { return parentName; }
    String getParentPhone() { return parentPhone; }
    String getParentEmail() { return parentEmail; }
    String getParentUsername() { return parentUsername; }
    String getAddressText() { return addressText; }
    String getWard() { return ward; }
    double getLat() { return lat; }
    double getLon() { return lon; }
    double getDistanceKm() { return distanceKm; }
    boolean isEligible() { return eligible; }
    String getEligibilityReason() { return eligibilityReason; }
    int getPriorityPoints() { return priorityPoints; }
    boolean isOnline() { return online; }
    String getEnteredBy() { return enteredBy; }
    EnrolmentStatus getStatus() { return status; }
    String getStatusReason() { return statusReason; }
    LocalDate getPapersDeadline() { return papersDeadline; }
    Instant getAppliedAt() { return appliedAt; }
    String getProcessInstanceId() { return processInstanceId; }
    Integer getRanking() { return ranking; }
    UUID getDecisionDocumentId() { return decisionDocumentId; }
    String getDecisionNumber() { return decisionNumber; }
    boolean isDecisionSigned() { return decisionSigned; }
}
