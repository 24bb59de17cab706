package vn.truongso.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.common.VietnamTime;
import vn.truongso.support.IntegrationTest;

/** Recurring campaigns open by themselves, each (schedule, year) once. */
@IntegrationTest
class ReportSchedulesTest {

    @Autowired
    ReportSchedules schedules;
    @Autowired
    ReportScheduleRepository repository;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ManagementService management;
    @Autowired
    RepositoryService repositoryService;

    long campaignsOf(long scheduleId) {
        return jdbc.queryForObject("select count(*) from report_campaign where schedule_id = ?", Long.class, scheduleId);
    }

    @Test
    void aDueScheduleOpensExactlyOneCampaignHoweverOftenItRuns() {
        LocalDate today = LocalDate.now(VietnamTime.ZONE);
        LocalDate deadline = today.plusDays(5);
        long id = 1000 + ThreadLocalRandom.current().nextInt(1_000_000);
        repository.save(new ReportSchedule(id, "VHXH-HB", ReportPeriod.SEMI_ANNUAL, "Báo cáo định kỳ thử",
                deadline.getMonthValue(), deadline.getDayOfMonth(), 10));

        // Not yet: the window opens ten days before the deadline.
        schedules.openDue(deadline.minusDays(11));
        assertThat(campaignsOf(id)).isZero();

        schedules.openDue(today);
        schedules.openDue(today);
        assertThat(campaignsOf(id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from school_report r join report_campaign c on c.id = r.campaign_id "
                + "where c.schedule_id = ?", Long.class, id)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select title from report_campaign where schedule_id = ?", String.class, id))
                .isEqualTo("Báo cáo định kỳ thử " + deadline.getYear());

        // The daily timer of bpmn/report-schedule.bpmn runs the same bean: still one.
        String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("reportSchedule")
                .latestVersion().singleResult().getId();
        var timer = management.createJobQuery().processDefinitionId(definition).timers().singleResult();
        assertThat(timer).isNotNull();
        management.executeJob(timer.getId());
        assertThat(campaignsOf(id)).isEqualTo(1);

        // After the deadline nothing new opens for that year.
        schedules.openDue(deadline.plusDays(1));
        assertThat(campaignsOf(id)).isEqualTo(1);
    }

    @Test
    void theDemoOfficeHasTheFixedReportingDates() {
        assertThat(repository.findByEnabledTrueOrderById()).filteredOn(s -> s.getOfficeCode().equals("VHXH-HB"))
                .extracting(s -> s.getPeriod() + " " + s.deadlineIn(2027))
                .contains("SEMI_ANNUAL 2027-06-01", "ANNUAL 2027-12-06");
    }
}
