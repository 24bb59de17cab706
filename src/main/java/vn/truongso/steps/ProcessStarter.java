package vn.truongso.steps;

import java.util.HashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Starts a process the one way every module does: as the person who started it (the engine records them as its
 * initiator, and the step tracking as who submitted it), in the tenant of its {@code tenantId} (the tenant id
 * provider in {@code school} reads it), with the shared variables of {@link ProcessStart}.
 */
@Component
public class ProcessStarter {

    private final RuntimeService runtime;
    private final IdentityService identity;

    ProcessStarter(RuntimeService runtime, IdentityService identity) {
        this.runtime = runtime;
        this.identity = identity;
    }

    /** @return the new process instance's id */
    public String start(ProcessStart start) {
        identity.setAuthenticatedUserId(start.startedBy());
        try {
            return runtime.startProcessInstanceByKey(start.processKey(), start.businessKey(),
                    new HashMap<>(start.variables())).getProcessInstanceId();
        } finally {
            identity.clearAuthentication();
        }
    }
}
