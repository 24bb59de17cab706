/**
 * Report submission to the education office (báo cáo định kỳ, issue 6): an office's campaign for many schools,
 * each school's report prepared, signed by its principal, numbered in its outgoing register and received (verified)
 * or returned by the office. Other modules learn of it only through its events. The processes are
 * bpmn/report-campaign.bpmn, bpmn/school-report.bpmn and bpmn/report-schedule.bpmn; their steps
 * {@link vn.truongso.report.ReportCampaignSteps}, {@link vn.truongso.report.SchoolReportSteps} and
 * {@link vn.truongso.report.ReportScheduleSteps} (see bpmn/README.md). The campaign (the office's tenant) and each
 * school's report (the school's) message each other across tenants through {@link vn.truongso.school.Tenancy}.
 */
package vn.truongso.report;
