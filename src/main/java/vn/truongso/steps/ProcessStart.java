package vn.truongso.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a module starts a process with: its key, business key, the person who starts it, the organisation it runs
 * for and how the inbox shows it (the shared variables of bpmn/README.md), plus the process's own variables.
 * Started by {@link ProcessStarter#start}.
 */
public final class ProcessStart {

    private final String processKey;
    private final String businessKey;
    private final String startedBy;
    private final Map<String, Object> variables = new LinkedHashMap<>();

    private ProcessStart(String processKey, String businessKey, String startedBy) {
        this.processKey = Objects.requireNonNull(processKey, "processKey");
        this.businessKey = Objects.requireNonNull(businessKey, "businessKey");
        this.startedBy = Objects.requireNonNull(startedBy, "startedBy");
    }

    /**
     * @param businessKey the id of what the process is about (a plan, an application, …)
     * @param startedBy   the username the engine records as having started it (the initiator of its history)
     * @param tenantId    the school's or office's code: the instance's tenant
     * @param displayTitle what the inbox calls it
     */
    public static ProcessStart of(String processKey, String businessKey, String startedBy, String tenantId,
                                  String displayTitle) {
        return new ProcessStart(processKey, businessKey, startedBy)
                .with(ProcessVariables.TENANT_ID, Objects.requireNonNull(tenantId, "tenantId"))
                .with(ProcessVariables.DISPLAY_TITLE, Objects.requireNonNull(displayTitle, "displayTitle"));
    }

    /** Who asked, as the inbox shows it. */
    public ProcessStart requester(String name) {
        return with(ProcessVariables.REQUESTER_NAME, Objects.requireNonNull(name, "requesterName"));
    }

    /** The document the process is about. */
    public ProcessStart document(Object documentId) {
        return with(ProcessVariables.DOCUMENT_ID, Objects.requireNonNull(documentId, "documentId").toString());
    }

    /** Who submitted the document: the inbox keeps its reviews away from them. */
    public ProcessStart submitter(String username) {
        return with(ProcessVariables.SUBMITTER, Objects.requireNonNull(username, "submitter"));
    }

    /** One of the process's own start variables (a model's comment lists them). */
    public ProcessStart with(String name, Object value) {
        variables.put(name, value);
        return this;
    }

    public String processKey() {
        return processKey;
    }

    public String businessKey() {
        return businessKey;
    }

    public String startedBy() {
        return startedBy;
    }

    /** Every start variable, shared and own. */
    public Map<String, Object> variables() {
        return java.util.Collections.unmodifiableMap(variables);
    }
}
