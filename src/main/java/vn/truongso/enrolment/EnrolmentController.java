package vn.truongso.enrolment;

import java.util.List;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.common.Downloads;
import vn.truongso.document.DocumentService;
import vn.truongso.school.UserDirectory;

@RestController
class EnrolmentController {

    private final EnrolmentService enrolments;
    private final RoundService rounds;
    private final UserDirectory users;

    EnrolmentController(EnrolmentService enrolments, RoundService rounds, UserDirectory users) {
        this.enrolments = enrolments;
        this.rounds = rounds;
        this.users = users;
    }

    /** A parent applies online; a school's clerk enters a paper application (channel PAPER). */
    @PostMapping("/api/enrolments")
    @ResponseStatus(HttpStatus.CREATED)
    EnrolmentView apply(@RequestBody(required = false) EnrolmentService.ApplyRequest request) {
        return enrolments.apply(request, users.current());
    }

    /** A plain JSON array as before (clients read it so), one page of it: newest first, {@code size} ≤ 200. */
    @GetMapping("/api/enrolments")
    List<EnrolmentService.Summary> list(@RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "100") int size) {
        return enrolments.list(users.current(), page, size);
    }

    @GetMapping("/api/enrolments/{id}")
    EnrolmentView get(@PathVariable UUID id) {
        return enrolments.get(id, users.current());
    }

    /** The papers the clerk asked for; the application goes back to the clerk. */
    @PostMapping("/api/enrolments/{id}/papers")
    EnrolmentView papers(@PathVariable UUID id, @RequestBody(required = false) EnrolmentService.PapersRequest request) {
        return enrolments.addPapers(id, request, users.current());
    }

    /** The family withdraws the application (before the result); the child may then apply elsewhere. */
    @PostMapping("/api/enrolments/{id}/withdraw")
    EnrolmentView withdraw(@PathVariable UUID id) {
        return enrolments.withdraw(id, users.current());
    }

    /** The signed admission decision (PDF). */
    @GetMapping("/api/enrolments/{id}/decision")
    ResponseEntity<InputStreamResource> decision(@PathVariable UUID id) {
        DocumentService.Content c = enrolments.decision(id, users.current());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        Downloads.attachment("quyet-dinh-trung-tuyen.pdf"))
                .contentType(MediaType.APPLICATION_PDF).contentLength(c.size())
                .body(new InputStreamResource(c.stream()));
    }

    @GetMapping("/api/enrolment-rounds")
    List<RoundService.RoundView> rounds(@RequestParam(required = false) String school) {
        users.current();
        return rounds.list(school);
    }

    @GetMapping("/api/enrolment-rounds/{id}")
    RoundService.RoundView round(@PathVariable UUID id) {
        users.current();
        return rounds.get(id);
    }

    @PostMapping("/api/enrolment-rounds")
    @ResponseStatus(HttpStatus.CREATED)
    RoundService.RoundView createRound(@RequestBody(required = false) RoundService.RoundRequest request) {
        return rounds.create(request, users.current());
    }

    @PutMapping("/api/enrolment-rounds/{id}")
    RoundService.RoundView updateRound(@PathVariable UUID id,
                                       @RequestBody(required = false) RoundService.RoundRequest request) {
        return rounds.update(id, request, users.current());
    }

    /** Closes the window before its time: the ranked list goes to the principal now. */
    @PostMapping("/api/enrolment-rounds/{id}/close")
    RoundService.RoundView close(@PathVariable UUID id) {
        return rounds.close(id, users.current());
    }

    @GetMapping("/api/enrolment-rounds/{id}/ranking")
    RoundService.Ranking ranking(@PathVariable UUID id) {
        return rounds.ranking(id, users.current());
    }
}
