package vn.truongso.web;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.truongso.inbox.InboxCommands;
import vn.truongso.report.ReportCampaignService;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;

/**
 * Report campaigns: the office's officer opens one for chosen schools with a deadline, reads the table of schools
 * (status, sent time, late marks) and accepts or returns an arrived report; a school's clerk and principal see their
 * own row. The calls of /api/report-campaigns and of the officer's task "Tiếp nhận báo cáo" (POST
 * /api/tasks/{id}/complete with ACCEPT or RETURN).
 */
@Controller
class OfficerPages {

    private final ReportCampaignService campaigns;
    private final InboxCommands inbox;
    private final UserDirectory users;

    OfficerPages(ReportCampaignService campaigns, InboxCommands inbox, UserDirectory users) {
        this.campaigns = campaigns;
        this.inbox = inbox;
        this.users = users;
    }

    @GetMapping("/campaigns")
    String list(Model model) {
        CurrentUser me = users.current();
        model.addAttribute("campaigns", campaigns.list(me));
        // The form is offered to officers; opening a campaign is still the service's decision.
        if (me.has(Role.OFFICER) && me.organisationCode() != null) {
            model.addAttribute("schools", users.below(me.organisationCode()).stream()
                    .filter(o -> o.kind() != null && o.kind().endsWith("_SCHOOL")).toList());
        }
        return "pages/campaigns";
    }

    @PostMapping("/campaigns")
    String open(@RequestParam(required = false) String title, @RequestParam(required = false) String period,
                @RequestParam(required = false) String deadline,
                @RequestParam(name = "school", required = false) List<String> schools, RedirectAttributes flash) {
        flash.addFlashAttribute("form", new CampaignForm(title, period, deadline, schools == null ? List.of() : schools));
        return Pages.act(flash, "/campaigns", () -> {
            // No school ticked means every school under the office, as the API's empty schoolCodes does.
            // Typed as dd/MM/yyyy; the service reads ISO dates (and words its refusal of anything else).
            java.time.LocalDate day = PageDates.parse(deadline);
            ReportCampaignService.CampaignView c = campaigns.open(new ReportCampaignService.OpenRequest(title, period,
                    day == null ? deadline : day.toString(), schools == null ? List.of() : schools, null),
                    users.current());
            flash.getFlashAttributes().remove("form");
            flash.addFlashAttribute(Pages.NOTICE, "Đã mở đợt báo cáo \"" + c.title() + "\" cho " + c.rows().size()
                    + " trường.");
            return "redirect:/campaigns/" + c.id();
        });
    }

    /** What the officer typed, shown again when opening was refused. */
    record CampaignForm(String title, String period, String deadline, List<String> schools)
            implements java.io.Serializable {
    }

    @GetMapping("/campaigns/{id}")
    String show(@PathVariable UUID id, Model model) {
        model.addAttribute("campaign", campaigns.get(id, users.current()));
        return "pages/campaign";
    }

    /** The officer accepts (into the office's incoming register, signatures verified) or returns a school's report. */
    @PostMapping("/campaigns/{id}/decision")
    String decide(@PathVariable UUID id, @RequestParam(required = false) String taskId,
                  @RequestParam(required = false) String decision, @RequestParam(required = false) String comment,
                  RedirectAttributes flash) {
        String back = "/campaigns/" + id;
        return Pages.act(flash, back, () -> {
            inbox.complete(taskId == null ? "" : taskId, new InboxCommands.Completion(decision,
                    LessonPlanPages.blankToNull(comment), "DIGITAL"), users.current());
            flash.addFlashAttribute(Pages.NOTICE, "ACCEPT".equals(decision)
                    ? "Đã tiếp nhận báo cáo; kết quả kiểm tra chữ ký số có trong bảng."
                    : "Đã trả lại báo cáo cho trường.");
            return "redirect:" + back;
        });
    }
}
