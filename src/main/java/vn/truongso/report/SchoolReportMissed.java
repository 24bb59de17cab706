package vn.truongso.report;

import java.time.Instant;
import java.util.UUID;

/** A campaign's deadline passed and this school had not sent its report: it is now late. */
public record SchoolReportMissed(String schoolCode, UUID campaignId, String processInstanceId, Instant deadline) {
}
