package vn.truongso.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.truongso.common.VietnamTime;

/**
 * When a campaign's deadline passes and when its reminder goes out: the timers of bpmn/report-campaign.bpmn, through
 * {@link ReportCampaignSteps}.
 * A deadline is a date written by the office ("hạn nộp 06/12/2026"): reports are due by the end of that day in
 * Vietnam, 23:59:59 +07:00, so the deadline passes at 00:00 +07:00 the next day. (The plans' "trước ngày 6/12" could
 * be read as due by the end of 5 December; the office writes the date it means, and the schedules say which.)
 */
@Component
public class ReportDeadlines {

    private final ReportCampaignRepository campaigns;
    private final int reminderDaysBefore;

    ReportDeadlines(ReportCampaignRepository campaigns,
                    ReportProperties properties) {
        this.campaigns = campaigns;
        this.reminderDaysBefore = properties.reminderDaysBefore();
    }

    /** The moment a deadline of {@code date} passes: the start of the next day in Vietnam. */
    static Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(VietnamTime.ZONE).toInstant();
    }

    Date deadlineAt(DelegateExecution execution) {
        return Date.from(campaign(execution).getDeadlineAt());
    }

    /** N days (truongso.reports.reminder-days-before) before the deadline passes. */
    Date reminderAt(DelegateExecution execution) {
        return Date.from(campaign(execution).getDeadlineAt().minus(Duration.ofDays(reminderDaysBefore)));
    }

    int reminderDaysBefore() {
        return reminderDaysBefore;
    }

    private ReportCampaign campaign(DelegateExecution execution) {
        return campaigns.findById(UUID.fromString((String) execution.getVariable("campaignId"))).orElseThrow();
    }
}
