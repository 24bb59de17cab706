package vn.truongso.remotesign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.truongso.common.ApiException;
import vn.truongso.common.Secrets;

/**
 * The signing half of the CSC API: a signer's credentials, credentials/authorize (the signer's one-time code, checked
 * by {@link Credentials#checkCode} like every other code, gives a SAD bound to exactly the hashes to sign) and
 * signatures/signHash (signs only those hashes, each once, with {@link Credentials#sign}).
 */
@Service
class CscSigning {

    private static final Logger log = LoggerFactory.getLogger(CscSigning.class);
    static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    static final String RSA = "1.2.840.113549.1.1.1";
    static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    /** Most hashes one authorisation covers: the same bound as a sign transaction's. */
    static final int MULTISIGN = SignTransactions.MAX_DIGESTS;

    private final CredentialRepository credentialRepo;
    private final CscAuthorizationRepository authorizations;
    private final Credentials credentials;
    private final Clock clock;
    private final Duration sadTtl;
    private final TransactionTemplate tx;

    CscSigning(CredentialRepository credentialRepo, CscAuthorizationRepository authorizations, Credentials credentials,
               Clock clock, RemoteSignProperties properties, PlatformTransactionManager txManager) {
        this.credentialRepo = credentialRepo;
        this.authorizations = authorizations;
        this.credentials = credentials;
        this.clock = clock;
        this.sadTtl = properties.csc().sadTtl();
        this.tx = new TransactionTemplate(txManager);
    }

    record Authorized(String sad, long expiresInSeconds) {
        @Override
        public String toString() {
            return "Authorized[hidden, " + expiresInSeconds + " s]";
        }
    }

    /** The caller's credentials, the live one first; with onlyValid, those that can sign now. */
    List<Credential> list(String username, boolean onlyValid) {
        Instant now = clock.instant();
        return tx.execute(s -> credentials.of(username).stream()
                .filter(c -> !onlyValid || (credentials.canSign(c)
                        && !now.isAfter(credentials.certificate(c).getNotAfter().toInstant())))
                .toList());
    }

    /** The caller's own credential; anyone else's answers exactly as one that does not exist. */
    Credential own(String username, String credentialId) {
        return tx.execute(s -> find(username, credentialId));
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Checks the signer's code and answers a SAD for exactly these hashes. Failed codes are counted even though the
     * request fails (the counting commits, the refusal is thrown afterwards), as for sign transactions.
     */
    Authorized authorize(String username, String credentialId, Integer numSignatures, List<String> hashes,
                         String hashAlgorithmOid, String otp) {
        requireCredentialId(credentialId);
        if (numSignatures == null || numSignatures < 1 || numSignatures > MULTISIGN) {
            throw CscException.invalidRequest("Tham số numSignatures phải từ 1 đến " + MULTISIGN + ".");
        }
        List<String> hex = sha256Hex(hashes);
        if (hex.size() != numSignatures) {
            throw CscException.invalidRequest("Số giá trị băm (hashes) phải bằng numSignatures.");
        }
        requireSha256(hashAlgorithmOid, true);
        if (otp == null || otp.isBlank()) {
            throw CscException.invalidRequest("Thiếu mã OTP.");
        }
        tx.executeWithoutResult(s -> {
            Instant now = clock.instant();
            authorizations.deleteExpiredHashes(now);
            authorizations.deleteExpired(now);
        });
        Object outcome = tx.execute(s -> {
            Instant now = clock.instant();
            Credential c = find(username, credentialId);
            Optional<ApiException> refusal = credentials.checkCode(c, otp.strip());
            if (refusal.isPresent()) {
                log.info("CSC API: code refused for credential {} of {}", c.getId(), username);
                return refusal.get();
            }
            String sad = Secrets.randomSecret();
            authorizations.save(new CscAuthorization(Secrets.sha256Hex(sad), c.getId(), username, hex, now,
                    now.plus(sadTtl)));
            log.info("CSC API: credential {} authorised by {} for {} signature(s)", c.getId(), username, hex.size());
            return new Authorized(sad, sadTtl.toSeconds());
        });
        if (outcome instanceof ApiException refusal) {
            throw refusal;
        }
        return (Authorized) outcome;
    }

    /** Signs the hashes, in order, if the SAD authorised every one of them and has signatures left. */
    List<byte[]> signHash(String username, String credentialId, String sad, List<String> hashes,
                          String hashAlgorithmOid, String signAlgo) {
        requireCredentialId(credentialId);
        if (sad == null || sad.isBlank()) {
            throw CscException.invalidRequest("Thiếu tham số SAD.");
        }
        List<String> hex = sha256Hex(hashes);
        if (signAlgo == null || signAlgo.isBlank()) {
            throw CscException.invalidRequest("Thiếu tham số signAlgo.");
        }
        return tx.execute(s -> {
            Credential c = find(username, credentialId);
            String keyAlgorithm = credentials.certificate(c).getPublicKey().getAlgorithm();
            requireSignAlgo(keyAlgorithm, signAlgo.strip(), hashAlgorithmOid);
            CscAuthorization a = authorizations.findById(Secrets.sha256Hex(sad.strip()))
                    .filter(x -> x.getUsername().equals(username) && x.getCredentialId().equals(c.getId()))
                    .orElseThrow(() -> CscException.invalidRequest("SAD không hợp lệ."));
            if (a.expiredAt(clock.instant())) {
                throw CscException.invalidRequest("SAD đã hết hạn; hãy xác thực lại (credentials/authorize).");
            }
            credentials.requireCanSign(c);
            if (hex.size() > a.remaining()) {
                throw CscException.invalidRequest(a.remaining() == 0
                        ? "SAD đã dùng hết số chữ ký được phép."
                        : "Số giá trị băm vượt quá số chữ ký còn lại của SAD (" + a.remaining() + ").");
            }
            if (!a.allows(hex)) {
                throw CscException.invalidRequest(
                        "Có giá trị băm không nằm trong danh sách đã xác thực cho SAD này, hoặc đã được ký.");
            }
            a.signed(hex);
            List<byte[]> values = credentials.sign(c, hex.stream().map(HexFormat.of()::parseHex).toList());
            log.info("CSC API: {} hash(es) signed with credential {} by {}", values.size(), c.getId(), username);
            return values;
        });
    }

    private Credential find(String username, String credentialId) {
        UUID id;
        try {
            id = UUID.fromString(credentialId.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw CscException.unknownCredential();
        }
        return credentialRepo.findById(id).filter(c -> c.getUsername().equals(username))
                .orElseThrow(CscException::unknownCredential);
    }

    private static void requireCredentialId(String credentialId) {
        if (credentialId == null || credentialId.isBlank()) {
            throw CscException.invalidRequest("Thiếu tham số credentialID.");
        }
    }

    /** Base64 SHA-256 values (standard or URL alphabet) as hex, 1 to {@link #MULTISIGN} of them. */
    static List<String> sha256Hex(List<String> base64) {
        if (base64 == null || base64.isEmpty() || base64.size() > MULTISIGN) {
            throw CscException.invalidRequest("Tham số hashes phải có từ 1 đến " + MULTISIGN + " giá trị băm.");
        }
        List<String> out = new ArrayList<>();
        for (String b : base64) {
            byte[] raw = null;
            if (b != null) {
                try {
                    raw = Base64.getDecoder().decode(b.strip());
                } catch (IllegalArgumentException notStandard) {
                    try {
                        raw = Base64.getUrlDecoder().decode(b.strip());
                    } catch (IllegalArgumentException notUrl) {
                        raw = null;
                    }
                }
            }
            if (raw == null || raw.length != 32) {
                throw CscException.invalidRequest("Mỗi giá trị băm phải là SHA-256 (32 byte) mã hóa base64.");
            }
            out.add(HexFormat.of().formatHex(raw));
        }
        return out;
    }

    private static void requireSha256(String hashAlgorithmOid, boolean required) {
        if (hashAlgorithmOid == null || hashAlgorithmOid.isBlank()) {
            if (required) {
                throw CscException.invalidRequest("Thiếu tham số hashAlgorithmOID (SHA-256: " + SHA256 + ").");
            }
            return;
        }
        if (!SHA256.equals(hashAlgorithmOid.strip())) {
            throw CscException.invalidRequest("Chỉ hỗ trợ hàm băm SHA-256 (" + SHA256 + ").");
        }
    }

    /**
     * RSA keys: rsaEncryption (the hash named by hashAlgorithmOID) or sha256WithRSAEncryption, both PKCS#1 v1.5 over
     * DigestInfo(SHA-256, hash). EC keys: ecdsa-with-SHA256, or ecPublicKey with hashAlgorithmOID.
     */
    private static void requireSignAlgo(String keyAlgorithm, String signAlgo, String hashAlgorithmOid) {
        boolean rsa = "RSA".equals(keyAlgorithm);
        if ((rsa && RSA.equals(signAlgo)) || (!rsa && EC_PUBLIC_KEY.equals(signAlgo))) {
            requireSha256(hashAlgorithmOid, true);
        } else if ((rsa && SHA256_WITH_RSA.equals(signAlgo)) || (!rsa && ECDSA_WITH_SHA256.equals(signAlgo))) {
            requireSha256(hashAlgorithmOid, false);
        } else {
            throw CscException.invalidRequest("Thuật toán ký (signAlgo) không được hỗ trợ với khóa này; dùng "
                    + String.join(" hoặc ", signAlgos(keyAlgorithm)) + ".");
        }
    }

    /** The signature algorithms a key of this kind signs with (credentials/info key.algo). */
    static List<String> signAlgos(String keyAlgorithm) {
        return "RSA".equals(keyAlgorithm) ? List.of(RSA, SHA256_WITH_RSA) : List.of(EC_PUBLIC_KEY, ECDSA_WITH_SHA256);
    }
}
