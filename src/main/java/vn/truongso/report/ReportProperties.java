package vn.truongso.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code truongso.reports.*}: when the office's campaigns remind and open.
 *
 * @param reminderDaysBefore schools that have sent nothing are reminded this many days before a deadline
 * @param openDueOnStart     recurring campaigns already due open at start-up too, not only at 00:30
 */
@ConfigurationProperties(prefix = "truongso.reports")
record ReportProperties(@DefaultValue("3") int reminderDaysBefore, @DefaultValue("true") boolean openDueOnStart) {
}
