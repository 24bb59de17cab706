package vn.truongso.school;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Where the engine's tenancy (one tenant per school or office, see {@link CamundaIdentity}) is deliberately crossed.
 * The one place a process module lifts the tenant check, so none of them touches the engine's internals.
 */
public final class Tenancy {

    private Tenancy() {
    }

    /**
     * Runs a message correlation that reaches an instance of another organisation (an office's campaign and a
     * school's report message each other). The job executor runs a job authenticated as the job's own tenant, so the
     * engine's tenant check would hide the other side; it is lifted for this one call, inside the engine command
     * that is running. Correlate by process instance id (known to be the caller's own partner), never by a search.
     */
    public static void acrossTenants(Runnable correlation) {
        CommandContext context = Context.getCommandContext();
        if (context == null || !context.isTenantCheckEnabled()) {
            correlation.run();
            return;
        }
        context.disableTenantCheck();
        try {
            correlation.run();
        } finally {
            context.enableTenantCheck();
        }
    }
}
