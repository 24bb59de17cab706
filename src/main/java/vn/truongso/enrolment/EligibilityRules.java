package vn.truongso.enrolment;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import vn.truongso.common.ApiException;

/**
 * Computes the facts of one application and lets bpmn/enrolment-eligibility.dmn decide. Nothing here knows an age
 * limit, a distance band or a points value: those are rows of the table.
 */
@Component
public class EligibilityRules {

    static final String ELIGIBILITY = "enrolmentEligibility";
    static final String PRIORITY = "enrolmentPriority";

    /** Evaluates a decision by key with the given variables (the engine's DecisionService, or a standalone engine). */
    interface Decisions {
        DmnDecisionResult evaluate(String decisionKey, Map<String, Object> variables);
    }

    /** The child and home as the parent declared them. */
    public record Applicant(int grade, LocalDate birthDate, String ward, double lat, double lon,
                            Set<PriorityGroup> priorityGroups) {
        public Applicant {
            if (birthDate == null) {
                throw ApiException.badRequest("BIRTH_DATE_MISSING", "Vui lòng nhập ngày sinh của trẻ.");
            }
            if (ward == null || ward.isBlank()) {
                throw ApiException.badRequest("WARD_MISSING", "Vui lòng nhập phường, xã nơi cư trú.");
            }
            Distance.checkCoordinates(lat, lon);
            priorityGroups = priorityGroups == null ? Set.of() : Set.copyOf(priorityGroups);
        }
    }

    /** The school's place and its catchment (địa bàn tuyển sinh): the wards it must admit from. */
    public record School(double lat, double lon, Collection<String> catchmentWards) {
        public School {
            Distance.checkCoordinates(lat, lon);
            catchmentWards = catchmentWards == null ? List.of() : List.copyOf(catchmentWards);
        }
    }

    private final Decisions decisions;

    @Autowired
    public EligibilityRules(DecisionService decisionService) {
        this((key, variables) -> decisionService.evaluateDecisionByKey(key).variables(variables).evaluate());
    }

    EligibilityRules(Decisions decisions) {
        this.decisions = decisions;
    }

    /** Decides one application for the school year that starts in {@code enrolmentYear} (e.g. 2026 for 2026–2027). */
    public Eligibility decide(Applicant applicant, School school, int enrolmentYear) {
        Map<String, Object> facts = facts(applicant, school, enrolmentYear);
        DmnDecisionResult eligibility = decisions.evaluate(ELIGIBILITY, facts);
        boolean eligible = Boolean.TRUE.equals(eligibility.getSingleResult().getEntry("eligible"));
        String reason = eligibility.getSingleResult().getEntry("reason");
        Object points = decisions.evaluate(PRIORITY, facts).getSingleResult().getSingleEntry();
        return new Eligibility(eligible, reason, points == null ? 0 : ((Number) points).intValue());
    }

    static Map<String, Object> facts(Applicant applicant, School school, int enrolmentYear) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("gradeApplied", applicant.grade());
        facts.put("enrolmentYear", enrolmentYear);
        facts.put("ageInEnrolmentYear", enrolmentYear - applicant.birthDate().getYear());
        facts.put("wardInCatchment", school.catchmentWards().stream()
                .anyMatch(ward -> sameWard(ward, applicant.ward())));
        facts.put("distanceKm", Distance.km(applicant.lat(), applicant.lon(), school.lat(), school.lon()));
        facts.put("priorityGroups", applicant.priorityGroups().stream().map(Enum::name).sorted().toList());
        return facts;
    }

    /** Ward names compared as people type them: Unicode form, case and spacing do not matter. */
    static boolean sameWard(String a, String b) {
        return normalise(a).equals(normalise(b));
    }

    private static String normalise(String ward) {
        return Normalizer.normalize(ward == null ? "" : ward, Normalizer.Form.NFC)
                .strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
