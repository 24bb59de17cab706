package vn.truongso.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.camunda.bpm.engine.management.Metrics;
import org.springframework.stereotype.Component;

/**
 * The job executor in Micrometer: Camunda counts its jobs in its own metrics registry, which it empties into the
 * database every 15 minutes (ACT_RU_METER_LOG), so reading it would give counts that drop. This plugin installs a
 * registry that also adds every job occurrence to a Micrometer counter of this node, which only grows; plus the
 * backlog, the jobs due now that no one runs yet (a database count, the same on every node).
 */
@Component
class JobMetrics extends AbstractProcessEnginePlugin {

    private final MeterRegistry meters;
    /** Camunda's metric name → our counter. */
    private final Map<String, Counter> counters;

    JobMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.counters = Map.of(
                Metrics.JOB_ACQUISITION_ATTEMPT, counter(meters, "truongso.jobs.acquisitions",
                        "Times the job executor looked for due jobs"),
                Metrics.JOB_ACQUIRED_SUCCESS, counter(meters, "truongso.jobs.acquired",
                        "Jobs the job executor took to run"),
                Metrics.JOB_ACQUIRED_FAILURE, counter(meters, "truongso.jobs.acquired.lost",
                        "Jobs the job executor tried to take but another node took first"),
                Metrics.JOB_EXECUTION_REJECTED, counter(meters, "truongso.jobs.rejected",
                        "Jobs taken but not run now: the executor's queue was full"),
                Metrics.JOB_SUCCESSFUL, counter(meters, "truongso.jobs.executed", "Jobs that ran successfully"),
                Metrics.JOB_FAILED, counter(meters, "truongso.jobs.failed",
                        "Job runs that failed (each retry counts)"));
    }

    private static Counter counter(MeterRegistry meters, String name, String description) {
        return Counter.builder(name).description(description).register(meters);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setMetricsRegistry(new Mirrored(counters));
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ManagementService management = engine.getManagementService();
        Gauge.builder("truongso.jobs.backlog", management,
                        m -> m.createJobQuery().executable().active().count())
                .description("Jobs due now and not yet run (the whole cluster's)")
                .strongReference(true)
                .register(meters);
    }

    /** Camunda's registry, unchanged, that also counts the job occurrences in Micrometer. */
    static final class Mirrored extends MetricsRegistry {

        private final Map<String, Counter> counters;

        Mirrored(Map<String, Counter> counters) {
            this.counters = counters;
        }

        /** Every markOccurrence ends here (the one-argument form calls this one). */
        @Override
        public void markOccurrence(String name, long times) {
            super.markOccurrence(name, times);
            Counter c = counters.get(name);
            if (c != null) {
                c.increment(times);
            }
        }
    }
}
