package vn.truongso.remotesign;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
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
import vn.truongso.common.VietnamTime;
import vn.truongso.notification.Notifier;
import vn.truongso.pki.SchoolPki;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;
import vn.truongso.signing.KeyPairSignatureProvider;
import vn.truongso.signing.SignatureValueProvider;

/** Issuing, importing and administering signing credentials, and TOTP enrolment. */
@Service
@Transactional
class Credentials {

    private static final java.security.Provider BOUNCY_CASTLE = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private static final Logger log = LoggerFactory.getLogger(Credentials.class);
    static final EnumSet<Role> SIGNERS = EnumSet.of(Role.TEACHER, Role.HEAD, Role.PRINCIPAL, Role.VICE_PRINCIPAL,
            Role.CLERK);
    /** The QR code (which carries the secret) is offered only briefly after enrolment. */
    static final Duration QR_WINDOW = Duration.ofMinutes(10);
    private static final int CESSATION_OF_OPERATION = 5;
    static final int MAX_FAILED_CODES = 5;
    static final Duration LOCK_FOR = Duration.ofMinutes(15);

    private final CredentialRepository repo;
    private final MasterKey masterKey;
    private final SchoolPki pki;
    private final UserDirectory users;
    private final Clock clock;
    private final OtpClock otpClock;
    private final CredentialKeyStore keyStore;
    private final ApplicationEventPublisher events;
    private final Notifier notifier;

    Credentials(CredentialRepository repo, MasterKey masterKey, SchoolPki pki, UserDirectory users, Clock clock,
                OtpClock otpClock, CredentialKeyStore keyStore, ApplicationEventPublisher events, Notifier notifier) {
        this.events = events;
        this.notifier = notifier;
        this.repo = repo;
        this.masterKey = masterKey;
        this.pki = pki;
        this.users = users;
        this.clock = clock;
        this.otpClock = otpClock;
        this.keyStore = keyStore;
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
        KeyPair keys = inToken ? keyStore.token().generateRsaKeyPair(2048) : newRsaKeyPair();
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
        KeyPair keys = newRsaKeyPair();
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
        PrivateKey key = null;
        X509Certificate cert = null;
        try {
            // Bouncy Castle's keystore, named: the JDK's refuses any password that is not ASCII ("mật khẩu"), and
            // which one "PKCS12" finds would depend on the order in which libraries registered their providers.
            KeyStore store = KeyStore.getInstance("PKCS12", BOUNCY_CASTLE);
            store.load(new ByteArrayInputStream(pkcs12), password);
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    if (key != null) {
                        throw ApiException.badRequest("PKCS12_INVALID",
                                "Tệp PKCS#12 phải chứa đúng một khóa bí mật kèm chứng thư.");
                    }
                    key = (PrivateKey) store.getKey(alias, password);
                    cert = (X509Certificate) store.getCertificate(alias);
                }
            }
        } catch (IOException | GeneralSecurityException | ClassCastException | IllegalArgumentException
                 | IllegalStateException | StackOverflowError e) {
            // Bouncy Castle's ASN.1 reader recurses once per nesting level and has no depth limit on this path: a
            // few kilobytes of nested indefinite lengths overflow the stack. The overflow unwinds here, nothing held.
            throw ApiException.badRequest("PKCS12_INVALID",
                    "Không đọc được tệp PKCS#12 (tệp hỏng hoặc sai mật khẩu).");
        } finally {
            Arrays.fill(password, '\0');
        }
        if (key == null || cert == null) {
            throw ApiException.badRequest("PKCS12_INVALID", "Tệp PKCS#12 phải chứa đúng một khóa bí mật kèm chứng thư.");
        }
        requireUsable(user, key, cert);
        requireNoLiveCredential(username);
        return changed(store(username, key, cert, null), CredentialChanged.Change.IMPORTED);
    }

    private void requireUsable(CurrentUser user, PrivateKey key, X509Certificate cert) {
        try {
            cert.verify(pki.issuingCertificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            throw ApiException.badRequest("CERTIFICATE_NOT_FROM_SCHOOL_PKI",
                    "Chứng thư không do CA của trường cấp; chỉ nhập được chứng thư của hệ thống PKI trường.");
        }
        try {
            cert.checkValidity(java.util.Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            throw ApiException.badRequest("CERTIFICATE_NOT_VALID", "Chứng thư đã hết hạn hoặc chưa có hiệu lực.");
        }
        String cn = org.bouncycastle.asn1.x500.X500Name.getInstance(cert.getSubjectX500Principal().getEncoded())
                .getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN)[0].getFirst().getValue().toString();
        if (!cn.equals(user.fullName())) {
            throw ApiException.badRequest("CERTIFICATE_SUBJECT_MISMATCH",
                    "Chứng thư mang tên \"" + cn + "\", không phải của " + user.fullName() + ".");
        }
        if (revoked(cert)) {
            throw ApiException.badRequest("CERTIFICATE_REVOKED", "Chứng thư đã bị thu hồi.");
        }
        String serial = cert.getSerialNumber().toString(16);
        if (repo.findAllByOrderByUsernameAscCreatedAtDesc().stream()
                .anyMatch(c -> c.getStatus() != Credential.Status.REVOKED && c.getSerialHex().equals(serial))) {
            throw ApiException.conflict("CERTIFICATE_IN_USE", "Chứng thư này đang thuộc một chứng thư ký số khác.");
        }
        byte[] probe = new byte[32];
        byte[] value = new KeyPairSignatureProvider(key, List.of(cert)).signDigest(probe);
        if (!verifies(cert, probe, value)) {
            throw ApiException.badRequest("PKCS12_KEY_MISMATCH", "Khóa bí mật không khớp với chứng thư trong tệp.");
        }
    }

    private boolean revoked(X509Certificate cert) {
        try {
            return CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(pki.crl())).isRevoked(cert);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The school CRL is unreadable", e);
        }
    }

    private static boolean verifies(X509Certificate cert, byte[] digest, byte[] value) {
        try {
            if ("RSA".equals(cert.getPublicKey().getAlgorithm())) {
                javax.crypto.Cipher rsa = javax.crypto.Cipher.getInstance("RSA/ECB/PKCS1Padding");
                rsa.init(javax.crypto.Cipher.DECRYPT_MODE, cert.getPublicKey());
                byte[] info = rsa.doFinal(value);
                return Arrays.equals(Arrays.copyOfRange(info, info.length - digest.length, info.length), digest);
            }
            java.security.Signature ec = java.security.Signature.getInstance("NONEwithECDSA");
            ec.initVerify(cert.getPublicKey());
            ec.update(digest);
            return ec.verify(value);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Keeps an existing key and certificate (the demo signers' sample ones), encrypted like any other. */
    Credential importExisting(String username, PrivateKey key, X509Certificate cert, byte[] totpSecret) {
        requireNoLiveCredential(username);
        return changed(store(username, key, cert, totpSecret), CredentialChanged.Change.IMPORTED);
    }

    private Credential store(String username, PrivateKey key, X509Certificate cert, byte[] totpSecret) {
        UUID id = UUID.randomUUID();
        Credential c = new Credential(id, username, pem(cert), cert.getSerialNumber().toString(16), clock.instant());
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
        Credential c = new Credential(id, username, pem(cert), cert.getSerialNumber().toString(16), clock.instant());
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
        byte[] secret = Totp.newSecret();
        try {
            c.setTotp(masterKey.seal(secret, Credential.totpAad(c.getId())), clock.instant());
            changed(c, reEnrolment ? CredentialChanged.Change.TOTP_RE_ENROLLED : CredentialChanged.Change.TOTP_ENROLLED);
            notifier.toUser(username, reEnrolment ? "TOTP_CHANGED" : "TOTP_ENROLLED", reEnrolment
                    ? "Mã OTP ký số của bạn vừa được đăng ký lại trên một ứng dụng mới; ứng dụng cũ không còn dùng được. "
                            + "Nếu không phải bạn làm, hãy báo ngay quản trị viên."
                    : "Bạn vừa đăng ký ứng dụng tạo mã OTP để ký số. Nếu không phải bạn làm, hãy báo ngay quản trị viên.",
                    "/api/credentials/me");
            return new EnrolOutcome(new Enrolment(Totp.base32(secret), otpauthUri(username, Totp.base32(secret))), null);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
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

    /** The otpauth URI as a QR code, only within {@link #QR_WINDOW} of enrolment. */
    @Transactional(readOnly = true)
    byte[] qrPng(String username) {
        Credential c = live(username).orElseThrow(Credentials::noCredential);
        Instant at = c.getTotpEnrolledAt();
        if (c.totp() == null || at == null || clock.instant().isAfter(at.plus(QR_WINDOW))) {
            throw ApiException.conflict("TOTP_QR_UNAVAILABLE",
                    "Mã QR chỉ hiển thị trong 10 phút sau khi đăng ký mã OTP; hãy đăng ký lại.");
        }
        byte[] secret = masterKey.open(c.totp(), Credential.totpAad(c.getId()));
        try {
            var matrix = new QRCodeWriter().encode(otpauthUri(username, Totp.base32(secret)), BarcodeFormat.QR_CODE,
                    320, 320);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("Cannot render the QR code", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    static String otpauthUri(String username, String base32Secret) {
        return "otpauth://totp/TruongSo:" + URLEncoder.encode(username, StandardCharsets.UTF_8).replace("+", "%20")
                + "?secret=" + base32Secret + "&issuer=TruongSo&algorithm=SHA1&digits=" + Totp.DIGITS
                + "&period=" + Totp.PERIOD_SECONDS;
    }

    static ApiException noCredential() {
        return ApiException.conflict("CREDENTIAL_MISSING",
                "Bạn chưa có chứng thư ký số còn hiệu lực; hãy liên hệ quản trị viên.");
    }

    // ---- key material, in memory only for as long as one signing takes ----------------------------------------

    X509Certificate certificate(Credential c) {
        try {
            String b64 = c.getCertificatePem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    List<X509Certificate> chain(Credential c) {
        return List.of(certificate(c), pki.issuingCertificate(), pki.rootCertificate());
    }

    /**
     * SOFTWARE: the key, decrypted for as long as one signing takes. PKCS11: the token's handle for it (the key
     * itself cannot leave the token).
     */
    PrivateKey privateKey(Credential c) {
        if (c.getKeyStore() == KeyStorage.PKCS11) {
            return keyStore.token().privateKey(c.getKeyAlias());
        }
        byte[] pkcs8 = masterKey.open(c.key(), Credential.keyAad(c.getId()));
        try {
            return KeyFactory.getInstance(certificate(c).getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the credential's key", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * Signatures over SHA-256 digests with the credential's key, wherever it is: PKCS#1 v1.5 over the DigestInfo for
     * RSA, DER-encoded ECDSA for EC, as the PAdES signer expects. A software key is decrypted for these signatures
     * only; a token key signs inside its PKCS#11 token. Sign transactions and the CSC API both sign here, after their
     * own checks.
     */
    List<byte[]> sign(Credential c, List<byte[]> sha256Digests) {
        SignatureValueProvider provider = signer(c);
        return sha256Digests.stream().map(provider::signDigest).toList();
    }

    private SignatureValueProvider signer(Credential c) {
        List<X509Certificate> chain = List.of(certificate(c));
        if (c.getKeyStore() == KeyStorage.PKCS11) {
            Pkcs11Token token = keyStore.token();
            return new KeyPairSignatureProvider(token.privateKey(c.getKeyAlias()), chain, token.provider());
        }
        return new KeyPairSignatureProvider(privateKey(c), chain);
    }

    /**
     * The one check of a signer's code, wherever a code authorises signing: the credential must be active, not
     * locked and enrolled; the code must match a time step within one of now and be newer than the last one used.
     * Accepting records the step (no replay); refusing counts towards the lock. The caller commits either way and
     * throws the refusal afterwards, so that failed attempts are remembered.
     *
     * @return the refusal to throw, or empty when the code was accepted
     * @throws ApiException at once when the credential cannot sign at all (nothing to record)
     */
    Optional<ApiException> checkCode(Credential c, String otp) {
        Instant now = clock.instant();
        requireCanSign(c);
        if (c.lockedAt(now)) {
            throw locked(c.getLockedUntil());
        }
        if (c.totp() == null) {
            throw ApiException.conflict("TOTP_NOT_ENROLLED", "Bạn chưa đăng ký ứng dụng tạo mã OTP.");
        }
        byte[] secret = masterKey.open(c.totp(), Credential.totpAad(c.getId()));
        long step;
        try {
            step = Totp.matchingStep(secret, otp, Totp.step(otpClock.now().getEpochSecond()));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        boolean replay = step >= 0 && c.getLastUsedTotpStep() != null && step <= c.getLastUsedTotpStep();
        if (step < 0 || replay) {
            if (c.failedAttempt(now, MAX_FAILED_CODES, LOCK_FOR)) {
                log.info("Remote signing: credential {} locked until {} after {} wrong codes", c.getId(),
                        c.getLockedUntil(), MAX_FAILED_CODES);
                return Optional.of(locked(c.getLockedUntil()));
            }
            return Optional.of(replay
                    ? new ApiException(HttpStatus.BAD_REQUEST, "OTP_REUSED",
                            "Mã OTP này đã được dùng; hãy chờ mã mới trên ứng dụng.")
                    : new ApiException(HttpStatus.BAD_REQUEST, "OTP_INVALID", "Mã OTP không đúng."));
        }
        c.used(step);
        return Optional.empty();
    }

    static ApiException notActive() {
        return ApiException.conflict("CREDENTIAL_NOT_ACTIVE",
                "Chứng thư ký số đang bị tạm dừng hoặc đã thu hồi, không thể ký.");
    }

    static ApiException locked(Instant until) {
        return new ApiException(HttpStatus.LOCKED, "CREDENTIAL_LOCKED",
                "Chứng thư ký số tạm khóa đến " + VietnamTime.of(until).format(VietnamTime.MINUTE)
                        + " do nhập sai mã OTP nhiều lần; mỗi lần khóa sau sẽ lâu hơn.");
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

    private static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
