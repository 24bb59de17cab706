package vn.truongso.support;

import org.springframework.jdbc.core.JdbcTemplate;

/** Ký thay given by a test ends with it: other tests see pht.an as a vice-principal without the principal's tasks. */
public final class TestDelegations {

    private TestDelegations() {
    }

    /** Revokes every delegation still open (as revoked by "test"). */
    public static void endAll(JdbcTemplate jdbc) {
        jdbc.update("update delegation set revoked_at = current_timestamp, revoked_by = 'test' where revoked_at is null");
    }
}
