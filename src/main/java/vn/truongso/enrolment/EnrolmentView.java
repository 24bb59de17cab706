package vn.truongso.enrolment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import vn.truongso.common.Channel;
import vn.truongso.steps.StepKind;

/** An application as its parent, the school's clerk and principal see it. */
public record EnrolmentView(UUID id, EnrolmentStatus status, String statusText, String statusReason, String schoolCode,
                     String schoolName, UUID roundId, int grade, String schoolYear, Child child, Parent parent,
                     Address address, List<PriorityGroup> priorityGroups, String channel, String enteredBy,
                     OffsetDateTime appliedAt, EligibilityView eligibility, List<Paper> papers,
                     Requested requestedPapers, Integer ranking, String processInstanceId,
                     List<Step> steps, DecisionRef decision) {

    /**
     * One step of the application, as its family reads it (from the recorded steps, {@code steps.StepHistory}): the
     * application's whole story, and of the round the principal's decisions and the signature of this family's
     * decision.
     *
     * @param kind    SUBMISSION (the application), TASK (a person's decision), SIGNATURE, WAIT, AUTOMATIC, END
     * @param actor   the person (null for what the system did)
     * @param channel DIGITAL or PAPER for what people did; null while open and for what the system did
     */
    public record Step(StepKind kind, String step, String name, String actor, String decision, String comment,
                       Channel channel, OffsetDateTime startedAt, OffsetDateTime endedAt) {
    }

    public record Child(String fullName, LocalDate birthDate, String personalId, Gender gender, String genderText) {
    }

    public record Parent(String fullName, String phone, String email, String username) {
    }

    public record Address(String text, String ward, double lat, double lon) {
    }

    /** What bpmn/enrolment-eligibility.dmn decided when the application arrived. */
    public record EligibilityView(boolean eligible, String reason, int priorityPoints, double distanceKm) {
    }

    public record Paper(UUID documentId, PaperKind kind, String kindText, OffsetDateTime addedAt) {
    }

    /** What the clerk asked for, until when (inclusive, Vietnam time), and why. */
    public record Requested(List<PaperKind> kinds, List<String> kindTexts, LocalDate deadline, String comment) {
    }

    /** The admission decision: its number, whether the principal signed it, and where the parent downloads it. */
    public record DecisionRef(UUID documentId, String number, boolean signed, String link) {
    }
}
