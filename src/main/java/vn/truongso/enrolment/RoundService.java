package vn.truongso.enrolment;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;
import vn.truongso.common.VietnamTime;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.DelegationScope;
import vn.truongso.school.Delegations;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;
import vn.truongso.steps.ProcessStart;
import vn.truongso.steps.ProcessStarter;

/** Admission rounds (kỳ tuyển sinh): created and adjusted by an admin or the school's principal, closed by time or early. */
@Service
@Transactional
public class RoundService {

    static final String PROCESS_KEY = "admissionRound";
    static final String CLOSE_MESSAGE = "enrolmentRoundClose";
    static final int MAX_SEATS = 2000;

    private final AdmissionRoundRepository rounds;
    private final EnrolmentApplicationRepository applications;
    private final UserDirectory users;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final ProcessStarter starter;
    private final Clock clock;
    private final Delegations delegations;

    RoundService(AdmissionRoundRepository rounds, EnrolmentApplicationRepository applications, UserDirectory users,
                 RuntimeService runtime, ManagementService management, ProcessStarter starter, Clock clock,
                 Delegations delegations) {
        this.delegations = delegations;
        this.rounds = rounds;
        this.applications = applications;
        this.users = users;
        this.runtime = runtime;
        this.management = management;
        this.starter = starter;
        this.clock = clock;
    }

    record RoundRequest(String schoolCode, Integer enrolmentYear, Integer grade, Integer seats, OffsetDateTime opensAt,
                        OffsetDateTime closesAt, Double schoolLat, Double schoolLon, List<String> catchmentWards) {
    }

    public record RoundView(UUID id, String schoolCode, String schoolName, String schoolYear, int enrolmentYear, int grade,
                     int seats, OffsetDateTime opensAt, OffsetDateTime closesAt, boolean open, String status,
                     double schoolLat, double schoolLon, List<String> catchmentWards, OffsetDateTime closedAt,
                     OffsetDateTime decidedAt, String processInstanceId) {
    }

    RoundView create(RoundRequest req, CurrentUser user) {
        if (req == null) {
            throw ApiException.badRequest("ROUND_REQUIRED", "Vui lòng gửi thông tin kỳ tuyển sinh.");
        }
        String school = req.schoolCode() == null ? "" : req.schoolCode().strip();
        mayManage(school, user);
        UserDirectory.OrganisationRef org = users.organisation(school).orElseThrow(() -> ApiException.badRequest(
                "SCHOOL_UNKNOWN", "Không có trường nào mã " + school + "."));
        if (org.kind() == null || !org.kind().endsWith("_SCHOOL")) {
            throw ApiException.badRequest("NOT_A_SCHOOL", org.name() + " không phải là trường học.");
        }
        if (req.grade() == null || (req.grade() != 1 && req.grade() != 6)) {
            throw ApiException.badRequest("GRADE_INVALID", "Kỳ tuyển sinh đầu cấp chỉ dành cho lớp 1 hoặc lớp 6.");
        }
        if ((req.grade() == 1) != "PRIMARY_SCHOOL".equals(org.kind())) {
            throw ApiException.badRequest("GRADE_NOT_OF_SCHOOL", org.name() + " không tuyển sinh lớp " + req.grade()
                    + " (trường tiểu học tuyển lớp 1, trường trung học cơ sở tuyển lớp 6).");
        }
        if (req.enrolmentYear() == null || req.enrolmentYear() < 2020 || req.enrolmentYear() > 2100) {
            throw ApiException.badRequest("ENROLMENT_YEAR_INVALID",
                    "Năm tuyển sinh (enrolmentYear) không hợp lệ, ví dụ 2027 cho năm học 2027-2028.");
        }
        if (rounds.findBySchoolCodeAndEnrolmentYearAndGrade(school, req.enrolmentYear(), req.grade()).isPresent()) {
            throw ApiException.conflict("ROUND_EXISTS", org.name() + " đã có kỳ tuyển sinh lớp " + req.grade()
                    + " năm " + req.enrolmentYear() + "; hãy điều chỉnh kỳ đó.");
        }
        AdmissionRound round = new AdmissionRound(school, req.enrolmentYear(), req.grade(), user.username(),
                clock.instant());
        apply(round, req);
        round = rounds.saveAndFlush(round);
        start(round, user.username());
        return view(round);
    }

    /** Opens the round's process: it waits for the window to close (timer at closesAt, or closed early). */
    void start(AdmissionRound round, String by) {
        round.started(starter.start(ProcessStart.of(PROCESS_KEY, round.getId().toString(), by, round.getSchoolCode(),
                        "Tuyển sinh lớp " + round.getGrade() + " năm học " + round.getSchoolYear())
                .with("roundId", round.getId().toString())
                .with("principalGroup", Groups.role(round.getSchoolCode(), Role.PRINCIPAL))
                .with("closesAt", Date.from(round.getClosesAt()))
                .with(EnrolmentTaskFields.GRADE, round.getGrade())));
    }

    RoundView update(UUID id, RoundRequest req, CurrentUser user) {
        AdmissionRound round = rounds.lock(id).orElseThrow(() -> ApiException.notFound("kỳ tuyển sinh"));
        mayManage(round.getSchoolCode(), user);
        if (round.getStatus() != AdmissionRound.Status.OPEN) {
            throw ApiException.conflict("ROUND_CLOSED", "Kỳ tuyển sinh đã đóng; không điều chỉnh được nữa.");
        }
        if (req == null) {
            throw ApiException.badRequest("ROUND_REQUIRED", "Vui lòng gửi thông tin kỳ tuyển sinh.");
        }
        if ((req.schoolCode() != null && !req.schoolCode().strip().equals(round.getSchoolCode()))
                || (req.grade() != null && req.grade() != round.getGrade())
                || (req.enrolmentYear() != null && req.enrolmentYear() != round.getEnrolmentYear())) {
            throw ApiException.badRequest("ROUND_IDENTITY_FIXED",
                    "Không đổi được trường, lớp hay năm tuyển sinh của một kỳ; hãy tạo kỳ mới.");
        }
        RoundRequest merged = new RoundRequest(round.getSchoolCode(), round.getEnrolmentYear(), round.getGrade(),
                req.seats() != null ? req.seats() : round.getSeats(),
                req.opensAt() != null ? req.opensAt() : VietnamTime.of(round.getOpensAt()),
                req.closesAt() != null ? req.closesAt() : VietnamTime.of(round.getClosesAt()),
                req.schoolLat() != null ? req.schoolLat() : round.getSchoolLat(),
                req.schoolLon() != null ? req.schoolLon() : round.getSchoolLon(),
                req.catchmentWards() != null ? req.catchmentWards() : round.wards());
        apply(round, merged);
        // The window's timer follows the new closing time.
        Job timer = management.createJobQuery().processInstanceId(round.getProcessInstanceId()).timers().singleResult();
        if (timer != null) {
            management.setJobDuedate(timer.getId(), Date.from(round.getClosesAt()));
        }
        runtime.setVariable(round.getProcessInstanceId(), "closesAt", Date.from(round.getClosesAt()));
        return view(round);
    }

    /** Closes the window now (before closesAt): the ranked list goes to the principal. */
    RoundView close(UUID id, CurrentUser user) {
        AdmissionRound round = rounds.findById(id).orElseThrow(() -> ApiException.notFound("kỳ tuyển sinh"));
        mayManage(round.getSchoolCode(), user);
        if (round.getStatus() != AdmissionRound.Status.OPEN) {
            throw ApiException.conflict("ROUND_CLOSED", "Kỳ tuyển sinh đã đóng.");
        }
        runtime.createMessageCorrelation(CLOSE_MESSAGE).processInstanceId(round.getProcessInstanceId())
                .correlateWithResult();
        return view(round);
    }

    @Transactional(readOnly = true)
    public List<RoundView> list(String schoolCode) {
        return rounds.findAllByOrderByEnrolmentYearDescSchoolCodeAscGradeAsc().stream()
                .filter(r -> schoolCode == null || schoolCode.isBlank() || r.getSchoolCode().equals(schoolCode.strip()))
                .map(this::view).toList();
    }

    @Transactional(readOnly = true)
    RoundView get(UUID id) {
        return view(rounds.findById(id).orElseThrow(() -> ApiException.notFound("kỳ tuyển sinh")));
    }

    record Ranking(UUID roundId, String schoolCode, int grade, String schoolYear, int seats, int accepted,
                   int admitted, String status, List<RankedRow> rows) {
    }

    record RankedRow(int rank, boolean withinSeats, UUID applicationId, String childName, java.time.LocalDate birthDate,
                     int priorityPoints, double distanceKm, String eligibilityReason, OffsetDateTime appliedAt,
                     EnrolmentStatus status, String statusText) {
    }

    /**
     * The ranked list: the principal (or the vice-principal who approves it for her: a delegation covering
     * enrolment), the clerk of the school and admins.
     */
    @Transactional(readOnly = true)
    Ranking ranking(UUID id, CurrentUser user) {
        AdmissionRound round = rounds.findById(id).orElseThrow(() -> ApiException.notFound("kỳ tuyển sinh"));
        if (!user.has(Role.ADMIN) && !(user.worksFor(round.getSchoolCode()) && (user.has(Role.CLERK)
                || delegations.actsForPrincipal(user, round.getSchoolCode(), DelegationScope.ENROLMENT)))) {
            throw ApiException.notFound("danh sách xét tuyển của kỳ này");
        }
        List<EnrolmentApplication> ranked = rank(applications, round);
        List<RankedRow> rows = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            EnrolmentApplication a = ranked.get(i);
            rows.add(new RankedRow(i + 1, i < round.getSeats(), a.getId(), a.getChildName(), a.getBirthDate(),
                    a.getPriorityPoints(), Math.round(a.getDistanceKm() * 100) / 100.0, a.getEligibilityReason(),
                    VietnamTime.of(a.getAppliedAt()), a.getStatus(), a.getStatus().text()));
        }
        return new Ranking(round.getId(), round.getSchoolCode(), round.getGrade(), round.getSchoolYear(),
                round.getSeats(), rows.size(), Math.min(rows.size(), round.getSeats()), round.getStatus().name(), rows);
    }

    /**
     * Eligible and accepted (or already decided) applications, by priority points (high first), then distance
     * (near first), then application time (early first).
     */
    static List<EnrolmentApplication> rank(EnrolmentApplicationRepository applications, AdmissionRound round) {
        return applications.findByRoundIdAndStatusIn(round.getId(),
                        List.of(EnrolmentStatus.ACCEPTED, EnrolmentStatus.ADMITTED, EnrolmentStatus.NOT_ADMITTED))
                .stream().filter(EnrolmentApplication::isEligible)
                .sorted(Comparator.comparingInt(EnrolmentApplication::getPriorityPoints).reversed()
                        .thenComparingDouble(EnrolmentApplication::getDistanceKm)
                        .thenComparing(EnrolmentApplication::getAppliedAt)
                        .thenComparing(a -> a.getId().toString()))
                .toList();
    }

    private void mayManage(String school, CurrentUser user) {
        if (user.has(Role.ADMIN)) {
            return;
        }
        if (user.has(Role.PRINCIPAL) && user.worksFor(school)) {
            return;
        }
        throw ApiException.forbidden();
    }

    private void apply(AdmissionRound round, RoundRequest req) {
        if (req.seats() == null || req.seats() < 1 || req.seats() > MAX_SEATS) {
            throw ApiException.badRequest("SEATS_INVALID", "Chỉ tiêu tuyển sinh phải từ 1 đến " + MAX_SEATS + ".");
        }
        if (req.opensAt() == null || req.closesAt() == null || !req.closesAt().isAfter(req.opensAt())) {
            throw ApiException.badRequest("WINDOW_INVALID",
                    "Vui lòng ghi thời gian nhận hồ sơ: opensAt trước closesAt (ví dụ 2027-06-01T07:00:00+07:00).");
        }
        if (req.schoolLat() == null || req.schoolLon() == null) {
            throw ApiException.badRequest("LOCATION_INVALID", "Vui lòng ghi tọa độ của trường (schoolLat, schoolLon).");
        }
        Distance.checkCoordinates(req.schoolLat(), req.schoolLon());
        List<String> wards = req.catchmentWards() == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(
                req.catchmentWards().stream().filter(w -> w != null && !w.isBlank()).map(String::strip).toList()));
        if (wards.isEmpty() || wards.stream().anyMatch(w -> w.length() > 200 || w.contains("\n"))) {
            throw ApiException.badRequest("CATCHMENT_REQUIRED",
                    "Vui lòng ghi địa bàn tuyển sinh: danh sách phường, xã (catchmentWards).");
        }
        round.set(req.seats(), req.opensAt().toInstant(), req.closesAt().toInstant(), req.schoolLat(),
                req.schoolLon(), wards);
    }

    RoundView view(AdmissionRound r) {
        Instant now = clock.instant();
        return new RoundView(r.getId(), r.getSchoolCode(), users.organisationName(r.getSchoolCode()).orElse(null),
                r.getSchoolYear(), r.getEnrolmentYear(), r.getGrade(), r.getSeats(), VietnamTime.of(r.getOpensAt()),
                VietnamTime.of(r.getClosesAt()), r.openAt(now), r.getStatus().name(), r.getSchoolLat(),
                r.getSchoolLon(), r.wards(), VietnamTime.of(r.getClosedAt()), VietnamTime.of(r.getDecidedAt()),
                r.getProcessInstanceId());
    }
}
