package vn.truongso.paperless;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;
import vn.truongso.common.VietnamTime;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;

/**
 * The paperless figures of a period, per process and overall, set against the targets: computed from the step and
 * process records of the instances <em>submitted</em> in the period (Vietnam dates, both ends included).
 */
@Service
@Transactional(readOnly = true)
public class PaperlessFigures {

    static final String NO_DATA = "chưa có dữ liệu";

    private final FigureTotals totals;
    private final PaperlessTargets targets;
    private final UserDirectory users;
    private final Clock clock;

    PaperlessFigures(FigureTotals totals, PaperlessTargets targets, UserDirectory users, Clock clock) {
        this.totals = totals;
        this.targets = targets;
        this.users = users;
        this.clock = clock;
    }

    /**
     * One figure beside its target.
     *
     * @param value       a share (0..1), a count, pages or hours, as {@code unit} says; null when nothing to count
     * @param numerator   for shares: what was counted, over {@code denominator}
     * @param target      the share the plans ask for by {@code targetYear}; null when no target applies
     * @param onTrack     value ≥ target; null without a value or a target
     * @param note        e.g. "chưa có dữ liệu" for figures without a data source yet
     */
    public record Figure(String key, String label, String unit, Double value, Long numerator, Long denominator,
                         Double target, Integer targetYear, Boolean onTrack, String note) {
    }

    public record Group(String code, String name, List<Figure> figures) {
        public Figure figure(String key) {
            return figures.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
        }
    }

    public record Scope(String kind, String code, String name) {
    }

    /**
     * @param rowKind SCHOOL (an office's or the administrator's view: one row per school) or TEACHER (a principal's
     *                view: one row per teacher who submitted); null when there are no rows
     */
    public record Summary(LocalDate from, LocalDate to, Scope scope, Group overall, List<Group> processes,
                          String rowKind, List<Group> rows, String sort) {
    }

    public record Query(String school, String office, LocalDate from, LocalDate to, String process, String sort) {
    }

    // ---- access and scope ------------------------------------------------------------------------------------------

    private record Resolved(Scope scope, Set<String> tenants, String rowKind, Map<String, String> rowNames) {
    }

    private Resolved resolve(Query q, CurrentUser user) {
        if (user.has(Role.ADMIN)) {
            if (q.school() != null) {
                return school(q.school(), false);
            }
            if (q.office() != null) {
                return office(q.office());
            }
            Map<String, String> schools = new TreeMap<>();
            users.below(users.organisation(user.organisationCode()).map(o -> rootOf(o.code())).orElse(""))
                    .stream().filter(o -> isSchool(o.kind())).forEach(o -> schools.put(o.code(), o.name()));
            return new Resolved(new Scope("ALL", null, "Tất cả đơn vị"), null, "SCHOOL", schools);
        }
        if (user.has(Role.OFFICER) && user.organisationCode() != null) {
            Set<String> mine = users.below(user.organisationCode()).stream()
                    .map(UserDirectory.OrganisationRef::code).collect(Collectors.toSet());
            if (q.school() != null) {
                if (!mine.contains(q.school())) {
                    throw ApiException.forbidden();
                }
                return school(q.school(), false);
            }
            String office = q.office() == null ? user.organisationCode() : q.office();
            if (!office.equals(user.organisationCode()) && !mine.contains(office)) {
                throw ApiException.forbidden();
            }
            return office(office);
        }
        if ((user.has(Role.PRINCIPAL) || user.has(Role.CLERK)) && user.organisationCode() != null) {
            if (q.office() != null || (q.school() != null && !q.school().equals(user.organisationCode()))) {
                throw ApiException.forbidden();
            }
            return school(user.organisationCode(), user.has(Role.PRINCIPAL));
        }
        throw ApiException.forbidden();
    }

    private String rootOf(String code) {
        String current = code;
        for (int i = 0; i < 20; i++) {
            String parent = users.organisation(current).map(UserDirectory.OrganisationRef::parentCode).orElse(null);
            if (parent == null) {
                return current;
            }
            current = parent;
        }
        return current;
    }

    private Resolved school(String code, boolean teacherRows) {
        UserDirectory.OrganisationRef org = users.organisation(code)
                .orElseThrow(() -> ApiException.notFound("đơn vị " + code));
        return new Resolved(new Scope("SCHOOL", org.code(), org.name()), Set.of(org.code()),
                teacherRows ? "TEACHER" : null, null);
    }

    private Resolved office(String code) {
        UserDirectory.OrganisationRef org = users.organisation(code)
                .orElseThrow(() -> ApiException.notFound("đơn vị " + code));
        Map<String, String> schools = new TreeMap<>();
        users.below(code).stream().filter(o -> isSchool(o.kind())).forEach(o -> schools.put(o.code(), o.name()));
        return new Resolved(new Scope("OFFICE", org.code(), org.name()), schools.keySet(), "SCHOOL", schools);
    }

    private static boolean isSchool(String kind) {
        return kind != null && kind.endsWith("_SCHOOL");
    }

    // ---- the figures ---------------------------------------------------------------------------------------------

    public Summary summary(Query query, CurrentUser user) {
        LocalDate to = query.to() == null ? LocalDate.now(clock.withZone(VietnamTime.ZONE)) : query.to();
        LocalDate from = query.from() == null ? LocalDate.of(to.getMonthValue() >= 8 ? to.getYear() : to.getYear() - 1, 8, 1)
                : query.from();
        if (from.isAfter(to)) {
            throw ApiException.badRequest("PERIOD_INVALID", "Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to).");
        }
        Resolved r = resolve(query, user);
        Instant start = from.atStartOfDay(VietnamTime.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(VietnamTime.ZONE).toInstant();
        String process = query.process() == null || query.process().isBlank() ? null : query.process().strip();
        List<FigureTotals.Line> lines = totals.lines(r.tenants(), process, start, end);
        int year = to.getYear();

        Group overall = group("ALL", "Tổng hợp", lines, year);
        List<Group> byProcess = new ArrayList<>();
        lines.stream().collect(Collectors.groupingBy(FigureTotals.Line::processKey, TreeMap::new, Collectors.toList()))
                .forEach((key, list) -> byProcess.add(group(key, list.stream().map(FigureTotals.Line::processName)
                        .filter(Objects::nonNull).findFirst().orElse(key), list, year)));

        List<Group> rows = new ArrayList<>();
        if ("SCHOOL".equals(r.rowKind())) {
            Map<String, List<FigureTotals.Line>> bySchool = lines.stream().filter(l -> l.tenant() != null)
                    .collect(Collectors.groupingBy(FigureTotals.Line::tenant));
            Map<String, String> names = new TreeMap<>(r.rowNames());
            bySchool.keySet().forEach(code -> names.computeIfAbsent(code,
                    c -> users.organisation(c).map(UserDirectory.OrganisationRef::name).orElse(c)));
            names.forEach((code, name) -> rows.add(group(code, name, bySchool.getOrDefault(code, List.of()), year)));
        } else if ("TEACHER".equals(r.rowKind())) {
            lines.stream().filter(l -> l.startedBy() != null)
                    .collect(Collectors.groupingBy(FigureTotals.Line::startedBy, TreeMap::new, Collectors.toList()))
                    .forEach((who, list) -> rows.add(group(who,
                            users.find(who).map(CurrentUser::fullName).orElse(who), list, year)));
        }
        String sort = sort(rows, query.sort());
        return new Summary(from, to, r.scope(), overall, byProcess, r.rowKind(), rows, sort);
    }

    /** Sorts rows by a figure's value ({@code digitalShare,desc}), or by code/name; rows without a value go last. */
    private static String sort(List<Group> rows, String sort) {
        String s = sort == null || sort.isBlank() ? "code,asc" : sort.strip();
        String[] parts = s.split(",");
        String key = parts[0].strip();
        boolean desc = parts.length > 1 && parts[1].strip().equalsIgnoreCase("desc");
        if (parts.length > 1 && !parts[1].strip().equalsIgnoreCase("desc") && !parts[1].strip().equalsIgnoreCase("asc")) {
            throw ApiException.badRequest("SORT_INVALID", "Thứ tự sắp xếp chỉ là asc hoặc desc.");
        }
        Comparator<Group> order;
        if (key.equals("code") || key.equals("name")) {
            Function<Group, String> by = key.equals("code") ? Group::code : Group::name;
            order = Comparator.comparing(by, Comparator.nullsLast(Comparator.naturalOrder()));
            if (desc) {
                order = order.reversed();
            }
        } else {
            if (FIGURES.stream().noneMatch(f -> f.equals(key))) {
                throw ApiException.badRequest("SORT_INVALID", "Không sắp xếp được theo '" + key + "'. Chọn code, name "
                        + "hoặc một chỉ số: " + String.join(", ", FIGURES) + ".");
            }
            Comparator<Double> values = desc ? Comparator.reverseOrder() : Comparator.naturalOrder();
            order = Comparator.comparing((Group g) -> g.figure(key).value(), Comparator.nullsLast(values))
                    .thenComparing(Group::code);
        }
        rows.sort(order);
        return key + "," + (desc ? "desc" : "asc");
    }

    static final List<String> FIGURES = List.of("instances", "fullyDigitalShare", "digitalShare",
            "electronicSignatureShare", "paperReduction", "pagesAvoided", "reportsElectronicOnTime",
            "applicationsOnline", "hoursToApprovalMedian", "hoursToApprovalP90");

    private Group group(String code, String name, List<FigureTotals.Line> lines, int year) {
        FigureTotals.Tally t = FigureTotals.Tally.sum(lines.stream().map(FigureTotals.Line::tally).toList());
        List<Double> hours = t.hours();
        List<Figure> f = new ArrayList<>();
        f.add(new Figure("instances", "Số hồ sơ (lượt quy trình) đã nộp", "COUNT", (double) t.instances(), null,
                null, null, null, null, null));
        f.add(share("fullyDigitalShare", "Tỷ lệ hồ sơ hoàn thành xử lý hoàn toàn trên môi trường số", t.fullyDigital(),
                t.completed(), PaperlessTargets.RECORDS_ONLINE, year));
        f.add(share("digitalShare", "Tỷ lệ bước xử lý thực hiện trên môi trường số", t.digital(), t.done(),
                PaperlessTargets.RECORDS_ONLINE, year));
        f.add(share("electronicSignatureShare", "Tỷ lệ văn bản được ký số", t.electronicDocs(), t.signedDocs(), null, year));
        f.add(share("paperReduction", "Tỷ lệ giảm giấy (trang in tránh được / trang in theo cách làm giấy)", t.avoided(),
                t.avoided() + t.printed(), PaperlessTargets.PAPER_REDUCTION, year));
        f.add(new Figure("pagesAvoided", "Số trang giấy tránh được", "PAGES", (double) t.avoided(), null, null, null,
                null, null, null));
        // Filled by the report and enrolment processes' events: a report counts once it was sent or its deadline passed.
        f.add(shareOrNoData("reportsElectronicOnTime", "Tỷ lệ báo cáo định kỳ gửi điện tử, đúng hạn", t.reportsGood(),
                t.reports(), PaperlessTargets.REPORTS_ELECTRONIC, year));
        f.add(shareOrNoData("applicationsOnline", "Tỷ lệ hồ sơ tuyển sinh nộp trực tuyến", t.applicationsOnline(),
                t.applications(), PaperlessTargets.ADMISSIONS_ONLINE, year));
        f.add(new Figure("hoursToApprovalMedian", "Thời gian từ khi nộp đến khi phê duyệt – trung vị (giờ)", "HOURS",
                percentile(hours, 0.5), null, (long) hours.size(), null, null, null, null));
        f.add(new Figure("hoursToApprovalP90", "Thời gian từ khi nộp đến khi phê duyệt – phân vị 90 (giờ)", "HOURS",
                percentile(hours, 0.9), null, (long) hours.size(), null, null, null, null));
        return new Group(code, name, f);
    }

    private Figure share(String key, String label, long numerator, long denominator, String targetName, int year) {
        Double value = denominator == 0 ? null : round((double) numerator / denominator);
        PaperlessTargets.Target t = targetName == null ? null : targets.applying(targetName, year);
        return new Figure(key, label, "SHARE", value, numerator, denominator, t == null ? null : t.share(),
                t == null ? null : t.year(), value == null || t == null ? null : value >= t.share(), null);
    }

    /** A share, or — nothing to count in this scope and period — no number, said so, the target still shown. */
    private Figure shareOrNoData(String key, String label, long numerator, long denominator, String targetName,
                                 int year) {
        Figure f = share(key, label, numerator, denominator, targetName, year);
        return denominator > 0 ? f : new Figure(f.key(), f.label(), f.unit(), null, null, null, f.target(),
                f.targetYear(), null, NO_DATA);
    }

    /** Linear interpolation between closest ranks (as Excel's PERCENTILE.INC); null for no values. */
    static Double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        double pos = p * (sorted.size() - 1);
        int lower = (int) Math.floor(pos);
        int upper = Math.min(lower + 1, sorted.size() - 1);
        return round(sorted.get(lower) + (pos - lower) * (sorted.get(upper) - sorted.get(lower)));
    }

    private static double round(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }
}
