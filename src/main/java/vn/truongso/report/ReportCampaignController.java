package vn.truongso.report;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.school.UserDirectory;

@RestController
@RequestMapping("/api/report-campaigns")
class ReportCampaignController {

    private final ReportCampaignService campaigns;
    private final UserDirectory users;

    ReportCampaignController(ReportCampaignService campaigns, UserDirectory users) {
        this.campaigns = campaigns;
        this.users = users;
    }

    /** An education office's officer opens a campaign; 201 with one row per school asked. */
    @PostMapping
    ResponseEntity<ReportCampaignService.CampaignView> open(
            @RequestBody(required = false) ReportCampaignService.OpenRequest request) {
        ReportCampaignService.CampaignView view = campaigns.open(request, users.current());
        return ResponseEntity.created(URI.create("/api/report-campaigns/" + view.id())).body(view);
    }

    /** The office's campaigns (officer), or those that include the school (its clerk and principal). */
    @GetMapping
    List<ReportCampaignService.CampaignSummary> list() {
        return campaigns.list(users.current());
    }

    @GetMapping("/{id}")
    ReportCampaignService.CampaignView get(@PathVariable UUID id) {
        return campaigns.get(id, users.current());
    }
}
