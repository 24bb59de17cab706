package vn.truongso.paperless;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.truongso.enrolment.EnrolmentApplied;
import vn.truongso.report.SchoolReportMissed;
import vn.truongso.report.SchoolReportSubmitted;
import vn.truongso.steps.ProcessFacts;

/**
 * Hears what the report and enrolment processes announce and marks it on their process records ({@link ProcessFacts},
 * in the transaction of the step that happened): the facts the figures on reports and applications count. It lives
 * here, above the processes, so that {@code steps} depends on none of them.
 */
@Component
class SubmissionFacts {

    private final ProcessFacts facts;

    SubmissionFacts(ProcessFacts facts) {
        this.facts = facts;
    }

    @EventListener
    void on(SchoolReportSubmitted e) {
        facts.reportSent(e.processInstanceId(), e.electronic(), e.late());
    }

    @EventListener
    void on(SchoolReportMissed e) {
        facts.reportMissed(e.processInstanceId());
    }

    @EventListener
    void on(EnrolmentApplied e) {
        facts.applied(e.processInstanceId(), e.online());
    }
}
