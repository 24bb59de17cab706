package vn.truongso.report;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;

/** What the steps of the two report models share: links, recipients, the document's holder, cross-tenant messages. */
final class ReportProcesses {

    static final String REPORT_TYPE_CODE = "BC";

    private ReportProcesses() {
    }

    static String link(UUID campaignId) {
        return "/api/report-campaigns/" + campaignId;
    }

    static List<String> schoolStaff(String schoolCode) {
        return List.of(Groups.role(schoolCode, Role.CLERK), Groups.role(schoolCode, Role.PRINCIPAL));
    }

    /** How a school's report process is named as the holder of its document. */
    static String holder(SchoolReport row) {
        return "SCHOOL_REPORT:" + row.getId();
    }

    static UUID campaignId(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable("campaignId"));
    }

    /**
     * The campaign runs in the office's tenant and each school's report in the school's: they message each other
     * across tenants. The job executor runs a job authenticated as the job's own tenant, so the engine's tenant check
     * would hide the other side; it is lifted for this one correlation (by process instance id, known to be ours).
     */
    static void acrossTenants(Runnable correlation) {
        org.camunda.bpm.engine.impl.interceptor.CommandContext context =
                org.camunda.bpm.engine.impl.context.Context.getCommandContext();
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
