package vn.truongso.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
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
    @Autowired
    org.camunda.bpm.engine.TaskService taskService;

    long campaignsOf(long scheduleId) {
        return jdbc.queryForObject("select count(*) from report_campaign where schedule_id = ?", Long.class, scheduleId);
    }

    @Test
    void aDueScheduleOpensExactlyOneCampaignHoweverOftenItRuns() {
        LocalDate today = LocalDate.now(VietnamTime.ZONE);
        LocalDate deadline = today.plusDays(5);
        long id = 1000 + ThreadLocalRandom.current().nextInt(1_000_000);
        repository.save(new ReportSchedule(id, "VHXH-HB", ReportPeriod.SEMI_ANNUAL, "Báo cáo định kỳ thử",
                deadline.getMonthValue(), deadline.getDayOfMonth(), 10, "SCHOOL"));

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
    void theDemoOfficesHaveThePlansFixedReportingDates() {
        assertThat(repository.findByEnabledTrueOrderById()).filteredOn(s -> s.getOfficeCode().equals("VHXH-HB"))
                .extracting(s -> s.getPeriod() + " " + s.deadlineIn(2027) + " " + s.getReporterKind())
                .contains("SEMI_ANNUAL 2027-06-01 SCHOOL", "ANNUAL 2027-12-06 SCHOOL");
        assertThat(repository.findByEnabledTrueOrderById()).filteredOn(s -> s.getOfficeCode().equals("SGD-DEMO"))
                .extracting(s -> s.getPeriod() + " " + s.deadlineIn(2027) + " " + s.getReporterKind())
                .contains("SEMI_ANNUAL 2027-06-05 OFFICE", "ANNUAL 2027-12-10 OFFICE");
    }

    @Test
    void aDepartmentsScheduleAsksTheOfficesUnderIt() {
        LocalDate today = LocalDate.now(VietnamTime.ZONE);
        LocalDate deadline = today.plusDays(3);
        long id = 1000 + ThreadLocalRandom.current().nextInt(1_000_000);
        repository.save(new ReportSchedule(id, "SGD-DEMO", ReportPeriod.ANNUAL, "Báo cáo tổng hợp thử",
                deadline.getMonthValue(), deadline.getDayOfMonth(), 5, "OFFICE"));
        schedules.openDue(today);
        assertThat(campaignsOf(id)).isEqualTo(1);
        List<String> reporters = jdbc.queryForList("select r.school_code from school_report r join report_campaign c "
                + "on c.id = r.campaign_id where c.schedule_id = ?", String.class, id);
        assertThat(reporters).contains("VHXH-HB").doesNotContain("THCSHB", "THCSAP", "SGD-DEMO");
        // The office's report is prepared by its clerks, in the office's own tenant.
        String campaignId = jdbc.queryForObject("select id from report_campaign where schedule_id = ?", String.class, id);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(campaignId).tenantIdIn("VHXH-HB")
                .taskDefinitionKey("prepare").taskCandidateGroup("VHXH-HB.CLERK").count()).isEqualTo(1);
    }
}
