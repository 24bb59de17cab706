package vn.truongso.enrolment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import vn.truongso.common.ApiException;
import vn.truongso.common.Paging;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentView;
import vn.truongso.notification.Notifier;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;
import vn.truongso.steps.ProcessStart;
import vn.truongso.steps.ProcessStarter;
import vn.truongso.steps.StepHistory;
import vn.truongso.steps.StepKind;

/**
 * Applications for a school place: a parent applies online (or the school's clerk enters a paper application), the
 * application's process (bpmn/enrolment-request.bpmn) decides eligibility with the DMN and gives it to the clerk.
 * Every refusal changes nothing: all checks run before anything is stored, and a duplicate that slips past them
 * meets the unique active key in the same transaction.
 */
@Service
@Transactional
@Validated
public class EnrolmentService {

    static final String PROCESS_KEY = "enrolmentRequest";
    static final String PAPERS_MESSAGE = "enrolmentPapersAdded";

    private final AdmissionRoundRepository rounds;
    private final EnrolmentApplicationRepository applications;
    private final EnrolmentPaperRepository papers;
    private final DocumentService documents;
    private final UserDirectory users;
    private final StepHistory history;
    private final RuntimeService runtime;
    private final ProcessStarter starter;
    private final ApplicationEventPublisher events;
    private final Notifier notifier;
    private final Clock clock;

    EnrolmentService(AdmissionRoundRepository rounds, EnrolmentApplicationRepository applications,
                     EnrolmentPaperRepository papers, DocumentService documents, UserDirectory users,
                     StepHistory history, RuntimeService runtime, ProcessStarter starter,
                     ApplicationEventPublisher events, Notifier notifier, Clock clock) {
        this.rounds = rounds;
        this.applications = applications;
        this.papers = papers;
        this.documents = documents;
        this.users = users;
        this.history = history;
        this.runtime = runtime;
        this.starter = starter;
        this.events = events;
        this.notifier = notifier;
        this.clock = clock;
    }

    // The shape of an application is checked by its constraints (texts in messages_vi.properties, the key is the
    // code) before apply runs, whether the API or the parent's page sends it; what needs the database, the clock's
    // round or several fields together (gender, personal ID, coordinates, school, papers) is checked in apply.

    /** A name: not blank, at most 200 characters once stripped. */
    static final String NAME = "\\s*\\S([\\s\\S]{0,198}\\S)?\\s*";
    /** A Vietnamese mobile number, spaces, dots and dashes allowed anywhere (they are removed before it is kept). */
    static final String PHONE_WRITTEN = "[\\s.\\-]*(0|\\+[\\s.\\-]*8[\\s.\\-]*4)[\\s.\\-]*[35789]([\\s.\\-]*[0-9]){8}[\\s.\\-]*";
    /** Optional: blank, or an address around which only blanks are stripped. */
    static final String EMAIL_WRITTEN = "\\s*([^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,})?\\s*";

    public record ChildIn(@NotNull(message = "{CHILD_NAME_REQUIRED}")
                          @Pattern(regexp = NAME, message = "{CHILD_NAME_REQUIRED}") String fullName,
                          @NotNull(message = "{BIRTH_DATE_MISSING}")
                          @PastOrPresent(message = "{BIRTH_DATE_INVALID}") LocalDate birthDate,
                          String personalId, String gender) {
    }

    public record ParentIn(@NotNull(message = "{PARENT_NAME_REQUIRED}")
                           @Pattern(regexp = NAME, message = "{PARENT_NAME_REQUIRED}") String fullName,
                           @NotNull(message = "{PHONE_INVALID}")
                           @Pattern(regexp = PHONE_WRITTEN, message = "{PHONE_INVALID}") String phone,
                           @Pattern(regexp = EMAIL_WRITTEN, message = "{EMAIL_INVALID}")
                           @Size(max = 200, message = "{EMAIL_INVALID}") String email) {
    }

    public record AddressIn(@NotBlank(message = "{ADDRESS_REQUIRED}")
                            @Size(max = 500, message = "{ADDRESS_REQUIRED}") String text,
                            @NotBlank(message = "{WARD_MISSING}")
                            @Size(max = 200, message = "{WARD_MISSING}") String ward,
                            @NotNull(message = "{LOCATION_INVALID}") Double lat,
                            @NotNull(message = "{LOCATION_INVALID}") Double lon) {
    }

    public record PaperIn(UUID documentId, String kind) {
    }

    /** @param enrolmentYear optional: the round's year when the school has more than one open (e.g. 2027) */
    public record ApplyRequest(@NotNull(message = "{CHILD_REQUIRED}") @Valid ChildIn child,
                               @NotNull(message = "{PARENT_REQUIRED}") @Valid ParentIn parent,
                               @NotNull(message = "{ADDRESS_REQUIRED}") @Valid AddressIn address,
                               @NotBlank(message = "{SCHOOL_REQUIRED}") String schoolCode, Integer grade,
                               List<String> priorityGroups, List<PaperIn> papers, Integer enrolmentYear) {
    }

    public record PapersRequest(List<PaperIn> papers) {
    }

    public EnrolmentView apply(@Valid ApplyRequest req, CurrentUser user) {
        boolean online;
        if (user.has(Role.PARENT)) {
            online = true;
        } else if (user.has(Role.CLERK) && user.organisationCode() != null) {
            online = false;
        } else {
            throw ApiException.forbidden();
        }
        if (req == null) {
            throw ApiException.badRequest("APPLICATION_REQUIRED", "Vui lòng gửi thông tin hồ sơ tuyển sinh.");
        }
        // The child (present, named and born by today: the constraints above)
        ChildIn c = req.child();
        String childName = name(c.fullName());
        Gender gender = gender(c.gender());
        PersonalId personalId = PersonalId.of(c.personalId(), c.birthDate(), gender);
        // The parent
        ParentIn p = req.parent();
        String parentName = name(p.fullName());
        String phone = p.phone().replaceAll("[\\s.\\-]", "");
        String email = p.email() == null || p.email().isBlank() ? null : p.email().strip();
        // The home
        AddressIn a = req.address();
        Distance.checkCoordinates(a.lat(), a.lon());
        if (a.lat() < 8 || a.lat() > 23.5 || a.lon() < 102 || a.lon() > 110) {
            throw ApiException.badRequest("LOCATION_INVALID",
                    "Tọa độ nơi cư trú nằm ngoài lãnh thổ Việt Nam; vui lòng chọn lại vị trí trên bản đồ.");
        }
        List<PriorityGroup> groups = List.copyOf(PriorityGroup.parse(req.priorityGroups()));
        // The school and its round
        AdmissionRound round = roundFor(req.schoolCode(), req.grade(), req.enrolmentYear());
        if (!online && !user.worksFor(round.getSchoolCode())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "NOT_YOUR_SCHOOL",
                    "Văn thư chỉ nhập hồ sơ giấy cho trường của mình.");
        }
        Instant now = clock.instant();
        checkWindow(round, now);
        // The papers
        List<Checked> checked = checkPapers(req.papers(), user, round.getSchoolCode(), true);
        // One application per child and year
        String key = EnrolmentApplication.activeKey(personalId.value(), round.getEnrolmentYear());
        java.util.Optional<EnrolmentApplication> existing = applications.findByActiveKey(key);
        if (existing.isPresent()) {
            throw duplicate(round, existing.get(), user);
        }
        EnrolmentApplication fresh = new EnrolmentApplication(round,
                new EnrolmentApplication.Child(childName, c.birthDate(), personalId, gender),
                new EnrolmentApplication.Parent(parentName, phone, email, online ? user.username() : null),
                new EnrolmentApplication.Home(a.text().strip(), a.ward().strip(), a.lat(), a.lon()), groups,
                Distance.km(a.lat(), a.lon(), round.getSchoolLat(), round.getSchoolLon()), online, user.username(), now);
        EnrolmentApplication app;
        try {
            // merge (the id is ours): the managed copy is the one to keep working with
            app = applications.saveAndFlush(fresh);
        } catch (DataIntegrityViolationException e) {
            // Lost a race with an identical application: whose it is cannot be read in this failed transaction.
            throw notAccepted();
        }
        addPapers(app, checked, now);
        String school = schoolName(round.getSchoolCode());
        app.started(starter.start(ProcessStart.of(PROCESS_KEY, app.getId().toString(), user.username(),
                        round.getSchoolCode(), "Hồ sơ tuyển sinh lớp " + round.getGrade() + ": " + childName)
                .requester(parentName)
                .with("applicationId", app.getId().toString())
                .with("roundId", round.getId().toString())
                .with("clerkGroup", Groups.role(round.getSchoolCode(), Role.CLERK))
                .with(EnrolmentTaskFields.GRADE, round.getGrade())
                .with("channel", online ? "DIGITAL" : "PAPER")));
        events.publishEvent(new EnrolmentApplied(round.getSchoolCode(), app.getId(), app.getProcessInstanceId(),
                online, now));
        if (online) {
            // The parent's receipt (issue 14): the clerk's task to check it is TASK_ASSIGNED.
            notifier.toUser(user.username(), "ENROLMENT_RECEIVED", school + " đã nhận hồ sơ tuyển sinh lớp "
                    + round.getGrade() + " của " + childName + "; nhà trường sẽ kiểm tra và báo kết quả.",
                    EnrolmentRequestSteps.link(app.getId()), round.getSchoolCode());
        }
        return view(app, round, school);
    }

    /** The parent (or, for a paper application, the school's clerk) adds the papers the clerk asked for. */
    public EnrolmentView addPapers(UUID id, PapersRequest req, CurrentUser user) {
        EnrolmentApplication app = readable(id, user);
        boolean mayAdd = user.username().equals(app.getParentUsername())
                || (!app.isOnline() && user.worksFor(app.getSchoolCode()) && user.has(Role.CLERK));
        if (!mayAdd) {
            throw ApiException.forbidden();
        }
        if (app.getStatus() != EnrolmentStatus.PAPERS_REQUESTED) {
            throw ApiException.conflict("PAPERS_NOT_REQUESTED", "Hồ sơ này hiện không cần bổ sung giấy tờ ("
                    + app.getStatus().text() + ").");
        }
        LocalDate today = LocalDate.now(clock.withZone(VietnamTime.ZONE));
        if (app.getPapersDeadline() != null && today.isAfter(app.getPapersDeadline())) {
            throw ApiException.conflict("PAPERS_DEADLINE_PASSED", "Đã quá hạn bổ sung giấy tờ ("
                    + VietnamTime.DAY.format(app.getPapersDeadline()) + ").");
        }
        List<Checked> checked = checkPapers(req == null ? null : req.papers(), user, app.getSchoolCode(), false);
        Set<PaperKind> given = EnumSet.noneOf(PaperKind.class);
        checked.forEach(x -> given.add(x.kind()));
        List<PaperKind> missing = app.requested().stream().filter(k -> !given.contains(k)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("PAPERS_MISSING", "Còn thiếu giấy tờ văn thư yêu cầu: "
                    + String.join(", ", missing.stream().map(PaperKind::label).toList()) + ".");
        }
        for (Checked x : checked) {
            if (papers.findByApplicationIdOrderByAddedAtAscIdAsc(app.getId()).stream()
                    .anyMatch(p -> p.getDocumentId().equals(x.documentId()))) {
                throw ApiException.conflict("PAPER_ALREADY_ATTACHED", "Giấy tờ này đã có trong hồ sơ; vui lòng tải lên bản mới.");
            }
        }
        addPapers(app, checked, clock.instant());
        app.papersReceived();
        runtime.createMessageCorrelation(PAPERS_MESSAGE).processInstanceId(app.getProcessInstanceId())
                .correlateWithResult();
        AdmissionRound round = rounds.findById(app.getRoundId()).orElseThrow();
        return view(app, round, schoolName(round.getSchoolCode()));
    }

    /**
     * The family withdraws the application before the result (the clerk for a paper application): its process ends,
     * the child may apply elsewhere.
     */
    public EnrolmentView withdraw(UUID id, CurrentUser user) {
        EnrolmentApplication app = readable(id, user);
        boolean mayWithdraw = user.username().equals(app.getParentUsername())
                || (!app.isOnline() && user.worksFor(app.getSchoolCode()) && user.has(Role.CLERK));
        if (!mayWithdraw) {
            throw ApiException.forbidden();
        }
        if (!Set.of(EnrolmentStatus.CHECKING, EnrolmentStatus.PAPERS_REQUESTED, EnrolmentStatus.ACCEPTED)
                .contains(app.getStatus())) {
            throw ApiException.conflict("WITHDRAW_NOT_POSSIBLE", "Không rút được hồ sơ ở trạng thái này ("
                    + app.getStatus().text() + ").");
        }
        app.moveTo(EnrolmentStatus.WITHDRAWN, "Rút hồ sơ theo yêu cầu của " + user.fullName() + ".");
        if (app.getProcessInstanceId() != null && runtime.createProcessInstanceQuery()
                .processInstanceId(app.getProcessInstanceId()).count() > 0) {
            runtime.deleteProcessInstance(app.getProcessInstanceId(), "Phụ huynh rút hồ sơ");
        }
        AdmissionRound round = rounds.findById(app.getRoundId()).orElseThrow();
        return view(app, round, schoolName(round.getSchoolCode()));
    }

    @Transactional(readOnly = true)
    public EnrolmentView get(UUID id, CurrentUser user) {
        EnrolmentApplication app = readable(id, user);
        AdmissionRound round = rounds.findById(app.getRoundId()).orElseThrow();
        return view(app, round, schoolName(round.getSchoolCode()));
    }

    public record Summary(UUID id, String childName, String schoolCode, int grade, String schoolYear, EnrolmentStatus status,
                   String statusText, boolean online, OffsetDateTime appliedAt) {
    }

    static final int MAX_PAGE_SIZE = 200;

    /**
     * A parent: their own applications; the school's clerk and principal: their school's; an admin: all. Newest
     * first, one page at a time.
     */
    @Transactional(readOnly = true)
    public List<Summary> list(CurrentUser user, int page, int size) {
        Paging.check(page, size, MAX_PAGE_SIZE);
        if (Paging.beyondAnyList(page, size)) {
            return List.of(); // beyond any list (JPA offsets are ints)
        }
        org.springframework.data.domain.PageRequest request = org.springframework.data.domain.PageRequest.of(page,
                size, org.springframework.data.domain.Sort.by(org.springframework.data.domain.Sort.Direction.DESC,
                        "appliedAt").and(org.springframework.data.domain.Sort.by("id")));
        List<EnrolmentApplication> found;
        if (user.has(Role.ADMIN)) {
            found = applications.findAll(request).getContent();
        } else if ((user.has(Role.CLERK) || user.has(Role.PRINCIPAL)) && user.organisationCode() != null) {
            found = applications.findBySchoolCode(user.organisationCode(), request).getContent();
        } else if (user.has(Role.PARENT)) {
            found = applications.findByParentUsername(user.username(), request).getContent();
        } else {
            throw ApiException.forbidden();
        }
        return found.stream().map(a -> new Summary(a.getId(), a.getChildName(), a.getSchoolCode(), a.getGrade(),
                a.getEnrolmentYear() + "-" + (a.getEnrolmentYear() + 1), a.getStatus(), a.getStatus().text(),
                a.isOnline(), VietnamTime.of(a.getAppliedAt()))).toList();
    }

    /** The signed admission decision, for whoever may read the application (the parent has a read grant). */
    @Transactional(readOnly = true)
    public DocumentService.Content decision(UUID id, CurrentUser user) {
        EnrolmentApplication app = readable(id, user);
        if (app.getDecisionDocumentId() == null || !app.isDecisionSigned()) {
            throw ApiException.notFound("quyết định trúng tuyển đã ký của hồ sơ này");
        }
        return documents.content(app.getDecisionDocumentId(), null, user);
    }

    static boolean mayRead(EnrolmentApplication a, CurrentUser u) {
        if (u.username().equals(a.getParentUsername()) || u.has(Role.ADMIN)) {
            return true;
        }
        return u.worksFor(a.getSchoolCode()) && (u.has(Role.CLERK) || u.has(Role.PRINCIPAL));
    }

    private EnrolmentApplication readable(UUID id, CurrentUser user) {
        return applications.findById(id).filter(a -> mayRead(a, user))
                .orElseThrow(() -> ApiException.notFound("hồ sơ tuyển sinh"));
    }

    private AdmissionRound roundFor(String schoolCode, Integer grade, Integer enrolmentYear) {
        if (grade == null || (grade != 1 && grade != 6)) {
            throw ApiException.badRequest("GRADE_INVALID", "Chỉ tuyển sinh trực tuyến vào lớp 1 và lớp 6.");
        }
        String code = schoolCode.strip();
        UserDirectory.OrganisationRef org = users.organisation(code).orElseThrow(() -> ApiException.badRequest(
                "SCHOOL_UNKNOWN", "Không có trường nào mã " + code + "."));
        if (org.kind() == null || !org.kind().endsWith("_SCHOOL")) {
            throw ApiException.badRequest("NOT_A_SCHOOL", org.name() + " không phải là trường học; vui lòng chọn một trường.");
        }
        // The round of that year; else the open one of this school and grade (the earliest year if several), else
        // the next to open, else the latest (closed: the answer says since when).
        List<AdmissionRound> found = rounds.findBySchoolCodeAndGradeOrderByEnrolmentYearDesc(code, grade).stream()
                .filter(r -> enrolmentYear == null || r.getEnrolmentYear() == enrolmentYear).toList();
        if (found.isEmpty() && enrolmentYear != null) {
            throw ApiException.badRequest("NO_ROUND_FOR_GRADE", org.name() + " không có kỳ tuyển sinh lớp " + grade
                    + " năm " + enrolmentYear + ".");
        }
        if (found.isEmpty()) {
            throw ApiException.badRequest("NO_ROUND_FOR_GRADE", org.name() + " không tuyển sinh lớp " + grade
                    + " (không có kỳ tuyển sinh lớp " + grade + ").");
        }
        Instant now = clock.instant();
        return found.stream().filter(r -> r.openAt(now)).reduce((x, y) -> y)
                .or(() -> found.stream().filter(r -> r.getStatus() == AdmissionRound.Status.OPEN
                        && now.isBefore(r.getOpensAt())).reduce((x, y) -> y))
                .orElse(found.get(0));
    }

    static void checkWindow(AdmissionRound round, Instant now) {
        if (round.openAt(now)) {
            return;
        }
        if (round.getStatus() == AdmissionRound.Status.OPEN && now.isBefore(round.getOpensAt())) {
            throw ApiException.conflict("ENROLMENT_NOT_OPEN", "Chưa đến thời gian nhận hồ sơ: kỳ tuyển sinh lớp "
                    + round.getGrade() + " năm học " + round.getSchoolYear() + " mở từ "
                    + VietnamTime.of(round.getOpensAt()).format(VietnamTime.MINUTE) + ".");
        }
        throw ApiException.conflict("ENROLMENT_CLOSED", "Đã hết hạn nộp hồ sơ: kỳ tuyển sinh lớp " + round.getGrade()
                + " năm học " + round.getSchoolYear() + " đã đóng lúc "
                + VietnamTime.of(round.getClosedAt() != null && round.getClosedAt().isBefore(round.getClosesAt())
                ? round.getClosedAt() : round.getClosesAt()).format(VietnamTime.MINUTE) + ".");
    }

    /**
     * The child already has an application this year. Said plainly only to whoever made that one (the family, or the
     * clerk of its school who entered it): to anyone else it would reveal that a child, by personal ID, applied
     * somewhere.
     */
    private static ApiException duplicate(AdmissionRound round, EnrolmentApplication existing, CurrentUser user) {
        boolean theirs = user.username().equals(existing.getParentUsername())
                || user.username().equals(existing.getEnteredBy())
                || user.has(Role.CLERK) && user.worksFor(existing.getSchoolCode());
        if (!theirs) {
            return notAccepted();
        }
        return ApiException.conflict("DUPLICATE_APPLICATION", "Trẻ này đã có hồ sơ tuyển sinh năm "
                + round.getEnrolmentYear() + " đang được xét (số định danh cá nhân trùng); mỗi trẻ chỉ nộp một hồ sơ.");
    }

    private static ApiException notAccepted() {
        return ApiException.conflict("APPLICATION_NOT_ACCEPTED", "Không thể nhận hồ sơ này trực tuyến. "
                + "Vui lòng xem lại danh sách hồ sơ của mình, hoặc liên hệ trực tiếp nhà trường để được hướng dẫn.");
    }

    record Checked(UUID documentId, PaperKind kind) {
    }

    private List<Checked> checkPapers(List<PaperIn> given, CurrentUser user, String schoolCode, boolean requireAll) {
        if (given == null || given.isEmpty()) {
            throw ApiException.badRequest("PAPERS_MISSING", "Vui lòng đính kèm giấy tờ: "
                    + PaperKind.BIRTH_CERTIFICATE.label() + " và " + PaperKind.RESIDENCE_CONFIRMATION.label() + ".");
        }
        if (given.size() > 20) {
            throw ApiException.badRequest("PAPERS_TOO_MANY", "Tối đa 20 giấy tờ mỗi lần.");
        }
        List<Checked> out = new ArrayList<>();
        for (PaperIn p : given) {
            if (p == null || p.documentId() == null) {
                throw ApiException.badRequest("PAPER_INVALID", "Mỗi giấy tờ cần có documentId (tải lên trước qua /api/documents).");
            }
            PaperKind kind;
            try {
                kind = PaperKind.valueOf(p.kind() == null ? "" : p.kind().strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("PAPER_KIND_INVALID", "Loại giấy tờ không hợp lệ: \"" + p.kind()
                        + "\". Các loại hợp lệ: BIRTH_CERTIFICATE, RESIDENCE_CONFIRMATION, PRIORITY_PROOF.");
            }
            DocumentView doc;
            try {
                doc = documents.describe(p.documentId());
            } catch (ApiException e) {
                doc = null;
            }
            boolean own = doc != null && (user.username().equals(doc.owner())
                    || (user.has(Role.CLERK) && schoolCode.equals(doc.organisationCode())
                    && user.worksFor(schoolCode)));
            if (!own) {
                throw ApiException.badRequest("PAPER_NOT_APPLICANTS", "Không tìm thấy giấy tờ " + p.documentId()
                        + " trong các tệp bạn đã tải lên; chỉ đính kèm được giấy tờ do chính bạn tải lên.");
            }
            if (doc.kind() != DocumentKind.APPLICATION_PAPER) {
                throw ApiException.badRequest("PAPER_KIND_MISMATCH", "Tệp \"" + doc.title()
                        + "\" không phải giấy tờ hồ sơ (cần tải lên với loại APPLICATION_PAPER).");
            }
            if (out.stream().anyMatch(x -> x.documentId().equals(p.documentId()))) {
                throw ApiException.badRequest("PAPER_DUPLICATE", "Một tệp chỉ đính kèm một lần.");
            }
            out.add(new Checked(p.documentId(), kind));
        }
        if (requireAll) {
            List<String> missing = new ArrayList<>();
            for (PaperKind k : List.of(PaperKind.BIRTH_CERTIFICATE, PaperKind.RESIDENCE_CONFIRMATION)) {
                if (out.stream().noneMatch(x -> x.kind() == k)) {
                    missing.add(k.label());
                }
            }
            if (!missing.isEmpty()) {
                throw ApiException.badRequest("PAPERS_MISSING", "Hồ sơ còn thiếu giấy tờ bắt buộc: "
                        + String.join(", ", missing) + ".");
            }
        }
        return out;
    }

    private void addPapers(EnrolmentApplication app, List<Checked> checked, Instant at) {
        for (Checked x : checked) {
            papers.save(new EnrolmentPaper(app.getId(), x.documentId(), x.kind(), at));
            // The school's clerk and principal read what the family sent.
            documents.grantRead(x.documentId(), app.getSchoolCode(), null);
        }
    }

    private static String name(String value) {
        return value.strip().replaceAll("\\s+", " ");
    }

    private static Gender gender(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT);
        return switch (v) {
            case "MALE", "NAM" -> Gender.MALE;
            case "FEMALE", "NỮ", "NU" -> Gender.FEMALE;
            default -> throw ApiException.badRequest("GENDER_INVALID", "Giới tính của trẻ là MALE (Nam) hoặc FEMALE (Nữ).");
        };
    }

    String schoolName(String code) {
        return users.organisationName(code).orElse(code);
    }

    EnrolmentView view(EnrolmentApplication a, AdmissionRound round, String schoolName) {
        List<EnrolmentView.Paper> ps = papers.findByApplicationIdOrderByAddedAtAscIdAsc(a.getId()).stream()
                .map(p -> new EnrolmentView.Paper(p.getDocumentId(), p.getKind(), p.getKind().label(),
                        VietnamTime.of(p.getAddedAt()))).toList();
        EnrolmentView.Requested requested = a.getStatus() == EnrolmentStatus.PAPERS_REQUESTED
                ? new EnrolmentView.Requested(a.requested(), a.requested().stream().map(PaperKind::label).toList(),
                a.getPapersDeadline(), a.getStatusReason()) : null;
        List<EnrolmentView.Step> steps = new ArrayList<>();
        if (a.getProcessInstanceId() != null) {
            history.story(a.getProcessInstanceId()).forEach(s -> steps.add(step(s, true)));
        }
        if (round.getProcessInstanceId() != null && a.getRanking() != null) {
            // The principal's approval of the list and the signature of this family's decision. The principal's
            // comment is on the whole list (it may name other children): the family sees the decision, not the
            // comment (it stays in the round's own history).
            for (StepHistory.Step s : history.of(round.getProcessInstanceId())) {
                if (s.kind() == StepKind.TASK) {
                    steps.add(step(s, false));
                } else if (s.kind() == StepKind.SIGNATURE && a.getDecisionDocumentId() != null
                        && a.getDecisionDocumentId().equals(s.documentId())) {
                    steps.add(step(s, true));
                }
            }
            steps.sort(java.util.Comparator.comparing(EnrolmentView.Step::startedAt));
        }
        EnrolmentView.DecisionRef decision = a.getDecisionDocumentId() == null ? null
                : new EnrolmentView.DecisionRef(a.getDecisionDocumentId(), a.getDecisionNumber(), a.isDecisionSigned(),
                a.isDecisionSigned() ? "/api/enrolments/" + a.getId() + "/decision" : null);
        return new EnrolmentView(a.getId(), a.getStatus(), a.getStatus().text(), a.getStatusReason(),
                a.getSchoolCode(), schoolName, round.getId(), a.getGrade(), round.getSchoolYear(),
                new EnrolmentView.Child(a.getChildName(), a.getBirthDate(), a.getPersonalId(), a.getGender(),
                        a.getGender().label()),
                new EnrolmentView.Parent(a.getParentName(), a.getParentPhone(), a.getParentEmail(), a.getParentUsername()),
                new EnrolmentView.Address(a.getAddressText(), a.getWard(), a.getLat(), a.getLon()),
                a.groups(), a.isOnline() ? "ONLINE" : "PAPER", a.getEnteredBy(), VietnamTime.of(a.getAppliedAt()),
                new EnrolmentView.EligibilityView(a.isEligible(), a.getEligibilityReason(), a.getPriorityPoints(),
                        Math.round(a.getDistanceKm() * 100) / 100.0),
                ps, requested, a.getRanking(), a.getProcessInstanceId(), steps, decision);
    }

    private static EnrolmentView.Step step(StepHistory.Step s, boolean withComment) {
        return new EnrolmentView.Step(s.kind(), s.step(), s.name(), s.actor(), s.decision(),
                withComment ? s.comment() : null, s.channel(), s.startedAt(), s.endedAt());
    }
}
