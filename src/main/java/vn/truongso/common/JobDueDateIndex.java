package vn.truongso.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * An index on the due date of Camunda's jobs. Every lesson plan, report and application waits with timers (reminders,
 * escalations), so a province holds hundreds of thousands of jobs due days ahead; Camunda's job acquisition and the
 * backlog gauge ask for those due now ({@code DUEDATE_ is null or DUEDATE_ <= now}) and, without this index, scan the
 * whole table: 418 ms a poll on PostgreSQL at 91 000 jobs (most of it JIT-compiling the scan), 0.06 ms with it
 * (docs/benchmarks.md). Camunda ships no such index; it is created once the engine has made its tables, under the
 * start-up lock, and is a plain index its schema updates leave alone.
 */
@Component
class JobDueDateIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "TS_IDX_JOB_DUEDATE";

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        try (Connection c = configuration.getDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("create index if not exists " + NAME + " on " + table + " (DUEDATE_)");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the index " + NAME + " on " + table, e);
        }
    }
}
