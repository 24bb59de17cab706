package vn.truongso.steps;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;
import vn.truongso.common.Channel;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentView;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;

/** The scan of a step done on paper (e.g. the printed copy the principal signed by hand), linked to its record. */
@Service
@Transactional
public class StepScans {

    private final StepRecordRepository steps;
    private final DocumentService documents;

    StepScans(StepRecordRepository steps, DocumentService documents) {
        this.steps = steps;
        this.documents = documents;
    }

    /**
     * The clerk of the step's organisation attaches the scan; it is stored as a document of the school. 404 for a step
     * of another organisation, 403 for anyone but a clerk, 409 STEP_NOT_ON_PAPER for a step not done on paper.
     */
    public StepHistory.Step attach(Long stepId, DocumentService.Upload upload, CurrentUser user) {
        StepRecord r = steps.findById(stepId).filter(s -> s.getTenantId() != null && user.worksFor(s.getTenantId()))
                .orElseThrow(() -> ApiException.notFound("bước xử lý"));
        if (!user.has(Role.CLERK)) {
            throw ApiException.forbidden();
        }
        if (r.getChannel() != Channel.PAPER) {
            throw ApiException.conflict("STEP_NOT_ON_PAPER",
                    "Chỉ đính kèm bản quét cho bước đã xử lý trên giấy (channel PAPER).");
        }
        String title = "Bản quét: " + (r.getStepName() == null ? r.getStepId() : r.getStepName())
                + (r.getBusinessKey() == null ? "" : " (" + r.getBusinessKey() + ")");
        DocumentView scan = documents.store(upload, title.length() > 500 ? title.substring(0, 500) : title,
                DocumentKind.OTHER, user);
        r.scan(scan.id());
        return StepHistory.view(r);
    }
}
