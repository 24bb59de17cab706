package vn.truongso.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** bpmn/enrolment-eligibility.dmn, one test per row of each table (the test names the row it must hit). */
class EnrolmentEligibilityDmnTest {

    static final EnrolmentDmn DMN = new EnrolmentDmn();

    static Map<String, Object> facts(int grade, int age, String... groups) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("gradeApplied", grade);
        facts.put("enrolmentYear", 2026);
        facts.put("ageInEnrolmentYear", age);
        facts.put("wardInCatchment", true);
        facts.put("distanceKm", 3.0);
        facts.put("priorityGroups", List.of(groups));
        return facts;
    }

    static DmnDecisionResultEntries eligibility(Map<String, Object> facts, String expectedRule) {
        DmnDecisionResult result = DMN.evaluate(EligibilityRules.ELIGIBILITY, facts);
        assertThat(DMN.matched(EligibilityRules.ELIGIBILITY)).first().isEqualTo(expectedRule);
        return result.getSingleResult();
    }

    static int points(Map<String, Object> facts) {
        Object sum = DMN.evaluate(EligibilityRules.PRIORITY, facts).getSingleResult().getSingleEntry();
        return ((Number) sum).intValue();
    }

    static void assertEligible(DmnDecisionResultEntries result, boolean eligible, String reasonContains) {
        assertThat((Boolean) result.getEntry("eligible")).isEqualTo(eligible);
        assertThat((String) result.getEntry("reason")).contains(reasonContains);
    }

    @Nested
    class Eligibility {

        @Test
        void e1_onlyGrades1And6() {
            assertEligible(eligibility(facts(2, 7), "E1_wrongGrade"), false, "lớp 1 và lớp 6");
        }

        @Test
        void e2_grade1TooYoung_namesTheYear() {
            assertEligible(eligibility(facts(1, 5), "E2_grade1TooYoung"), false, "chưa đủ 6 tuổi");
            assertThat((String) eligibility(facts(1, 5), "E2_grade1TooYoung").getEntry("reason")).endsWith("năm 2026.");
        }

        @Test
        void e3_grade1AtSix() {
            assertEligible(eligibility(facts(1, 6), "E3_grade1RightAge"), true, "Đúng độ tuổi vào lớp 1");
        }

        @Test
        void e4_grade1UpToThreeYearsOlderForTheMinistrysExceptions() {
            for (String group : List.of("KHUYET_TAT", "DAN_TOC_THIEU_SO", "MO_COI", "VE_NUOC")) {
                assertEligible(eligibility(facts(1, 9, "HO_NGHEO", group), "E4_grade1OlderAllowed"), true,
                        "cao hơn quy định");
            }
        }

        @Test
        void e5_grade1OlderWithoutAnException() {
            assertEligible(eligibility(facts(1, 7, "CON_LIET_SI", "LUU_BAN"), "E5_grade1TooOld"), false,
                    "không thuộc diện");
        }

        @Test
        void e6_grade1MoreThanThreeYearsOver() {
            assertEligible(eligibility(facts(1, 10, "KHUYET_TAT"), "E6_grade1FarTooOld"), false,
                    "Trưởng phòng Giáo dục và Đào tạo");
        }

        @Test
        void e7_grade6AtTenAfterSkippingAGrade() {
            assertEligible(eligibility(facts(6, 10, "HOC_VUOT_LOP"), "E7_grade6SkippedAGrade"), true, "học vượt lớp");
        }

        @Test
        void e8_grade6TooYoung() {
            assertEligible(eligibility(facts(6, 10), "E8_grade6TooYoung"), false, "chưa đủ 11 tuổi");
            assertEligible(eligibility(facts(6, 9, "HOC_VUOT_LOP"), "E8_grade6TooYoung"), false, "năm 2026");
        }

        @Test
        void e9_grade6AtEleven() {
            assertEligible(eligibility(facts(6, 11), "E9_grade6RightAge"), true, "Đúng độ tuổi vào lớp 6");
        }

        @Test
        void e10_grade6OlderWhenHeldBackOrExcepted() {
            for (String group : List.of("LUU_BAN", "KHUYET_TAT", "DAN_TOC_THIEU_SO", "MO_COI", "VE_NUOC")) {
                assertEligible(eligibility(facts(6, 14, group), "E10_grade6OlderAllowed"), true, "cao hơn quy định");
            }
        }

        @Test
        void e11_grade6OlderWithoutAnException() {
            assertEligible(eligibility(facts(6, 12, "HO_NGHEO"), "E11_grade6TooOld"), false, "không thuộc diện");
        }

        @Test
        void e12_grade6MoreThanThreeYearsOver() {
            assertEligible(eligibility(facts(6, 15, "LUU_BAN"), "E12_grade6FarTooOld"), false, "hơn 3 năm");
        }
    }

    @Nested
    class Priority {

        /** Eligible (grade 1 at 6), in the catchment, 3 km (10 points), no group: 110. */
        static final int BASE = 110;

        @Test
        void p1_ineligibleGetsNothing() {
            Map<String, Object> facts = facts(1, 5, "CON_LIET_SI");
            facts.put("distanceKm", 0.2);
            assertThat(points(facts)).isZero();
            assertThat(DMN.matched(EligibilityRules.PRIORITY)).containsExactly("P1_ineligible");
        }

        @Test
        void p2_inCatchment() {
            assertThat(points(facts(1, 6))).isEqualTo(BASE);
            assertThat(DMN.matched(EligibilityRules.PRIORITY)).contains("P2_inCatchment");
        }

        @Test
        void p3_outsideCatchmentStaysEligibleWithTheLowestTier() {
            Map<String, Object> facts = facts(1, 6);
            facts.put("wardInCatchment", false);
            assertThat(points(facts)).isEqualTo(BASE - 100);
            assertThat(DMN.matched(EligibilityRules.PRIORITY)).contains("P3_outsideCatchment");
            assertThat((Boolean) eligibility(facts, "E3_grade1RightAge").getEntry("eligible")).isTrue();
        }

        @Test
        void p4_p5_p6_p7_distanceBands() {
            Map<Double, Integer> expected = Map.of(0.0, 30, 1.0, 30, 1.01, 20, 2.0, 20, 2.5, 10, 5.0, 10, 5.01, 0, 40.0, 0);
            Map<Double, String> rule = Map.of(0.0, "P4_within1km", 1.0, "P4_within1km", 1.01, "P5_within2km",
                    2.0, "P5_within2km", 2.5, "P6_within5km", 5.0, "P6_within5km", 5.01, "P7_beyond5km",
                    40.0, "P7_beyond5km");
            expected.forEach((km, distancePoints) -> {
                Map<String, Object> facts = facts(6, 11);
                facts.put("distanceKm", km);
                assertThat(points(facts)).as("%s km", km).isEqualTo(100 + distancePoints);
                assertThat(DMN.matched(EligibilityRules.PRIORITY)).as("%s km", km).contains(rule.get(km));
            });
        }

        @Test
        void p8_conLietSi() {
            assertThat(points(facts(1, 6, "CON_LIET_SI"))).isEqualTo(BASE + 20);
            assertThat(DMN.matched(EligibilityRules.PRIORITY)).contains("P8_conLietSi");
        }

        @Test
        void p9_conThuongBinh() {
            assertThat(points(facts(1, 6, "CON_THUONG_BINH"))).isEqualTo(BASE + 15);
            assertThat(DMN.matched(EligibilityRules.PRIORITY)).contains("P9_conThuongBinh");
        }

        @Test
        void p10_danTocThieuSo() {
            assertThat(points(facts(1, 6, "DAN_TOC_THIEU_SO"))).isEqualTo(BASE + 10);
            assertThat(DMN.matched(EligibilityRules.PRIORITY)).contains("P10_danTocThieuSo");
        }

        @Test
        void p11_hoNgheo() {
            assertThat(points(facts(1, 6, "HO_NGHEO"))).isEqualTo(BASE + 10);
            assertThat(DMN.matched(EligibilityRules.PRIORITY)).contains("P11_hoNgheo");
        }

        @Test
        void groupsWithoutPointsAddNothingAndPointsAddUp() {
            assertThat(points(facts(1, 7, "KHUYET_TAT", "MO_COI", "VE_NUOC"))).isEqualTo(BASE);
            assertThat(points(facts(1, 6, "CON_LIET_SI", "CON_THUONG_BINH", "HO_NGHEO"))).isEqualTo(BASE + 45);
        }

        @Test
        void everyInCatchmentApplicantRanksAboveEveryOutsideOne() {
            Map<String, Object> bestOutside = facts(1, 6, "CON_LIET_SI", "CON_THUONG_BINH", "DAN_TOC_THIEU_SO", "HO_NGHEO");
            bestOutside.put("wardInCatchment", false);
            bestOutside.put("distanceKm", 0.1);
            Map<String, Object> worstInside = facts(1, 6);
            worstInside.put("distanceKm", 80.0);
            assertThat(points(bestOutside)).isEqualTo(85).isLessThan(points(worstInside));
        }
    }

    @Test
    void theTableKnowsEveryPriorityGroupCode() throws Exception {
        String dmn;
        try (var in = getClass().getClassLoader().getResourceAsStream(EnrolmentDmn.RESOURCE)) {
            dmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (PriorityGroup group : PriorityGroup.values()) {
            assertThat(dmn).as(group.name()).contains("\"" + group.name() + "\"");
        }
    }
}
