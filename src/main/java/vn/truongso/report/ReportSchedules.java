package vn.truongso.report;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.VietnamTime;
import vn.truongso.school.UserDirectory;

/**
 * Opens the recurring campaigns that are due (daily, from bpmn/report-schedule.bpmn through
 * {@link ReportScheduleSteps}): a schedule's campaign of a year opens from {@code open_days_before} days before its deadline until the
 * deadline, once. Running twice (or on two nodes) opens nothing twice: the check here, and under it the unique
 * (schedule_id, schedule_year) constraint, which makes the second transaction fail rather than duplicate.
 */
@Component
public class ReportSchedules {

    private static final Logger log = LoggerFactory.getLogger(ReportSchedules.class);

    private final ReportScheduleRepository schedules;
    private final ReportCampaignRepository campaigns;
    private final ReportCampaignService service;
    private final UserDirectory users;
    private final Clock clock;
    private final boolean openOnStart;

    ReportSchedules(ReportScheduleRepository schedules, ReportCampaignRepository campaigns,
                    ReportCampaignService service, UserDirectory users, Clock clock, ReportProperties properties) {
        this.openOnStart = properties.openDueOnStart();
        this.schedules = schedules;
        this.campaigns = campaigns;
        this.service = service;
        this.users = users;
        this.clock = clock;
    }

    /**
     * At start-up, too: a node started after 00:30 (or a fresh installation, or the demo) should not wait for the
     * next night to open a campaign already due. Another node doing the same at once loses on the unique constraint.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void openDueOnStart() {
        if (!openOnStart) {
            return;
        }
        try {
            openDue();
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            log.info("Due report campaigns were opened by another node at the same moment");
        }
    }

    /** Opens every due campaign; answers how many it opened. */
    @Transactional
    public int openDue() {
        return openDue(LocalDate.now(clock.withZone(VietnamTime.ZONE)));
    }

    @Transactional
    int openDue(LocalDate today) {
        int opened = 0;
        for (ReportSchedule s : schedules.findByEnabledTrueOrderById()) {
            // A deadline early in January opens in December of the year before.
            for (int year : List.of(today.getYear(), today.getYear() + 1)) {
                if (!s.dueOn(today, year) || campaigns.existsByScheduleIdAndScheduleYear(s.getId(), year)) {
                    continue;
                }
                // Reporters: the schools under an office, or the offices under a department (whose clerks prepare
                // and whose heads, PRINCIPAL role, sign, exactly as in a school).
                List<String> schools = users.organisation(s.getOfficeCode()).isEmpty() ? List.of()
                        : users.below(s.getOfficeCode()).stream().filter(o -> s.reports(o.kind()))
                                .map(UserDirectory.OrganisationRef::code).toList();
                if (schools.isEmpty()) {
                    continue;
                }
                service.open(s.getOfficeCode(), s.getTitle() + " " + year, s.getPeriod(), s.deadlineIn(year), schools,
                        null, "system", s.getId(), year);
                campaigns.flush();
                opened++;
                log.info("Opened report campaign of schedule {} for {} ({} schools)", s.getId(), year, schools.size());
            }
        }
        return opened;
    }
}
