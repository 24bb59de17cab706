/**
 * Report submission to the education office (báo cáo định kỳ, issue 6): an office's campaign for many schools,
 * each school's report prepared, signed by its principal, numbered in its outgoing register and received (verified)
 * or returned by the office. Other modules learn of it only through its events.
 */
package vn.truongso.report;
