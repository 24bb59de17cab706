package vn.truongso.report;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The plans' fixed reporting dates for the demo offices (embedded default only, after the demo schools exist): the
 * schools of VHXH-HB report by 1 June (6 months) and 6 December (year); the offices under the department SGD-DEMO,
 * which consolidate them, by 5 June and 10 December. Each campaign opens 30 days before its deadline.
 */
@Component
@Profile("!prod")
@ConditionalOnProperty(name = "truongso.demo-data", havingValue = "true")
@Order(Ordered.LOWEST_PRECEDENCE)
class DemoSchedules implements ApplicationRunner {

    private final ReportScheduleRepository schedules;

    DemoSchedules(ReportScheduleRepository schedules) {
        this.schedules = schedules;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (schedules.count() > 0) {
            return;
        }
        schedules.save(new ReportSchedule(1L, "VHXH-HB", ReportPeriod.SEMI_ANNUAL, "Báo cáo công tác 6 tháng đầu năm",
                6, 1, 30, "SCHOOL"));
        schedules.save(new ReportSchedule(2L, "VHXH-HB", ReportPeriod.ANNUAL, "Báo cáo công tác năm", 12, 6, 30,
                "SCHOOL"));
        schedules.save(new ReportSchedule(3L, "SGD-DEMO", ReportPeriod.SEMI_ANNUAL, "Báo cáo tổng hợp 6 tháng đầu năm",
                6, 5, 30, "OFFICE"));
        schedules.save(new ReportSchedule(4L, "SGD-DEMO", ReportPeriod.ANNUAL, "Báo cáo tổng hợp năm", 12, 10, 30,
                "OFFICE"));
    }
}
