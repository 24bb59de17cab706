package vn.truongso;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.support.IntegrationTest;

/** Proves which database the suite ran on: H2 by default, PostgreSQL in the postgres-tests run. */
@IntegrationTest
class DatabaseTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${truongso.test.expected-database:H2}")
    String expected;

    @Test
    void theSuiteRunsOnTheDatabaseItWasPointedAt() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo(expected);
        }
        // Flyway owns our tables; Camunda created its own beside them.
        assertThat(jdbc.queryForObject("select count(*) from \"flyway_schema_history\" where \"success\" = true",
                Integer.class)).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from ACT_RE_PROCDEF where KEY_ = 'lessonPlanApproval'",
                Integer.class)).isGreaterThanOrEqualTo(1);
    }
}
