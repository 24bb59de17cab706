package vn.truongso.steps;

import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What only the processes themselves know — a report sent electronically and on time, an application made online —
 * marked on their process records, in the transaction of the step that happened. The paperless figures count them.
 */
@Service
@Transactional
public class ProcessFacts {

    private static final Logger log = LoggerFactory.getLogger(ProcessFacts.class);

    private final ProcessRecordRepository processes;

    ProcessFacts(ProcessRecordRepository processes) {
        this.processes = processes;
    }

    /**
     * A school sent its report. On time is decided by the first sending (a report the office returned and the school
     * corrected was still sent on time); electronic only if every sending was.
     */
    public void reportSent(String processInstanceId, boolean electronic, boolean late) {
        mark(processInstanceId, p -> p.reportSent(electronic, late));
    }

    /** The deadline passed and the report had not been sent: whatever comes later is late. */
    public void reportMissed(String processInstanceId) {
        mark(processInstanceId, ProcessRecord::reportMissed);
    }

    /** A family applied, online or on paper (entered by the school's clerk). */
    public void applied(String processInstanceId, boolean online) {
        mark(processInstanceId, p -> p.applied(online));
    }

    private void mark(String processInstanceId, Consumer<ProcessRecord> fact) {
        Optional<ProcessRecord> found = processInstanceId == null ? Optional.empty()
                : processes.findById(processInstanceId);
        if (found.isEmpty()) {
            log.warn("No process record for instance {}: its paperless figure is not counted", processInstanceId);
        }
        found.ifPresent(fact);
    }
}
