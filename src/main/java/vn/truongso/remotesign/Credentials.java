package vn.truongso.remotesign;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.truongso.common.ApiException;
import vn.truongso.common.Paging;
import vn.truongso.notification.Notifier;
import vn.truongso.pki.SchoolPki;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;

/**
 * Issuing, importing and administering signing credentials, and TOTP enrolment: the one transactional service the
 * rest of the module goes through. The parts live beside it, as plain objects it calls inside its transactions:
 * {@link Pkcs12Import} (reading and checking an imported key), {@link TotpCodes} (secrets, QR code, code checks) and
 * {@link CredentialKeys} (certificate, key and signatures).
 */
@Service
@Transactional
class Credentials {

    private static final Logger log = LoggerFactory.getLogger(Credentials.class);
    static final EnumSet<Role> SIGNERS = EnumSet.of(Role.TEACHER, Role.HEAD, Role.PRINCIPAL, Role.VICE_PRINCIPAL,
            Role.CLERK);
    private static final int CESSATION_OF_OPERATION = 5;
    /** Wrong codes in a row before the credential locks, and for how long the first lock lasts. */
    static final int MAX_FAILED_CODES = 5;
    static final Duration LOCK_FOR = Duration.ofMinutes(15);

    private final CredentialRepository repo;
    private final MasterKey masterKey;
    private final SchoolPki pki;
    private final UserDirectory users;
    private final Clock clock;
    private final CredentialKeyStore keyStore;
    private final ApplicationEventPublisher events;
    private final Notifier notifier;
    private final CredentialKeys keyMaterial;
    private final Pkcs12Import pkcs12Import;
    private final TotpCodes totp;

    Credentials(CredentialRepository repo, MasterKey masterKey, SchoolPki pki, UserDirectory users, Clock clock,
                OtpClock otpClock, CredentialKeyStore keyStore, ApplicationEventPublisher events, Notifier notifier) {
        this.events = events;
        this.notifier = notifier;
        this.repo = repo;
        this.masterKey = masterKey;
        this.pki = pki;
        this.users = users;
        this.clock = clock;
        this.keyStore = keyStore;
        this.keyMaterial = new CredentialKeys(masterKey, pki, keyStore);
        this.pkcs12Import = new Pkcs12Import(pki, repo, clock);
        this.totp = new TotpCodes(masterKey, clock, otpClock);
    }


    /**
     * A new RSA 2048 key pair and a certificate from the school PKI. Where the key is made and kept follows
     * {@code truongso.remotesign.key-store}: here, stored encrypted (SOFTWARE), or inside the PKCS#11 token, which it
     * never leaves (PKCS11).
     */
    Credential issue(String username, CurrentUser admin) {
        CurrentUser user = signerWithinReach(username, admin);
        requireNoLiveCredential(username);
        boolean inToken = keyStore.forNewKeys() == KeyStorage.PKCS11;
        KeyPair keys = inToken ? keyStore.token().generateRsaKeyPair(2048) : CredentialKeys.newRsaKeyPair();
        X509Certificate cert = pki.issueSigningCertificate(keys.getPublic(), user.fullName(), user.title(),
                user.organisationName());
        return changed(inToken ? storeInToken(username, keys.getPrivate(), cert)
                : store(username, keys.getPrivate(), cert, null), CredentialChanged.Change.ISSUED);
    }

    /**
     * A demo signer the sample PKI has no certificate for (embedded default only, see {@link RemoteSignDemoData}):
     * a key pair made now (kept encrypted here), a certificate from the school PKI, the demo TOTP secret.
     */
    Optional<Credential> issueForDemo(String username, byte[] totpSecret) {
        CurrentUser user = users.find(username).filter(u -> u.roles().stream().anyMatch(SIGNERS::contains))
                .orElse(null);
        if (user == null) {
            return Optional.empty();
        }
        requireNoLiveCredential(username);
        KeyPair keys = CredentialKeys.newRsaKeyPair();
        X509Certificate cert = pki.issueSigningCertificate(keys.getPublic(), user.fullName(), user.title(),
                user.organisationName());
        return Optional.of(changed(store(username, keys.getPrivate(), cert, totpSecret),
                CredentialChanged.Change.ISSUED));
    }

    /**
     * An administrator brings a key and certificate the signer already has, as a PKCS#12 file: kept encrypted like a
     * key made here. The certificate must be the school PKI's, for this person, valid now, not revoked and not
     * already another credential's; the key must be the certificate's.
     */
    Credential importPkcs12(String username, byte[] pkcs12, char[] password, CurrentUser admin) {
        CurrentUser user = signerWithinReach(username, admin);
        Pkcs12Import.Entry entry = Pkcs12Import.read(pkcs12, password);
        pkcs12Import.requireUsable(user, entry.key(), entry.cert());
        requireNoLiveCredential(username);
        return changed(store(username, entry.key(), entry.cert(), null), CredentialChanged.Change.IMPORTED);
    }

    /** Keeps an existing key and certificate (the demo signers' sample ones), encrypted like any other. */
    Credential importExisting(String username, PrivateKey key, X509Certificate cert, byte[] totpSecret) {
        requireNoLiveCredential(username);
        return changed(store(username, key, cert, totpSecret), CredentialChanged.Change.IMPORTED);
    }

    private Credential store(String username, PrivateKey key, X509Certificate cert, byte[] totpSecret) {
        UUID id = UUID.randomUUID();
        Credential c = new Credential(id, username, CredentialKeys.pem(cert), cert.getSerialNumber().toString(16),
                clock.instant());
        byte[] pkcs8 = key.getEncoded();
        try {
            c.setKey(masterKey.seal(pkcs8, Credential.keyAad(id)));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        if (totpSecret != null) {
            c.setTotp(masterKey.seal(totpSecret, Credential.totpAad(id)), null);
        }
        repo.save(c);
        log.info("Remote signing: credential {} for {} (certificate {})", id, username, c.getSerialHex());
        return c;
    }

    /**
     * The token keeps the key under the credential id; should the row then not commit, the key is deleted again so
     * the token holds no key without a credential.
     */
    private Credential storeInToken(String username, PrivateKey key, X509Certificate cert) {
        UUID id = UUID.randomUUID();
        Credential c = new Credential(id, username, CredentialKeys.pem(cert), cert.getSerialNumber().toString(16),
                clock.instant());
        String alias = id.toString();
        c.setKeyInToken(alias);
        Pkcs11Token token = keyStore.token();
        token.store(alias, key, cert);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        log.warn("Remote signing: credential {} was not saved; deleting its key from the token", id);
                        token.delete(alias);
                    }
                }
            });
        }
        repo.save(c);
        log.info("Remote signing: credential {} for {} (certificate {}), key in the PKCS#11 token", id, username,
                c.getSerialHex());
        return c;
    }

    private void requireNoLiveCredential(String username) {
        if (live(username).isPresent()) {
            throw ApiException.conflict("CREDENTIAL_EXISTS",
                    "Người dùng đã có chứng thư ký số còn hiệu lực; hãy thu hồi chứng thư cũ trước.");
        }
    }

    /** The one credential that is not revoked, if any. */
    @Transactional(readOnly = true)
    Optional<Credential> live(String username) {
        return repo.findByUsernameOrderByCreatedAtDesc(username).stream()
                .filter(c -> c.getStatus() != Credential.Status.REVOKED).findFirst();
    }

    @Transactional(readOnly = true)
    List<Credential> all() {
        return repo.findAllByOrderByUsernameAscCreatedAtDesc();
    }

    /** One page of the credentials of the people within the administrator's reach. */
    @Transactional(readOnly = true)
    List<Credential> all(int page, int size, CurrentUser admin) {
        if (Paging.beyondAnyList(page, size)) {
            return List.of();
        }
        return repo.findByUsernameIn(users.usernamesWithin(admin.organisationCode()),
                org.springframework.data.domain.PageRequest.of(page, size,
                org.springframework.data.domain.Sort.by("username").and(org.springframework.data.domain.Sort.by(
                        org.springframework.data.domain.Sort.Direction.DESC, "createdAt")).and(
                        org.springframework.data.domain.Sort.by("id"))));
    }

    @Transactional(readOnly = true)
    List<Credential> of(String username) {
        return repo.findByUsernameOrderByCreatedAtDesc(username);
    }

    Credential suspend(UUID id, CurrentUser admin) {
        Credential c = get(id, admin);
        requireStatus(c, Credential.Status.ACTIVE);
        c.setStatus(Credential.Status.SUSPENDED);
        return changed(c, CredentialChanged.Change.SUSPENDED);
    }

    Credential resume(UUID id, CurrentUser admin) {
        Credential c = get(id, admin);
        if (c.getStatus() == Credential.Status.REVOKED) {
            throw ApiException.conflict("CREDENTIAL_REVOKED", "Chứng thư ký số đã bị thu hồi, không thể khôi phục.");
        }
        c.setStatus(Credential.Status.ACTIVE);
        return changed(c, CredentialChanged.Change.RESUMED);
    }

    /** Final: the certificate goes on the CRL and OCSP answers "revoked" from now on. */
    Credential revoke(UUID id, CurrentUser admin) {
        Credential c = get(id, admin);
        if (c.getStatus() == Credential.Status.REVOKED) {
            throw ApiException.conflict("CREDENTIAL_REVOKED", "Chứng thư ký số đã bị thu hồi trước đó.");
        }
        c.setStatus(Credential.Status.REVOKED);
        pki.revoke(new BigInteger(c.getSerialHex(), 16), CESSATION_OF_OPERATION);
        return changed(c, CredentialChanged.Change.REVOKED);
    }

    /** Tells listeners (the audit trail) what happened to the credential, inside this transaction. */
    private Credential changed(Credential c, CredentialChanged.Change change) {
        events.publishEvent(new CredentialChanged(c.getId(), c.getUsername(), change, c.getSerialHex()));
        return c;
    }

    /** A credential an administrator acts on: its holder must be within the administrator's reach. */
    private Credential get(UUID id, CurrentUser admin) {
        Credential c = repo.findById(id).orElseThrow(() -> ApiException.notFound("chứng thư ký số"));
        requireWithinReach(admin, c.getUsername());
        return c;
    }

    /** The person a credential is issued or imported for: a signer, within the administrator's reach. */
    private CurrentUser signerWithinReach(String username, CurrentUser admin) {
        CurrentUser user = users.find(username).filter(u -> u.roles().stream().anyMatch(SIGNERS::contains))
                .orElseThrow(() -> ApiException.badRequest("CREDENTIAL_NOT_A_SIGNER",
                        "Người dùng không tồn tại hoặc không phải người ký (giáo viên, tổ trưởng, hiệu trưởng, phó hiệu trưởng, văn thư)."));
        requireWithinReach(admin, username);
        return user;
    }

    /** An administrator manages the people of his own organisation and of those below it, nobody else's. */
    private void requireWithinReach(CurrentUser admin, String username) {
        if (!users.within(admin.organisationCode(), username)) {
            throw ApiException.forbidden();
        }
    }

    private static void requireStatus(Credential c, Credential.Status s) {
        if (c.getStatus() != s) {
            throw ApiException.conflict("CREDENTIAL_NOT_ACTIVE", "Chứng thư ký số không ở trạng thái hoạt động.");
        }
    }

    /**
     * A new TOTP secret for the signer's live credential; the only time it leaves the server in clear. The first
     * enrolment needs only the signed-in person; once a secret is enrolled, a new one needs a code from the current
     * one, checked like a signing code ({@link #checkCode}: no replay, counts towards the lock) — the password alone
     * must never hand someone else's key a new second factor. An administrator's {@link #resetTotp} is the way back
     * for a lost phone. Refusals are answered, not thrown, so that the failed attempt and its audit entry commit.
     */
    EnrolOutcome enrol(String username, String currentCode) {
        Credential c = live(username).orElseThrow(Credentials::noCredential);
        boolean reEnrolment = c.totp() != null;
        if (reEnrolment) {
            if (currentCode == null || currentCode.isBlank()) {
                changed(c, CredentialChanged.Change.TOTP_REFUSED);
                return new EnrolOutcome(null, new ApiException(HttpStatus.FORBIDDEN, "TOTP_CURRENT_CODE_REQUIRED",
                        "Bạn đã đăng ký ứng dụng tạo mã OTP. Để đăng ký lại, hãy nhập mã OTP hiện tại trên ứng dụng; "
                                + "nếu mất điện thoại, hãy nhờ quản trị viên đặt lại mã OTP."));
            }
            Optional<ApiException> refusal = checkCode(c, currentCode.strip());
            if (refusal.isPresent()) {
                changed(c, CredentialChanged.Change.TOTP_REFUSED);
                return new EnrolOutcome(null, refusal.get());
            }
        }
        Enrolment enrolment = totp.enrolNew(c, username);
        changed(c, reEnrolment ? CredentialChanged.Change.TOTP_RE_ENROLLED : CredentialChanged.Change.TOTP_ENROLLED);
        notifier.toUser(username, reEnrolment ? "TOTP_CHANGED" : "TOTP_ENROLLED", reEnrolment
                ? "Mã OTP ký số của bạn vừa được đăng ký lại trên một ứng dụng mới; ứng dụng cũ không còn dùng được. "
                        + "Nếu không phải bạn làm, hãy báo ngay quản trị viên."
                : "Bạn vừa đăng ký ứng dụng tạo mã OTP để ký số. Nếu không phải bạn làm, hãy báo ngay quản trị viên.",
                "/api/credentials/me");
        return new EnrolOutcome(enrolment, null);
    }

    /** Either the new enrolment or the refusal to throw once the transaction has committed. */
    record EnrolOutcome(Enrolment enrolment, ApiException refusal) {
    }

    /**
     * An administrator clears a signer's TOTP (lost or stolen phone) so that the signer enrols anew with the password
     * alone, as the first time. Only for people of the administrator's own organisation or one below it.
     */
    Credential resetTotp(UUID id, CurrentUser admin) {
        Credential c = get(id, admin);
        if (c.getStatus() == Credential.Status.REVOKED) {
            throw ApiException.conflict("CREDENTIAL_REVOKED", "Chứng thư ký số đã bị thu hồi.");
        }
        c.clearTotp();
        notifier.toUser(c.getUsername(), "TOTP_RESET", "Quản trị viên " + admin.fullName()
                + " đã đặt lại mã OTP ký số của bạn; hãy đăng ký lại ứng dụng tạo mã OTP trước khi ký. "
                + "Nếu bạn không yêu cầu, hãy báo ngay cho nhà trường.", "/api/credentials/me");
        return changed(c, CredentialChanged.Change.TOTP_RESET);
    }

    record Enrolment(String secret, String otpauthUri) {
        @Override
        public String toString() {
            return "Enrolment[hidden]";
        }
    }

    /** The otpauth URI as a QR code, only within {@link TotpCodes#QR_WINDOW} of enrolment. */
    @Transactional(readOnly = true)
    byte[] qrPng(String username) {
        return totp.qrPng(live(username).orElseThrow(Credentials::noCredential), username);
    }

    static ApiException noCredential() {
        return ApiException.conflict("CREDENTIAL_MISSING",
                "Bạn chưa có chứng thư ký số còn hiệu lực; hãy liên hệ quản trị viên.");
    }

    // ---- key material, in memory only for as long as one signing takes ({@link CredentialKeys}) ----------------

    X509Certificate certificate(Credential c) {
        return keyMaterial.certificate(c);
    }

    List<X509Certificate> chain(Credential c) {
        return keyMaterial.chain(c);
    }

    /**
     * SOFTWARE: the key, decrypted for as long as one signing takes. PKCS11: the token's handle for it (the key
     * itself cannot leave the token).
     */
    PrivateKey privateKey(Credential c) {
        return keyMaterial.privateKey(c);
    }

    /**
     * Signatures over SHA-256 digests with the credential's key, wherever it is: PKCS#1 v1.5 over the DigestInfo for
     * RSA, DER-encoded ECDSA for EC, as the PAdES signer expects. Sign transactions and the CSC API both sign here,
     * after their own checks.
     */
    List<byte[]> sign(Credential c, List<byte[]> sha256Digests) {
        return keyMaterial.sign(c, sha256Digests);
    }

    /**
     * The one check of a signer's code, wherever a code authorises signing: the credential must be able to sign,
     * then {@link TotpCodes#check} (not locked, enrolled, a fresh matching code; a refusal counts towards the lock).
     * The caller commits either way and throws the refusal afterwards, so that failed attempts are remembered.
     *
     * @return the refusal to throw, or empty when the code was accepted
     * @throws ApiException at once when the credential cannot sign at all (nothing to record)
     */
    Optional<ApiException> checkCode(Credential c, String otp) {
        requireCanSign(c);
        return totp.check(c, otp);
    }

    static ApiException notActive() {
        return ApiException.conflict("CREDENTIAL_NOT_ACTIVE",
                "Chứng thư ký số đang bị tạm dừng hoặc đã thu hồi, không thể ký.");
    }
    /** The same as {@link #requireCanSign} without throwing (an exception would mark the caller's transaction). */
    @Transactional(readOnly = true)
    boolean canSign(Credential c) {
        return statusOf(c) == Credential.Status.ACTIVE;
    }

    /**
     * The status a person is shown: REVOKED as soon as the certificate is revoked in the school PKI, even when an
     * administrator revoked it there rather than the credential here.
     */
    @Transactional(readOnly = true)
    Credential.Status statusOf(Credential c) {
        return c.getStatus() != Credential.Status.REVOKED && pki.revoked(new BigInteger(c.getSerialHex(), 16))
                ? Credential.Status.REVOKED : c.getStatus();
    }

    /**
     * Whether this credential may sign at all: active, and its certificate not revoked in the school PKI (an
     * administrator may revoke the certificate there rather than the credential here).
     *
     * @throws ApiException 409 CREDENTIAL_NOT_ACTIVE or CERTIFICATE_REVOKED
     */
    void requireCanSign(Credential c) {
        if (c.getStatus() != Credential.Status.ACTIVE) {
            throw notActive();
        }
        if (pki.revoked(new BigInteger(c.getSerialHex(), 16))) {
            throw ApiException.conflict("CERTIFICATE_REVOKED",
                    "Chứng thư số của bạn đã bị thu hồi trong hệ thống PKI của trường, không thể ký; "
                            + "hãy liên hệ quản trị viên để được cấp chứng thư mới.");
        }
    }
}
