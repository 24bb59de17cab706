package vn.truongso.report;

import static vn.truongso.steps.ProcessVariables.DOCUMENT_ID;
import static vn.truongso.steps.ProcessVariables.SUBMITTER;

import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import vn.truongso.common.ApiException;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentView;
import vn.truongso.inbox.TaskInputs;
import vn.truongso.school.CurrentUser;

/**
 * The clerk's "Chuẩn bị báo cáo" takes {@code inputs: {documentId}}: a PDF of the school, kind REPORT, already
 * uploaded through POST /api/documents. After a return (by the principal or the office) it is the same document with
 * a newer version (POST /api/documents/{id}/versions); the documentId may then be left out.
 */
@Component
class ReportTaskInputs implements TaskInputs {

    static final String PROCESS_KEY = "schoolReport";
    static final String PREPARE_TASK = "prepare";

    private final RuntimeService runtime;
    private final DocumentService documents;
    private final SchoolReportRepository rows;

    ReportTaskInputs(RuntimeService runtime, DocumentService documents, SchoolReportRepository rows) {
        this.runtime = runtime;
        this.documents = documents;
        this.rows = rows;
    }

    @Override
    public boolean handles(String processKey, String taskKey) {
        return PROCESS_KEY.equals(processKey) && PREPARE_TASK.equals(taskKey);
    }

    @Override
    public Map<String, Object> check(String processInstanceId, String taskKey, String decision,
                                     Map<String, Object> inputs, CurrentUser user) {
        String school = (String) runtime.getVariable(processInstanceId, "schoolCode");
        UUID campaignId = UUID.fromString((String) runtime.getVariable(processInstanceId, "campaignId"));
        SchoolReport row = rows.findByCampaignIdAndSchoolCode(campaignId, school).orElseThrow();
        for (String key : inputs.keySet()) {
            if (!DOCUMENT_ID.equals(key)) {
                throw ApiException.badRequest("INPUTS_NOT_ACCEPTED",
                        "Việc \"Chuẩn bị báo cáo\" chỉ nhận documentId (báo cáo đã tải lên); không nhận " + key + ".");
            }
        }
        Object given = inputs.get(DOCUMENT_ID);
        UUID documentId;
        if (given == null || given.toString().isBlank()) {
            if (row.getDocumentId() == null) {
                throw ApiException.badRequest("REPORT_DOCUMENT_REQUIRED", "Vui lòng tải lên tệp PDF báo cáo "
                        + "(POST /api/documents, kind REPORT) rồi gửi kèm inputs: {\"documentId\": \"…\"}.");
            }
            documentId = row.getDocumentId();
        } else {
            try {
                documentId = UUID.fromString(given.toString().strip());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("REPORT_DOCUMENT_INVALID", "Mã văn bản (documentId) không hợp lệ.");
            }
        }
        DocumentView doc = documents.get(documentId, user);
        if (!school.equals(doc.organisationCode())) {
            throw ApiException.badRequest("REPORT_DOCUMENT_NOT_SCHOOLS",
                    "Báo cáo phải là văn bản do trường mình tải lên.");
        }
        if (doc.kind() != DocumentKind.REPORT) {
            throw ApiException.badRequest("DOCUMENT_KIND_MISMATCH", "Văn bản này không phải báo cáo (loại REPORT).");
        }
        if (row.getDocumentId() != null && !row.getDocumentId().equals(documentId)) {
            throw ApiException.badRequest("REPORT_DOCUMENT_CHANGED", "Báo cáo đã chỉnh sửa phải là phiên bản mới của "
                    + "cùng văn bản (POST /api/documents/" + row.getDocumentId() + "/versions), không phải văn bản khác.");
        }
        Integer returned = row.getReturnedAtVersion();
        if (returned != null && doc.version() <= returned) {
            throw ApiException.conflict("REVISION_MISSING", "Vui lòng tải lên bản báo cáo đã chỉnh sửa (POST "
                    + "/api/documents/" + documentId + "/versions) trước khi trình ký lại.");
        }
        // The clerk who handed it over must not be the one who approves it (a clerk who is also principal).
        return Map.of(DOCUMENT_ID, documentId.toString(), SUBMITTER, user.username());
    }
}
