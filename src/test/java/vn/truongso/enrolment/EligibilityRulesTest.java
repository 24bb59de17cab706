package vn.truongso.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.truongso.common.ApiException;

/** The facts Java computes, and the answer as the component gives it (standalone DMN engine). */
class EligibilityRulesTest {

    final EligibilityRules rules = new EligibilityRules(new EnrolmentDmn());

    // A primary school in Hoàn Kiếm serving two wards.
    final EligibilityRules.School school =
            new EligibilityRules.School(21.0285, 105.8542, List.of("Phường Hoàn Kiếm", "Phường Cửa Nam"));

    static EligibilityRules.Applicant applicant(int grade, LocalDate born, String ward, double lat, double lon,
                                                PriorityGroup... groups) {
        return new EligibilityRules.Applicant(grade, born, ward, lat, lon, Set.of(groups));
    }

    @Test
    void agesAreCountedByYearAndTheTableDecides() {
        // Born on 31 December 2020: 6 "by year" in 2026, so grade 1 in 2026 although only five and a half on 1 September.
        Eligibility late = rules.decide(applicant(1, LocalDate.of(2020, 12, 31), "phường hoàn  kiếm", 21.0300, 105.8542),
                school, 2026);
        assertThat(late.eligible()).isTrue();
        assertThat(late.reason()).isEqualTo("Đúng độ tuổi vào lớp 1 (6 tuổi).");
        // In the catchment (ward typed in another case and spacing), 0.17 km: 100 + 30.
        assertThat(late.priorityPoints()).isEqualTo(130);

        Eligibility early = rules.decide(applicant(1, LocalDate.of(2021, 1, 1), "Phường Hoàn Kiếm", 21.03, 105.85),
                school, 2026);
        assertThat(early).isEqualTo(new Eligibility(false,
                "Trẻ chưa đủ 6 tuổi (tính theo năm) nên chưa được vào lớp 1 năm 2026.", 0));
    }

    @Test
    void outsideTheCatchmentIsEligibleButRanksLast() {
        // Long Biên, about 3.4 km away, child of a martyr: 0 + 10 + 20.
        Eligibility outside = rules.decide(applicant(6, LocalDate.of(2015, 5, 5), "Phường Long Biên", 21.0450, 105.8830,
                PriorityGroup.CON_LIET_SI), school, 2026);
        assertThat(outside).isEqualTo(new Eligibility(true, "Đúng độ tuổi vào lớp 6 (11 tuổi).", 30));
    }

    @Test
    void factsAreWhatTheTableReads() {
        var facts = EligibilityRules.facts(applicant(6, LocalDate.of(2014, 2, 1), "Phường Cửa Nam", 21.0285, 105.8542,
                PriorityGroup.LUU_BAN, PriorityGroup.HO_NGHEO), school, 2026);
        assertThat(facts).containsEntry("gradeApplied", 6).containsEntry("enrolmentYear", 2026)
                .containsEntry("ageInEnrolmentYear", 12).containsEntry("wardInCatchment", true)
                .containsEntry("distanceKm", 0.0).containsEntry("priorityGroups", List.of("HO_NGHEO", "LUU_BAN"));
    }

    @Test
    void refusesMissingFactsAndUnknownGroupsInVietnamese() {
        assertThatThrownBy(() -> applicant(1, null, "Phường Cửa Nam", 21, 105))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("BIRTH_DATE_MISSING"));
        assertThatThrownBy(() -> applicant(1, LocalDate.of(2020, 1, 1), " ", 21, 105))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("WARD_MISSING"));
        assertThatThrownBy(() -> PriorityGroup.parse(List.of("con_liet_si", "VIP")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("PRIORITY_GROUP_UNKNOWN"))
                .hasMessageContaining("\"VIP\"");
        assertThat(PriorityGroup.parse(List.of(" con_liet_si ", "HO_NGHEO")))
                .containsExactlyInAnyOrder(PriorityGroup.CON_LIET_SI, PriorityGroup.HO_NGHEO);
    }
}
