package vn.truongso.paperless;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.truongso.common.Downloads;
import vn.truongso.document.DocumentService;
import vn.truongso.school.UserDirectory;
import vn.truongso.steps.StepHistory;
import vn.truongso.steps.StepScans;

@RestController
class PaperlessController {

    private final PaperlessFigures figures;
    private final PaperlessService service;
    private final PaperlessReports reports;
    private final StepScans scans;
    private final UserDirectory users;

    PaperlessController(PaperlessFigures figures, PaperlessService service, PaperlessReports reports,
                        StepScans scans, UserDirectory users) {
        this.figures = figures;
        this.service = service;
        this.reports = reports;
        this.scans = scans;
        this.users = users;
    }

    /** The principal's signed report of the figures: 202 with the sign transaction to confirm with the code. */
    @PostMapping("/api/paperless/report")
    ResponseEntity<PaperlessReports.ReportStarted> report(
            @org.springframework.web.bind.annotation.RequestBody(required = false) PaperlessReports.ReportRequest request) {
        PaperlessReports.ReportStarted started = reports.start(request, users.current());
        return ResponseEntity.accepted().location(URI.create("/api/documents/" + started.documentId())).body(started);
    }

    @GetMapping("/api/paperless/summary")
    PaperlessFigures.Summary summary(@RequestParam(required = false) String school,
                                     @RequestParam(required = false) String office,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                     @RequestParam(required = false) String process,
                                     @RequestParam(required = false) String sort) {
        return figures.summary(new PaperlessFigures.Query(blank(school), blank(office), from, to, blank(process),
                sort), users.current());
    }

    @GetMapping(path = "/api/paperless/summary.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String school,
                               @RequestParam(required = false) String office,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                               @RequestParam(required = false) String process,
                               @RequestParam(required = false) String sort) {
        PaperlessFigures.Summary s = summary(school, office, from, to, process, sort);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        Downloads.attachment("so-lieu-khong-giay-" + s.from() + "-" + s.to() + ".csv"))
                .body(PaperlessService.csv(s));
    }

    /** The scan of a step done on paper (the step records keep it; the paper side of the figures is asked here). */
    @PostMapping(path = "/api/paperless/steps/{id}/scan", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<StepHistory.Step> scan(@PathVariable Long id,
                                          @RequestPart(value = "file", required = false) MultipartFile file)
            throws IOException {
        DocumentService.Upload upload = file == null ? null
                : new DocumentService.Upload(file.getBytes(), file.getOriginalFilename(), file.getContentType());
        StepHistory.Step step = scans.attach(id, upload, users.current());
        return ResponseEntity.created(URI.create("/api/documents/" + step.scanDocumentId())).body(step);
    }

    @GetMapping("/api/documents/{id}/completion-certificate.pdf")
    ResponseEntity<byte[]> certificate(@PathVariable UUID id) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        Downloads.inline("chung-nhan-hoan-thanh-" + id + ".pdf"))
                .body(service.certificate(id, users.current()));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
