package vn.truongso.report;

import java.time.Instant;
import java.util.UUID;

/**
 * A school sent its report of a campaign to the office (first submission or a resubmission after a return).
 *
 * @param processInstanceId the school's own report process (bpmn/school-report.bpmn)
 * @param electronic        signed electronically and sent through TruongSo (false: signed by hand, carried, scanned)
 * @param late              sent after the campaign's deadline
 */
public record SchoolReportSubmitted(String schoolCode, UUID campaignId, String processInstanceId, boolean electronic,
                                   boolean late, Instant at) {
}
