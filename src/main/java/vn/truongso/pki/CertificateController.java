package vn.truongso.pki;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.common.ApiException;
import vn.truongso.common.VietnamTime;
import vn.truongso.pki.PkiService.CertificateInfo;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;

/** Administrators see every certificate of the school PKI and revoke them. Never a key, never a password. */
@RestController
@RequestMapping("/api/pki/certificates")
class CertificateController {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{1,40}");

    private final PkiService pki;
    private final UserDirectory users;

    CertificateController(PkiService pki, UserDirectory users) {
        this.pki = pki;
        this.users = users;
    }

    /**
     * @param serial   lower-case hex, as in the revoke URL
     * @param kind     ROOT_CA, ISSUING_CA, SIGNER, TSA or OCSP
     * @param username the demo user a signer's certificate belongs to, if any
     * @param status   GOOD or REVOKED
     */
    record CertificateView(String serial, String kind, String username, String subject, String commonName,
                           String issuer, OffsetDateTime notBefore, OffsetDateTime notAfter, String status,
                           OffsetDateTime revokedAt, String reason, String reasonText) {
    }

    /** Body of a revocation; without a reason it is UNSPECIFIED. */
    record RevokeRequest(String reason) {
    }

    @GetMapping
    List<CertificateView> list() {
        requireAdmin();
        return pki.certificates().stream().map(CertificateController::view).toList();
    }

    @PostMapping("/{serialHex}/revoke")
    CertificateView revoke(@PathVariable String serialHex, @RequestBody(required = false) RevokeRequest body) {
        CurrentUser admin = requireAdmin();
        if (!HEX.matcher(serialHex).matches()) {
            throw ApiException.badRequest("PKI_SERIAL_INVALID",
                    "Số hiệu chứng thư phải là chuỗi thập lục phân (hex), tối đa 40 ký tự.");
        }
        RevocationReason reason = RevocationReason.UNSPECIFIED;
        if (body != null && body.reason() != null && !body.reason().isBlank()) {
            reason = RevocationReason.parse(body.reason()).orElseThrow(() -> ApiException.badRequest(
                    "PKI_REASON_INVALID", "Lý do thu hồi không hợp lệ. Chọn một trong: "
                            + String.join(", ", Arrays.stream(RevocationReason.values()).map(Enum::name).toList())
                            + "."));
        }
        return view(pki.revoke(new BigInteger(serialHex, 16), reason, admin.username()));
    }

    private CurrentUser requireAdmin() {
        CurrentUser me = users.current();
        if (!me.has(Role.ADMIN)) {
            throw ApiException.forbidden();
        }
        return me;
    }

    private static CertificateView view(CertificateInfo info) {
        X509Certificate c = info.issued().certificate();
        X500Name subject = X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
        X500Name issuer = X500Name.getInstance(c.getIssuerX500Principal().getEncoded());
        return new CertificateView(RevocationStore.hex(c.getSerialNumber()), info.issued().kind().name(),
                info.issued().username(), subject.toString(), commonName(subject), issuer.toString(),
                VietnamTime.of(c.getNotBefore()), VietnamTime.of(c.getNotAfter()),
                info.revocation().isPresent() ? "REVOKED" : "GOOD",
                info.revocation().map(r -> VietnamTime.of(r.revokedAt())).orElse(null),
                info.revocation().map(r -> r.reason().name()).orElse(null),
                info.revocation().map(r -> r.reason().text()).orElse(null));
    }

    private static String commonName(X500Name name) {
        RDN[] cn = name.getRDNs(BCStyle.CN);
        return cn.length == 0 ? null : ((ASN1String) cn[0].getFirst().getValue()).getString();
    }
}
