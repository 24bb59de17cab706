package vn.truongso.remotesign;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import vn.truongso.common.ApiException;
import vn.truongso.pki.SchoolPki;
import vn.truongso.school.CurrentUser;
import vn.truongso.signing.KeyPairSignatureProvider;

/**
 * A signer's existing key and certificate brought as a PKCS#12 file: reading it, and the checks they must pass before
 * {@link Credentials#importPkcs12} keeps them. Not a bean: {@link Credentials} holds it.
 */
final class Pkcs12Import {

    private static final java.security.Provider BOUNCY_CASTLE = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private final SchoolPki pki;
    private final CredentialRepository repo;
    private final Clock clock;

    Pkcs12Import(SchoolPki pki, CredentialRepository repo, Clock clock) {
        this.pki = pki;
        this.repo = repo;
        this.clock = clock;
    }

    /** The one private key and its certificate in the file. */
    record Entry(PrivateKey key, X509Certificate cert) {
        @Override
        public String toString() {
            return "Entry[hidden]";
        }
    }

    /**
     * Reads the file's one key entry; the password is wiped afterwards.
     *
     * @throws ApiException 400 PKCS12_INVALID when the file is unreadable, the password wrong, or it does not hold
     *                      exactly one private key with its certificate
     */
    static Entry read(byte[] pkcs12, char[] password) {
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
        return new Entry(key, cert);
    }

    /**
     * The key and certificate may be kept: the school PKI issued the certificate, for this person, it is valid now,
     * not revoked and not already another credential's, and the key is the certificate's.
     */
    void requireUsable(CurrentUser user, PrivateKey key, X509Certificate cert) {
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
}
