/**
 * Online enrolment (tuyển sinh đầu cấp, issue 6): admission rounds, applications, the clerk's check, the ranked list
 * and the principal's signed admission decisions.
 *
 * <p>The rules live in {@code bpmn/enrolment-eligibility.dmn}, not in Java: decision {@code enrolmentEligibility}
 * (hit policy FIRST: eligible or not and a Vietnamese reason, from the grade, the age counted by year and the child's
 * circumstances) and decision {@code enrolmentPriority} (COLLECT SUM: points from the catchment, the distance band and
 * the priority groups; it requires the first). Java only computes the facts the tables read
 * ({@link vn.truongso.enrolment.EligibilityRules}).
 *
 * <p>The processes: {@code bpmn/enrolment-request.bpmn} (one application: DMN, the clerk's "Kiểm tra hồ sơ tuyển
 * sinh" with ACCEPT, REQUEST_MORE, REJECT, papers or lapse, then waiting for the round) and
 * {@code bpmn/admission-round.bpmn} (one round: window, ranking, the principal's "Duyệt danh sách trúng tuyển", every
 * decision numbered in the outgoing register and signed through remote-signature.bpmn with one code). Their steps are
 * {@link vn.truongso.enrolment.EnrolmentRequestSteps} and {@link vn.truongso.enrolment.AdmissionRoundSteps} (see
 * bpmn/README.md). HTTP: {@code /api/enrolments}, {@code /api/enrolment-rounds}. Published:
 * {@link vn.truongso.enrolment.EnrolmentApplied}. An application's history ({@code steps[]}) is its whole recorded
 * story and, from the round, the principal's decisions and the signature of its decision, read from
 * {@code steps.StepHistory}. Both processes are started through {@code steps.ProcessStarter}; their tasks show the
 * grade in the inbox through {@code EnrolmentTaskFields} (an {@code inbox.TaskFields}).
 */
package vn.truongso.enrolment;
