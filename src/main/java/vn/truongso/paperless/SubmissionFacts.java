package vn.truongso.paperless;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.enrolment.EnrolmentApplied;
import vn.truongso.report.SchoolReportMissed;
import vn.truongso.report.SchoolReportSubmitted;

/**
 * What only the processes themselves know — a report sent electronically and on time, an application made online —
 * marked on their process records, in the transaction of the step that happened.
 */
@Component
@Transactional
class SubmissionFacts {

    private static final Logger log = LoggerFactory.getLogger(SubmissionFacts.class);

    private final ProcessRecordRepository processes;

    SubmissionFacts(ProcessRecordRepository processes) {
        this.processes = processes;
    }

    @EventListener
    void on(SchoolReportSubmitted e) {
        record(e.processInstanceId()).ifPresent(p -> p.reportSent(e.electronic(), e.late()));
    }

    @EventListener
    void on(SchoolReportMissed e) {
        record(e.processInstanceId()).ifPresent(ProcessRecord::reportMissed);
    }

    @EventListener
    void on(EnrolmentApplied e) {
        record(e.processInstanceId()).ifPresent(p -> p.applied(e.online()));
    }

    private java.util.Optional<ProcessRecord> record(String processInstanceId) {
        java.util.Optional<ProcessRecord> found = processInstanceId == null ? java.util.Optional.empty()
                : processes.findById(processInstanceId);
        if (found.isEmpty()) {
            log.warn("No process record for instance {}: its paperless figure is not counted", processInstanceId);
        }
        return found;
    }
}
