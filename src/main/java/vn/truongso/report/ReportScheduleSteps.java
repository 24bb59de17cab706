package vn.truongso.report;

import org.springframework.stereotype.Component;

/** {@code ${reportScheduleSteps.…}}: the one step of bpmn/report-schedule.bpmn, daily at 00:30. */
@Component
public class ReportScheduleSteps {

    private final ReportSchedules schedules;

    ReportScheduleSteps(ReportSchedules schedules) {
        this.schedules = schedules;
    }

    /** openDue: every recurring campaign whose opening day has come is opened, each (schedule, year) once. */
    public void openDue() {
        schedules.openDue();
    }
}
