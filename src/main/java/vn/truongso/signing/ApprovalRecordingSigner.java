package vn.truongso.signing;

import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Until digital signatures are enabled, approvals are recorded without signing — and every status says so, so no
 * one mistakes an approved plan for a signed one.
 */
@Component
class ApprovalRecordingSigner implements DocumentSigner {

    static final String NOTE = "Đã ghi nhận phê duyệt, chưa ký số (chức năng ký số chưa được bật).";

    @Override
    public Outcome sign(UUID documentId, String signerUsername, String role) {
        return new Outcome(false, -1, NOTE);
    }
}
