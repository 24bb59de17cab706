package vn.truongso.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.truongso.support.IntegrationTest;

/** The table as the application deploys it: found by key through the process engine's DecisionService. */
@IntegrationTest
class EnrolmentEligibilityEngineTest {

    @Autowired
    EligibilityRules rules;

    @Test
    void theDeployedTableDecides() {
        var school = new EligibilityRules.School(21.0285, 105.8542, List.of("Phường Hoàn Kiếm"));
        var child = new EligibilityRules.Applicant(1, LocalDate.of(2019, 4, 2), "Phường Hoàn Kiếm", 21.0285, 105.8542,
                Set.of(PriorityGroup.DAN_TOC_THIEU_SO));
        // 7 by year in 2026, ethnic minority: may start one year late; in the catchment, 0 km: 100 + 30 + 10.
        Eligibility result = rules.decide(child, school, 2026);
        assertThat(result.eligible()).isTrue();
        assertThat(result.reason()).contains("cao hơn quy định");
        assertThat(result.priorityPoints()).isEqualTo(140);
    }
}
