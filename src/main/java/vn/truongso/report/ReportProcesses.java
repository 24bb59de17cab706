package vn.truongso.report;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;

/** What the steps of the two report models share: links, recipients, the document's holder. */
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
}
