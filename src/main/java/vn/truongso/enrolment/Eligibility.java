package vn.truongso.enrolment;

/**
 * What bpmn/enrolment-eligibility.dmn decided for one application: eligible or not, the Vietnamese reason, and the
 * priority points that rank eligible applicants (0 when not eligible; higher ranks first).
 */
public record Eligibility(boolean eligible, String reason, int priorityPoints) {
}
