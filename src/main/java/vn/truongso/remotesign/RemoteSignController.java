package vn.truongso.remotesign;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.common.ApiException;
import vn.truongso.common.Paging;
import vn.truongso.common.VietnamTime;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;

/**
 * Credentials (administrators issue, suspend, resume, revoke; a signer sees their own and enrols TOTP) and the
 * signer's sign transactions. No answer ever holds a private key; the TOTP secret only in the enrolment answer.
 */
@RestController
class RemoteSignController {

    private final Credentials credentials;
    private final SignTransactions transactions;
    private final UserDirectory users;

    RemoteSignController(Credentials credentials, SignTransactions transactions, UserDirectory users) {
        this.credentials = credentials;
        this.transactions = transactions;
        this.users = users;
    }

    record CredentialView(UUID id, String username, String status, String serial, String subject,
                          OffsetDateTime notBefore, OffsetDateTime notAfter, OffsetDateTime createdAt,
                          boolean totpEnrolled, int failedAttempts, OffsetDateTime lockedUntil, String certificatePem,
                          String keyStore) {
    }

    record IssueRequest(String username) {
    }

    record OtpRequest(String otp) {
    }

    record RejectRequest(String reason) {
    }

    record ItemView(String label, String sha256, String signatureValue) {
    }

    record TransactionView(UUID id, String username, String status, String reason, String displayText,
                           OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime decidedAt,
                           String rejectReason, List<ItemView> items) {
    }

    // ---- administrators ------------------------------------------------------------------------------------------

    @PostMapping("/api/admin/credentials")
    @ResponseStatus(HttpStatus.CREATED)
    CredentialView issue(@RequestBody IssueRequest body) {
        requireAdmin();
        if (body == null || body.username() == null || body.username().isBlank()) {
            throw ApiException.badRequest("MISSING_FIELD", "Thiếu trường bắt buộc: username");
        }
        return view(credentials.issue(body.username().strip(), users.current()));
    }

    /** A signer's existing PKCS#12 (key and school-PKI certificate), kept encrypted from then on. */
    @PostMapping(value = "/api/admin/credentials/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    CredentialView importPkcs12(@RequestParam String username, @RequestParam("file") MultipartFile file,
                                @RequestParam String password) throws java.io.IOException {
        requireAdmin();
        if (file.isEmpty() || file.getSize() > 64 * 1024) {
            throw ApiException.badRequest("PKCS12_INVALID", "Tệp PKCS#12 trống hoặc quá lớn (tối đa 64 KB).");
        }
        return view(credentials.importPkcs12(username.strip(), file.getBytes(), password.toCharArray(), users.current()));
    }

    /** A plain JSON array as before, one page of it (by username): {@code size} ≤ 200. */
    @GetMapping("/api/admin/credentials")
    List<CredentialView> all(@RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "200") int size) {
        requireAdmin();
        Paging.check(page, size);
        return credentials.all(page, size, users.current()).stream().map(this::view).toList();
    }

    @PostMapping("/api/admin/credentials/{id}/suspend")
    CredentialView suspend(@PathVariable UUID id) {
        requireAdmin();
        return view(credentials.suspend(id, users.current()));
    }

    @PostMapping("/api/admin/credentials/{id}/resume")
    CredentialView resume(@PathVariable UUID id) {
        requireAdmin();
        return view(credentials.resume(id, users.current()));
    }

    @PostMapping("/api/admin/credentials/{id}/revoke")
    CredentialView revoke(@PathVariable UUID id) {
        requireAdmin();
        return view(credentials.revoke(id, users.current()));
    }

    /** Clears a signer's TOTP (lost phone) so that they enrol anew; the signer is told. */
    @PostMapping("/api/admin/credentials/{id}/totp/reset")
    CredentialView resetTotp(@PathVariable UUID id) {
        requireAdmin();
        return view(credentials.resetTotp(id, users.current()));
    }

    // ---- the signer ----------------------------------------------------------------------------------------------

    /** Every credential of mine, the live one first. */
    @GetMapping("/api/credentials/me")
    List<CredentialView> mine() {
        return credentials.of(users.current().username()).stream().map(this::view).toList();
    }

    /**
     * Enrols an authenticator app. Once one is enrolled, changing it needs its current code ({@code {"otp": "…"}}) or
     * an administrator's reset.
     */
    @PostMapping("/api/credentials/me/totp")
    Credentials.Enrolment enrol(@RequestBody(required = false) OtpRequest body) {
        Credentials.EnrolOutcome outcome = credentials.enrol(users.current().username(),
                body == null ? null : body.otp());
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.enrolment();
    }

    @GetMapping(value = "/api/credentials/me/totp/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                .body(credentials.qrPng(users.current().username()));
    }

    /** A plain JSON array as before, one page of it (newest first): {@code size} ≤ 200. */
    @GetMapping("/api/sign-transactions")
    List<TransactionView> transactions(@RequestParam(required = false) SignTransactionStatus status,
                                       @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "100") int size) {
        Paging.check(page, size);
        return transactions.mine(users.current().username(), status, page, size).stream().map(this::view).toList();
    }

    @GetMapping("/api/sign-transactions/{id}")
    TransactionView transaction(@PathVariable UUID id) {
        return view(transactions.get(users.current().username(), id));
    }

    @PostMapping("/api/sign-transactions/{id}/confirm")
    TransactionView confirm(@PathVariable UUID id, @RequestBody OtpRequest body) {
        return view(transactions.confirm(users.current().username(), id, body == null ? null : body.otp()));
    }

    @PostMapping("/api/sign-transactions/{id}/reject")
    TransactionView reject(@PathVariable UUID id, @RequestBody(required = false) RejectRequest body) {
        return view(transactions.reject(users.current().username(), id, body == null ? null : body.reason()));
    }

    private void requireAdmin() {
        CurrentUser me = users.current();
        if (!me.has(Role.ADMIN)) {
            throw ApiException.forbidden();
        }
    }

    private CredentialView view(Credential c) {
        var cert = credentials.certificate(c);
        return new CredentialView(c.getId(), c.getUsername(), credentials.statusOf(c).name(), c.getSerialHex(),
                org.bouncycastle.asn1.x500.X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).toString(),
                VietnamTime.of(cert.getNotBefore()), VietnamTime.of(cert.getNotAfter()), VietnamTime.of(c.getCreatedAt()),
                c.totp() != null, c.getFailedAttempts(), VietnamTime.of(c.getLockedUntil()), c.getCertificatePem(),
                c.getKeyStore().name());
    }

    private TransactionView view(SignTransaction t) {
        return new TransactionView(t.getId(), t.getUsername(), t.statusAt(transactions.now()).name(), t.getReason(),
                t.getDisplayText(), VietnamTime.of(t.getCreatedAt()), VietnamTime.of(t.getExpiresAt()),
                VietnamTime.of(t.getDecidedAt()), t.getRejectReason(), t.getItems().stream()
                        .map(i -> new ItemView(i.getLabel(), i.getSha256(), i.getSignatureValue())).toList());
    }
}
