package vn.truongso.remotesign;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import vn.truongso.remotesign.MasterKey.Sealed;

/**
 * A signer's signing credential (chứng thư ký số): the certificate in PEM and where the private key is: encrypted in
 * this row ({@link KeyStorage#SOFTWARE}) or in a PKCS#11 token under {@link #getKeyAlias()} ({@link KeyStorage#PKCS11},
 * no key material here at all). The TOTP secret is encrypted under the master key. Nothing here is ever in clear text:
 * see {@link MasterKey}.
 */
@Entity
@Table(name = "signing_credential")
class Credential {

    enum Status { ACTIVE, SUSPENDED, REVOKED }

    @Id
    private UUID id;
    private String username;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "certificate_pem")
    private String certificatePem;
    @Column(name = "serial_hex")
    private String serialHex;
    @Enumerated(EnumType.STRING)
    @Column(name = "key_store")
    private KeyStorage keyStore = KeyStorage.SOFTWARE;
    /** PKCS11 only: the key's alias in the token (the credential id). */
    @Column(name = "key_alias")
    private String keyAlias;
    /** SOFTWARE only: base64 of AES-256-GCM(PKCS#8 private key), associated data: the id. */
    @Column(name = "key_ciphertext")
    private String keyCiphertext;
    @Column(name = "key_iv")
    private String keyIv;
    /** Base64 of AES-256-GCM(TOTP secret), associated data: the id + ":totp". */
    @Column(name = "totp_ciphertext")
    private String totpCiphertext;
    @Column(name = "totp_iv")
    private String totpIv;
    @Column(name = "totp_enrolled_at")
    private Instant totpEnrolledAt;
    /** The last time step whose code was accepted: that code and older ones never work again. */
    @Column(name = "last_used_totp_step")
    private Long lastUsedTotpStep;
    @Column(name = "failed_attempts")
    private int failedAttempts;
    @Column(name = "locked_until")
    private Instant lockedUntil;
    /** Lock-outs since the last right code: each new one lasts longer. */
    @Column(name = "lock_count")
    private int lockCount;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected Credential() {
    }

    Credential(UUID id, String username, String certificatePem, String serialHex, Instant createdAt) {
        this.id = id;
        this.username = username;
        this.status = Status.ACTIVE;
        this.certificatePem = certificatePem;
        this.serialHex = serialHex;
        this.createdAt = createdAt;
    }

    static String keyAad(UUID id) {
        return id.toString();
    }

    static String totpAad(UUID id) {
        return id + ":totp";
    }

    void setKey(Sealed sealed) {
        keyStore = KeyStorage.SOFTWARE;
        keyAlias = null;
        keyCiphertext = b64(sealed.ciphertext());
        keyIv = b64(sealed.iv());
    }

    /** The key is in the PKCS#11 token under this alias; the row holds no key material. */
    void setKeyInToken(String alias) {
        keyStore = KeyStorage.PKCS11;
        keyAlias = alias;
        keyCiphertext = null;
        keyIv = null;
    }

    /** SOFTWARE only: the encrypted key. */
    Sealed key() {
        if (keyStore != KeyStorage.SOFTWARE) {
            throw new IllegalStateException("Credential " + id + " keeps its key in a " + keyStore + " token");
        }
        return new Sealed(unb64(keyIv), unb64(keyCiphertext));
    }

    /** A new secret also forgets the used steps: they belonged to the old one. */
    void setTotp(Sealed sealed, Instant at) {
        totpCiphertext = b64(sealed.ciphertext());
        totpIv = b64(sealed.iv());
        totpEnrolledAt = at;
        lastUsedTotpStep = null;
    }

    Sealed totp() {
        return totpCiphertext == null ? null : new Sealed(unb64(totpIv), unb64(totpCiphertext));
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /**
     * Counts a wrong code; the {@code maxAttempts}-th locks the credential, first for {@code lockFor}, then for four
     * times that, then for a day each time, until a right code (or an administrator) starts again.
     *
     * @return true when this failure locks the credential
     */
    boolean failedAttempt(Instant now, int maxAttempts, java.time.Duration lockFor) {
        failedAttempts++;
        if (failedAttempts >= maxAttempts) {
            failedAttempts = 0;
            lockedUntil = now.plus(lockDuration(lockCount, lockFor));
            lockCount++;
            return true;
        }
        return false;
    }

    /** The n-th lock (from 0): lockFor, 4 × lockFor, then 24 hours. */
    static java.time.Duration lockDuration(int n, java.time.Duration lockFor) {
        return switch (n) {
            case 0 -> lockFor;
            case 1 -> lockFor.multipliedBy(4);
            default -> java.time.Duration.ofHours(24);
        };
    }

    void used(long step) {
        lastUsedTotpStep = step;
        failedAttempts = 0;
        lockedUntil = null;
        lockCount = 0;
    }

    /** An administrator's reset: no secret, nothing used, no lock; the person enrols anew. */
    void clearTotp() {
        totpCiphertext = null;
        totpIv = null;
        totpEnrolledAt = null;
        lastUsedTotpStep = null;
        failedAttempts = 0;
        lockedUntil = null;
        lockCount = 0;
    }

    /** Resuming also lifts a lock: an administrator has spoken to the signer. */
    void setStatus(Status status) {
        this.status = status;
        if (status == Status.ACTIVE) {
            failedAttempts = 0;
            lockedUntil = null;
            lockCount = 0;
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static byte[] unb64(String s) {
        return Base64.getDecoder().decode(s);
    }

    UUID getId() {
        return id;
    }

    String getUsername() {
        return username;
    }

    Status getStatus() {
        return status;
    }

    String getCertificatePem() {
        return certificatePem;
    }

    String getSerialHex() {
        return serialHex;
    }

    KeyStorage getKeyStore() {
        return keyStore;
    }

    String getKeyAlias() {
        return keyAlias;
    }

    Instant getTotpEnrolledAt() {
        return totpEnrolledAt;
    }

    Long getLastUsedTotpStep() {
        return lastUsedTotpStep;
    }

    int getFailedAttempts() {
        return failedAttempts;
    }

    Instant getLockedUntil() {
        return lockedUntil;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "Credential[" + id + ", " + username + ", " + status + ", key " + keyStore + "]";
    }
}
