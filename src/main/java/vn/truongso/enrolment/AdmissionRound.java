package vn.truongso.enrolment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Kỳ tuyển sinh: one school, enrolment year and grade; its seats, window, the school's place and catchment wards. */
@Entity
@Table(name = "enrolment_round")
class AdmissionRound {

    enum Status {
        /** taking applications (until closesAt) */
        OPEN,
        /** window closed: the ranked list waits for the principal */
        CLOSED,
        /** the principal approved the list */
        DECIDED
    }

    @Id
    private UUID id;
    @Column(name = "school_code")
    private String schoolCode;
    @Column(name = "school_year")
    private String schoolYear;
    @Column(name = "enrolment_year")
    private int enrolmentYear;
    private int grade;
    private int seats;
    @Column(name = "opens_at")
    private Instant opensAt;
    @Column(name = "closes_at")
    private Instant closesAt;
    @Column(name = "school_lat")
    private double schoolLat;
    @Column(name = "school_lon")
    private double schoolLon;
    @Column(name = "catchment_wards")
    private String catchmentWards;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected AdmissionRound() {
    }

    AdmissionRound(String schoolCode, int enrolmentYear, int grade, String createdBy, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.schoolCode = schoolCode;
        this.enrolmentYear = enrolmentYear;
        this.schoolYear = enrolmentYear + "-" + (enrolmentYear + 1);
        this.grade = grade;
        this.status = Status.OPEN;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    void set(int seats, Instant opensAt, Instant closesAt, double lat, double lon, List<String> wards) {
        this.seats = seats;
        this.opensAt = opensAt;
        this.closesAt = closesAt;
        this.schoolLat = lat;
        this.schoolLon = lon;
        this.catchmentWards = String.join("\n", wards);
    }

    void started(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    void closed(Instant at) {
        this.status = Status.CLOSED;
        this.closedAt = at;
    }

    void decided(Instant at) {
        this.status = Status.DECIDED;
        this.decidedAt = at;
    }

    /** Open for applications at {@code now}: status OPEN and inside the window. */
    boolean openAt(Instant now) {
        return status == Status.OPEN && !now.isBefore(opensAt) && now.isBefore(closesAt);
    }

    List<String> wards() {
        return catchmentWards == null || catchmentWards.isBlank() ? List.of()
                : Arrays.stream(catchmentWards.split("\n")).filter(s -> !s.isBlank()).toList();
    }

    UUID getId() { return id; }
    String getSchoolCode() { return schoolCode; }
    String getSchoolYear() { return schoolYear; }
    int getEnrolmentYear() { return enrolmentYear; }
    int getGrade() { return grade; }
    int getSeats() { return seats; }
    Instant getOpensAt() { return opensAt; }
    Instant getClosesAt() { return closesAt; }
    double getSchoolLat() { return schoolLat; }
    double getSchoolLon() { return schoolLon; }
    Status getStatus() { return status; }
    String getProcessInstanceId() { return processInstanceId; }
    Instant getClosedAt() { return closedAt; }
    Instant getDecidedAt() { return decidedAt; }
    String getCreatedBy() { return createdBy; }
}
