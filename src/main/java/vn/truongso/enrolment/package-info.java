/**
 * Online enrolment (tuyển sinh đầu cấp, issue 6). This first slice holds only the eligibility rules and input
 * validation; the application API and bpmn/enrolment-request.bpmn come next.
 *
 * <p>The rules live in {@code bpmn/enrolment-eligibility.dmn}, not in Java: decision {@code enrolmentEligibility}
 * (hit policy FIRST: eligible or not and a Vietnamese reason, from the grade, the age counted by year and the child's
 * circumstances) and decision {@code enrolmentPriority} (COLLECT SUM: points from the catchment, the distance band and
 * the priority groups; it requires the first). Java only computes the facts the tables read.
 *
 * <p>What the enrolment process will use: {@link vn.truongso.enrolment.EligibilityRules} (facts in, an
 * {@link vn.truongso.enrolment.Eligibility} out), {@link vn.truongso.enrolment.PersonalId} (the 12-digit personal
 * ID number, checked against birth date and gender), {@link vn.truongso.enrolment.Gender} and
 * {@link vn.truongso.enrolment.PriorityGroup} (the codes a parent may give). Everything else is package-private.
 */
package vn.truongso.enrolment;
