package vn.truongso.enrolment;

import java.time.Instant;
import java.util.UUID;

/**
 * An application for a school place was made.
 *
 * @param processInstanceId the application's process (bpmn/enrolment-request.bpmn)
 * @param online            the parent applied online themselves (false: the clerk entered a paper application)
 */
public record EnrolmentApplied(String schoolCode, UUID applicationId, String processInstanceId, boolean online,
                               Instant at) {
}
