package vn.truongso.document;

import static org.assertj.core.api.Assertions.assertThat;

import db.migration.V15__fill_search_text;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.support.IntegrationTest;

/** Rows stored before accent-insensitive search get their search text from the migration, as new rows do. */
@IntegrationTest
class FillSearchTextMigrationTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anOldDocumentIsFoundWithoutDiacriticsAfterTheMigration() throws Exception {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into document (id, title, kind, organisation_code, owner_username, created_at, "
                + "current_version) values (?, ?, 'REPORT', 'THCSHB', 'vt.hoa', ?, 1)", id,
                "Báo cáo Tổng kết ĐỢT 1", Timestamp.from(Instant.now()));
        assertThat(jdbc.queryForObject("select search_text from document where id = ?", String.class, id)).isNull();

        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            new V15__fill_search_text().migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return c;
                }
            });
        }

        assertThat(jdbc.queryForObject("select search_text from document where id = ?", String.class, id))
                .isEqualTo("bao cao tong ket dot 1");
        jdbc.update("delete from document where id = ?", id);
    }
}
