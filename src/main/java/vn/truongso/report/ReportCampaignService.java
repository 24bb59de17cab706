package vn.truongso.report;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentService;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;
import vn.truongso.steps.ProcessStart;
import vn.truongso.steps.ProcessStarter;

/** Opening report campaigns and reading them: the office sees every school's row, a school only its own. */
@Service
@Transactional
public class ReportCampaignService {

    static final String PROCESS_KEY = "reportCampaign";

    private final ReportCampaignRepository campaigns;
    private final SchoolReportRepository rows;
    private final DocumentService documents;
    private final UserDirectory users;
    private final ProcessStarter starter;
    private final TaskService tasks;
    private final Clock clock;

    ReportCampaignService(ReportCampaignRepository campaigns, SchoolReportRepository rows, DocumentService documents,
                          UserDirectory users, ProcessStarter starter, TaskService tasks, Clock clock) {
        this.campaigns = campaigns;
        this.rows = rows;
        this.documents = documents;
        this.users = users;
        this.starter = starter;
        this.tasks = tasks;
        this.clock = clock;
    }

    public record OpenRequest(String title, String period, String deadline, List<String> schoolCodes,
                       UUID templateDocumentId) {
    }

    /** An office's officer opens a campaign: one report per school, each in the school's own process. */
    public CampaignView open(OpenRequest req, CurrentUser officer) {
        if (!officer.has(Role.OFFICER) || officer.organisationCode() == null) {
            throw ApiException.forbidden();
        }
        if (req == null) {
            throw ApiException.badRequest("TITLE_REQUIRED", "Vui lòng nhập tên đợt báo cáo (title).");
        }
        String title = req.title() == null ? "" : req.title().strip();
        if (title.isEmpty() || title.length() > 500) {
            throw ApiException.badRequest("TITLE_REQUIRED", "Vui lòng nhập tên đợt báo cáo (title, tối đa 500 ký tự).");
        }
        ReportPeriod period = period(req.period());
        LocalDate deadline = deadline(req.deadline());
        String office = officer.organisationCode();
        List<String> schools = schools(office, req.schoolCodes());
        if (req.templateDocumentId() != null) {
            documents.get(req.templateDocumentId(), officer); // 404 unless the officer may read it
        }
        requireOwnTemplate(office, req.templateDocumentId());
        ReportCampaign c = open(office, title, period, deadline, schools, req.templateDocumentId(),
                officer.username(), null, null);
        return view(c, officer);
    }

    /**
     * A template is handed to every school asked (they get read access): it must be the office's own document, never
     * what the office may read because someone sent it (one school's report must not reach the other schools).
     */
    private void requireOwnTemplate(String office, UUID template) {
        if (template != null && !office.equals(documents.describe(template).organisationCode())) {
            throw ApiException.badRequest("TEMPLATE_NOT_OFFICE_DOCUMENT", "Mẫu báo cáo phải là văn bản của chính "
                    + "phòng (do phòng tải lên); không dùng văn bản của trường hay đơn vị khác làm mẫu gửi các trường.");
        }
    }

    /** Opens a campaign already checked; also used by the schedules (opened by "system"). */
    ReportCampaign open(String office, String title, ReportPeriod period, LocalDate deadline, List<String> schools,
                        UUID template, String openedBy, Long scheduleId, Integer scheduleYear) {
        requireOwnTemplate(office, template);
        ReportCampaign c = campaigns.save(new ReportCampaign(office, title, period, deadline,
                ReportDeadlines.endOf(deadline), template, openedBy, clock.instant(), scheduleId, scheduleYear));
        for (String school : schools) {
            rows.save(new SchoolReport(c.getId(), school));
            if (template != null) {
                // The form the office wants filled in: each school asked may open it.
                documents.grantRead(template, school, null);
            }
        }
        rows.flush();
        c.started(starter.start(ProcessStart.of(PROCESS_KEY, c.getId().toString(), openedBy, office, title)
                .requester(users.organisationName(office).orElse(office))
                .with("campaignId", c.getId().toString())
                .with("officerGroup", Groups.role(office, Role.OFFICER))));
        return c;
    }

    private static ReportPeriod period(String value) {
        try {
            return ReportPeriod.valueOf(value == null ? "" : value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("PERIOD_INVALID",
                    "Kỳ báo cáo (period) chỉ là SEMI_ANNUAL (6 tháng), ANNUAL (năm) hoặc AD_HOC (đột xuất).");
        }
    }

    private LocalDate deadline(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("DEADLINE_REQUIRED", "Vui lòng nhập hạn nộp báo cáo (deadline, yyyy-MM-dd).");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("DEADLINE_INVALID", "Hạn nộp phải là ngày dạng yyyy-MM-dd, ví dụ 2026-12-06.");
        }
        if (date.isBefore(LocalDate.now(clock.withZone(VietnamTime.ZONE)))) {
            throw ApiException.badRequest("DEADLINE_PASSED", "Hạn nộp " + date.format(VietnamTime.DAY)
                    + " đã qua; vui lòng chọn hôm nay hoặc một ngày sau.");
        }
        return date;
    }

    /** The schools asked: the given codes, each a school under this office, or every school under it. */
    private List<String> schools(String office, List<String> given) {
        Map<String, UserDirectory.OrganisationRef> under = new LinkedHashMap<>();
        users.below(office).stream().filter(o -> isSchool(o.kind())).forEach(o -> under.put(o.code(), o));
        List<String> out;
        if (given == null || given.isEmpty()) {
            out = new ArrayList<>(under.keySet());
        } else {
            Set<String> codes = new LinkedHashSet<>();
            for (String code : given) {
                String c = code == null ? "" : code.strip().toUpperCase();
                if (c.isEmpty()) {
                    throw ApiException.badRequest("SCHOOL_CODE_REQUIRED", "Mã trường (schoolCodes) không được để trống.");
                }
                if (users.organisation(c).isEmpty()) {
                    throw new ApiException(HttpStatus.NOT_FOUND, "SCHOOL_NOT_FOUND", "Không tìm thấy trường có mã " + c + ".");
                }
                if (!under.containsKey(c)) {
                    throw ApiException.badRequest("SCHOOL_NOT_UNDER_OFFICE", "Đơn vị " + c
                            + " không phải trường thuộc phòng của bạn; chỉ yêu cầu báo cáo các trường trực thuộc.");
                }
                codes.add(c);
            }
            out = new ArrayList<>(codes);
        }
        if (out.isEmpty()) {
            throw ApiException.badRequest("NO_SCHOOLS", "Phòng chưa có trường trực thuộc nào để yêu cầu báo cáo.");
        }
        return out;
    }

    static boolean isSchool(String kind) {
        return kind != null && kind.endsWith("_SCHOOL");
    }

    /** An education office (commune or district), as reporter to a provincial department. */
    static boolean isOffice(String kind) {
        return kind != null && kind.endsWith("_OFFICE");
    }

    // ---- reading

    public record Counts(Map<ReportStatus, Long> byStatus, long total, long submitted, long late, long missing) {
    }

    public record Row(String schoolCode, String schoolName, ReportStatus status, String statusText,
               OffsetDateTime submittedAt, OffsetDateTime firstSubmittedAt, int submissions, boolean late,
               boolean missed, String outgoingNumber, String arrivalNumber, Integer arrivalYear,
               String returnComment, UUID documentId, UUID signedDocumentId, Integer signedVersion,
               Boolean electronic, OffsetDateTime remindedAt, OffsetDateTime acceptedAt, String receiveTaskId) {
    }

    public record CampaignView(UUID id, String title, ReportPeriod period, String officeCode, String officeName,
                        LocalDate deadline, OffsetDateTime deadlineAt, boolean deadlinePassed,
                        UUID templateDocumentId, String openedBy, OffsetDateTime openedAt, OffsetDateTime closedAt,
                        Long scheduleId, Counts counts, List<Row> rows) {
    }

    public record CampaignSummary(UUID id, String title, ReportPeriod period, String officeCode, LocalDate deadline,
                           OffsetDateTime openedAt, boolean closed, Counts counts) {
    }

    @Transactional(readOnly = true)
    public List<CampaignSummary> list(CurrentUser user) {
        List<ReportCampaign> found;
        if (user.has(Role.OFFICER) && user.organisationCode() != null) {
            found = campaigns.findByOfficeCodeOrderByOpenedAtDesc(user.organisationCode());
        } else if (schoolStaff(user)) {
            List<UUID> ids = rows.campaignIdsOf(user.organisationCode());
            found = ids.isEmpty() ? List.of() : campaigns.findByIdInOrderByOpenedAtDesc(ids);
        } else {
            throw ApiException.forbidden();
        }
        return found.stream().map(c -> new CampaignSummary(c.getId(), c.getTitle(), c.getPeriod(), c.getOfficeCode(),
                c.getDeadline(), VietnamTime.of(c.getOpenedAt()), c.getClosedAt() != null,
                counts(visibleRows(c, user)))).toList();
    }

    @Transactional(readOnly = true)
    public CampaignView get(UUID id, CurrentUser user) {
        if (!(user.has(Role.OFFICER) || schoolStaff(user))) {
            throw ApiException.forbidden();
        }
        ReportCampaign c = campaigns.findById(id).orElseThrow(() -> ApiException.notFound("đợt báo cáo"));
        List<SchoolReport> visible = visibleRows(c, user);
        if (visible.isEmpty()) {
            throw ApiException.notFound("đợt báo cáo");
        }
        return view(c, user);
    }

    private static boolean schoolStaff(CurrentUser user) {
        return user.organisationCode() != null && (user.has(Role.CLERK) || user.has(Role.PRINCIPAL));
    }

    /** The office's officers see every row; a school's clerk and principal only their school's. */
    private List<SchoolReport> visibleRows(ReportCampaign c, CurrentUser user) {
        List<SchoolReport> all = rows.findByCampaignIdOrderBySchoolCode(c.getId());
        if (user.has(Role.OFFICER) && user.worksFor(c.getOfficeCode())) {
            return all;
        }
        if (schoolStaff(user)) {
            return all.stream().filter(r -> user.worksFor(r.getSchoolCode())).toList();
        }
        return List.of();
    }

    private CampaignView view(ReportCampaign c, CurrentUser user) {
        List<SchoolReport> visible = visibleRows(c, user);
        Map<String, String> receiveTasks = new LinkedHashMap<>();
        if (user.has(Role.OFFICER) && c.getProcessInstanceId() != null) {
            for (Task t : tasks.createTaskQuery().processInstanceId(c.getProcessInstanceId())
                    .taskDefinitionKey("officerReceive").list()) {
                Object school = tasks.getVariable(t.getId(), "reportSchool");
                if (school != null) {
                    receiveTasks.put(school.toString(), t.getId());
                }
            }
        }
        List<Row> out = visible.stream().map(r -> new Row(r.getSchoolCode(),
                users.organisationName(r.getSchoolCode()).orElse(r.getSchoolCode()), r.getStatus(),
                r.getStatus().text(), VietnamTime.of(r.getSubmittedAt()), VietnamTime.of(r.getFirstSubmittedAt()),
                r.getSubmissions(), r.isLate(), r.isMissed(), r.getOutgoingSymbol(),
                r.getArrivalNumber() == null ? null : String.format("%02d", r.getArrivalNumber()), r.getArrivalYear(),
                r.getReturnComment(), r.getDocumentId(), r.getSignedVersion() == null ? null : r.getDocumentId(),
                r.getSignedVersion(), r.getElectronic(), VietnamTime.of(r.getRemindedAt()),
                VietnamTime.of(r.getAcceptedAt()), receiveTasks.get(r.getSchoolCode()))).toList();
        return new CampaignView(c.getId(), c.getTitle(), c.getPeriod(), c.getOfficeCode(),
                users.organisationName(c.getOfficeCode()).orElse(c.getOfficeCode()), c.getDeadline(),
                VietnamTime.of(c.getDeadlineAt()), c.getDeadlinePassedAt() != null, c.getTemplateDocumentId(),
                c.getOpenedBy(), VietnamTime.of(c.getOpenedAt()), VietnamTime.of(c.getClosedAt()), c.getScheduleId(),
                counts(visible), out);
    }

    static Counts counts(List<SchoolReport> rows) {
        Map<ReportStatus, Long> by = new LinkedHashMap<>();
        for (ReportStatus s : ReportStatus.values()) {
            by.put(s, rows.stream().filter(r -> r.getStatus() == s).count());
        }
        long submitted = rows.stream().filter(r -> r.getFirstSubmittedAt() != null).count();
        return new Counts(by, rows.size(), submitted, rows.stream().filter(SchoolReport::isLate).count(),
                rows.size() - submitted);
    }
}
