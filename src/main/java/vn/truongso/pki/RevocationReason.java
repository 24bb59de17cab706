package vn.truongso.pki;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;

/**
 * Why a certificate was revoked (RFC 5280 CRLReason), with the Vietnamese words an administrator reads. Only the
 * reasons that fit an end-entity certificate of a school; certificateHold is left out because nothing lifts a hold.
 */
enum RevocationReason {
    UNSPECIFIED(CRLReason.unspecified, "Không nêu lý do"),
    KEY_COMPROMISE(CRLReason.keyCompromise, "Lộ khóa bí mật"),
    AFFILIATION_CHANGED(CRLReason.affiliationChanged, "Chuyển đơn vị công tác"),
    SUPERSEDED(CRLReason.superseded, "Đã cấp chứng thư thay thế"),
    CESSATION_OF_OPERATION(CRLReason.cessationOfOperation, "Ngừng sử dụng"),
    PRIVILEGE_WITHDRAWN(CRLReason.privilegeWithdrawn, "Thu hồi quyền ký");

    private final int code;
    private final String text;

    RevocationReason(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The CRLReason code as it goes into the CRL and the OCSP response. */
    int code() {
        return code;
    }

    String text() {
        return text;
    }

    static Optional<RevocationReason> ofCode(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst();
    }

    /** Accepts KEY_COMPROMISE, key_compromise or keyCompromise. */
    static Optional<RevocationReason> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String flat = name.replace("_", "").replace("-", "").strip();
        return Arrays.stream(values()).filter(r -> r.name().replace("_", "").equalsIgnoreCase(flat)).findFirst();
    }
}
