package vn.truongso.school;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.signing.Authority;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestUsers;

/**
 * An acting principal (quyền hiệu trưởng) is a flag on the account: nobody in the demo data has it; an account that
 * has it signs the principal's decisions as "Q. HIỆU TRƯỞNG".
 */
@IntegrationTest
class ActingPrincipalTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UserDirectory users;

    @Test
    void theActingFlagComesFromTheAccountAndMakesTheBlockQHieuTruong() {
        assertThat(jdbc.queryForObject("select count(*) from user_account where acting = true and username in "
                + "('ht.mai', 'ht.son', 'pht.an')", Integer.class)).isZero();
        assertThat(Authority.asPrincipal(users.find("ht.mai").orElseThrow()).lines()).containsExactly("HIỆU TRƯỞNG");

        TestUsers people = new TestUsers(jdbc);
        String acting = people.person("qht." + UUID.randomUUID().toString().substring(0, 8), "Đào Văn Quyền")
                .title("Phó hiệu trưởng").organisation("THCSAP").acting().roles("PRINCIPAL").passwordHash("x").insert();
        try {
            CurrentUser q = users.find(acting).orElseThrow();
            assertThat(q.acting()).isTrue();
            assertThat(Authority.asPrincipal(q).lines()).containsExactly("Q. HIỆU TRƯỞNG");
            assertThat(Authority.of(q, "PRINCIPAL").summary()).isEqualTo("Q. HIỆU TRƯỞNG (quyền)");
        } finally {
            // THCSAP's principals are ht.son alone again for the other tests
            people.disable(acting);
        }
    }
}
