package vn.truongso.lessonplan;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.common.Paging;
import vn.truongso.school.UserDirectory;

@RestController
@RequestMapping("/api")
class LessonPlanController {

    private final LessonPlanService plans;
    private final UserDirectory users;

    LessonPlanController(LessonPlanService plans, UserDirectory users) {
        this.plans = plans;
        this.users = users;
    }

    @PostMapping("/lesson-plans")
    ResponseEntity<LessonPlanView> submit(@RequestBody LessonPlanService.SubmitRequest request) {
        LessonPlanView view = plans.submit(request, users.current());
        return ResponseEntity.created(URI.create("/api/lesson-plans/" + view.id())).body(view);
    }

    @GetMapping("/lesson-plans/{id}")
    LessonPlanView get(@PathVariable UUID id) {
        return plans.get(id, users.current());
    }

    record PlanPage(List<LessonPlanService.LessonPlanSummary> items, long total, int page, int size) {
    }

    @GetMapping("/lesson-plans")
    PlanPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Paging.check(page, size);
        Page<LessonPlanService.LessonPlanSummary> result = plans.list(users.current(), page, size);
        return new PlanPage(result.getContent(), result.getTotalElements(), page, size);
    }

    @GetMapping("/professional-records")
    List<LessonPlanService.RecordEntry> records(@RequestParam(required = false) String schoolYear) {
        return plans.professionalRecords(users.current(), schoolYear);
    }
}
