package vn.truongso.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.truongso.common.Downloads;
import vn.truongso.document.DocumentKind;
import vn.truongso.paperless.PaperlessFigures;
import vn.truongso.paperless.PaperlessReports;
import vn.truongso.paperless.PaperlessService;
import vn.truongso.register.DocumentSearch;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;

/**
 * The paperless dashboard: the figures of a period against the 2025/2030 targets, as a chart (Chart.js, served from
 * its webjar) and as tables per process and per teacher or school, the CSV of the same figures and the principal's
 * signed PDF report. The calls of GET /api/paperless/summary[.csv] and POST /api/paperless/report: who sees which
 * school is the figures' decision.
 */
@Controller
class DashboardPages {

    /** The title every paperless report starts with (PaperlessReports), to list the school's signed reports. */
    static final String REPORT_TITLE = "Báo cáo số liệu chuyển đổi số, giảm giấy tờ";

    private final PaperlessFigures figures;
    private final PaperlessReports reports;
    private final DocumentSearch search;
    private final UserDirectory users;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    DashboardPages(PaperlessFigures figures, PaperlessReports reports, DocumentSearch search, UserDirectory users,
                   com.fasterxml.jackson.databind.ObjectMapper json) {
        this.json = json;
        this.figures = figures;
        this.reports = reports;
        this.search = search;
        this.users = users;
    }

    @GetMapping("/paperless")
    String dashboard(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     @RequestParam(required = false) String school, Model model)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        CurrentUser me = users.current();
        PaperlessFigures.Summary s = figures.summary(new PaperlessFigures.Query(blank(school), null,
                PageDates.parse(from), PageDates.parse(to), null, null), me);
        model.addAttribute("summary", s);
        model.addAttribute("school", blank(school));
        model.addAttribute("chart", json.writeValueAsString(chart(s.overall())));
        model.addAttribute("principal", me.has(Role.PRINCIPAL));
        if (s.scope() != null && "SCHOOL".equals(s.scope().kind())) {
            model.addAttribute("reports", search.search(REPORT_TITLE, DocumentKind.REPORT, null, null, 0, 5, me)
                    .items());
        }
        return "pages/paperless";
    }

    /** The chart's data (share figures with a target), read by assets/paperless.js from a data attribute. */
    static Map<String, Object> chart(PaperlessFigures.Group overall) {
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (PaperlessFigures.Figure f : overall.figures()) {
            if ("SHARE".equals(f.unit()) && f.target() != null) {
                labels.add(f.label());
                values.add(f.value() == null ? null : Math.round(f.value() * 1000) / 10.0);
                targets.add(Math.round(f.target() * 1000) / 10.0);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", labels);
        data.put("values", values);
        data.put("targets", targets);
        return data;
    }

    @GetMapping("/paperless/summary.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                               @RequestParam(required = false) String school) {
        PaperlessFigures.Summary s = figures.summary(new PaperlessFigures.Query(blank(school), null, from, to, null,
                null), users.current());
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        Downloads.attachment("so-lieu-khong-giay-" + s.from() + "-" + s.to() + ".csv"))
                .body(PaperlessService.csv(s));
    }

    /** The principal's report of the figures: made now, then signed with her code on the signing page. */
    @PostMapping("/paperless/report")
    String report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  RedirectAttributes flash) {
        return Pages.act(flash, "/paperless", () -> {
            PaperlessReports.ReportStarted started = reports.start(new PaperlessReports.ReportRequest(from, to),
                    users.current());
            flash.addFlashAttribute(Pages.NOTICE, "Đã lập báo cáo. Hãy nhập mã xác nhận để ký.");
            return "redirect:/signing/" + started.signTransaction().transactionId();
        });
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
