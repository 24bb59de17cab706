package vn.truongso.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.truongso.support.IntegrationTest;

/** The job executor finds due jobs by index, not by reading every timer of the province (H2 and PostgreSQL alike). */
@IntegrationTest
class JobDueDateIndexTest {

    @Autowired
    DataSource dataSource;

    @Test
    void camundasJobsAreIndexedByDueDate() throws Exception {
        List<String> indexed = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String table = meta.storesLowerCaseIdentifiers() ? "act_ru_job" : "ACT_RU_JOB";
            try (ResultSet rs = meta.getIndexInfo(null, null, table, false, true)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null) {
                        indexed.add(rs.getString("INDEX_NAME").toUpperCase(Locale.ROOT) + ":"
                                + rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        assertThat(indexed).contains(JobDueDateIndex.NAME + ":DUEDATE_");
    }
}
