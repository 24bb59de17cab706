package vn.truongso.remotesign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.school.UserDirectory;

/**
 * The Cloud Signature Consortium API v2 (2.0.0.2), the part a remote-signing client needs: service info, login with
 * the same accounts as /api (HTTP Basic, answers a bearer token), the signer's own credentials, explicit
 * authorisation with the TOTP code (SCAL2: the SAD is bound to the hashes) and signHash. Errors are CSC errors
 * ({@link CscErrors}); security is {@link CscSecurity}. No answer holds a private key or a TOTP secret.
 */
@RestController
@RequestMapping(path = "/csc/v2", produces = "application/json")
class CscController {

    static final String SPECS = "2.0.0.2";
    static final List<String> METHODS = List.of("auth/login", "auth/revoke", "credentials/list", "credentials/info",
            "credentials/authorize", "signatures/signHash");
    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final CscTokens tokens;
    private final CscSigning signing;
    private final Credentials credentials;
    private final UserDirectory users;

    CscController(CscTokens tokens, CscSigning signing, Credentials credentials, UserDirectory users) {
        this.tokens = tokens;
        this.signing = signing;
        this.credentials = credentials;
        this.users = users;
    }

    // ---- requests and answers, with the specification's field names ------------------------------------------

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InfoResponse(String specs, String name, String logo, String region, String lang, String description,
                        List<String> authType, List<String> methods, SignAlgorithms signAlgorithms) {
    }

    record SignAlgorithms(List<String> algos) {
    }

    record LoginResponse(@JsonProperty("access_token") String accessToken,
                         @JsonProperty("expires_in") long expiresIn) {
        @Override
        public String toString() {
            return "LoginResponse[hidden]";
        }
    }

    record RevokeRequest(String token, @JsonProperty("token_type_hint") String tokenTypeHint) {
        @Override
        public String toString() {
            return "RevokeRequest[hidden]";
        }
    }

    record ListRequest(String userID, Boolean credInfo, String certificates, Boolean certInfo, Boolean authInfo,
                       Boolean onlyValid, String lang) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListResponse(List<String> credentialIDs, List<CredentialInfo> credentialInfos, Boolean onlyValid) {
    }

    record InfoRequest(String credentialID, String certificates, Boolean certInfo, Boolean authInfo, String lang) {
    }

    /** credentials/info; in credentials/list each also names its credentialID. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CredentialInfo(String credentialID, String description, Key key, Cert cert, String authMode,
                          @JsonProperty("OTP") Otp otp, Auth auth, @JsonProperty("SCAL") String scal, int multisign,
                          String lang) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Key(String status, List<String> algo, int len, String curve) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cert(String status, List<String> certificates, String issuerDN, String serialNumber, String subjectDN,
                String validFrom, String validTo) {
    }

    /** How the OTP is asked for (as version 1 clients read it): "offline", the signer's authenticator app. */
    record Otp(String presence, String type, @JsonProperty("ID") String id, String provider, String format,
               String label, String description) {
    }

    /** The same for version 2 clients: explicit authorisation with one authentication object, the OTP. */
    record Auth(String mode, List<AuthObject> objects) {
    }

    record AuthObject(String type, String id, String format, String label, String description) {
    }

    /** An authentication value sent as version 2 authData. */
    record AuthData(String id, String value) {
        @Override
        public String toString() {
            return "AuthData[" + id + "]";
        }
    }

    record AuthorizeRequest(String credentialID, Integer numSignatures, List<String> hashes, String hashAlgorithmOID,
                            @JsonProperty("OTP") String otp, List<AuthData> authData, String description) {
        /** The code as "OTP" or as authData {id: "OTP"}. */
        String code() {
            if (otp != null) {
                return otp;
            }
            return authData == null ? null : authData.stream()
                    .filter(a -> a != null && a.id() != null && List.of("otp", "totp").contains(a.id().toLowerCase(Locale.ROOT)))
                    .map(AuthData::value).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return "AuthorizeRequest[" + credentialID + ", " + numSignatures + "]";
        }
    }

    record AuthorizeResponse(@JsonProperty("SAD") String sad, long expiresIn) {
        @Override
        public String toString() {
            return "AuthorizeResponse[hidden]";
        }
    }

    record SignHashRequest(String credentialID, @JsonProperty("SAD") String sad, List<String> hashes,
                           String hashAlgorithmOID, String signAlgo) {
        @Override
        public String toString() {
            return "SignHashRequest[" + credentialID + "]";
        }
    }

    record SignHashResponse(List<String> signatures) {
    }

    // ---- endpoints -----------------------------------------------------------------------------------------------

    @PostMapping("/info")
    InfoResponse info() {
        return new InfoResponse(SPECS, "TruongSo", null, "VN", "vi",
                "Dịch vụ ký số từ xa của TruongSo (Trường Số) cho giáo viên, tổ trưởng, hiệu trưởng và văn thư: "
                        + "khóa ký được giữ trên máy chủ, mỗi lần ký được xác nhận bằng mã OTP từ ứng dụng xác thực.",
                List.of("basic"), METHODS, new SignAlgorithms(List.of(CscSigning.RSA, CscSigning.SHA256_WITH_RSA,
                        CscSigning.ECDSA_WITH_SHA256)));
    }

    /** HTTP Basic (checked by {@link CscSecurity}) with the same accounts as /api; answers a bearer token. */
    @PostMapping("/auth/login")
    LoginResponse login() {
        CscTokens.Issued issued = tokens.issue(users.current().username());
        return new LoginResponse(issued.token(), issued.expiresInSeconds());
    }

    /** Ends the given token (default: the one this request carries) if it is the caller's. */
    @PostMapping("/auth/revoke")
    ResponseEntity<Void> revoke(@RequestBody(required = false) RevokeRequest body,
                                @RequestHeader("Authorization") String authorization) {
        String token = body != null && body.token() != null ? body.token() : CscSecurity.bearerToken(authorization);
        tokens.revoke(users.current().username(), token);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/credentials/list")
    ListResponse list(@RequestBody(required = false) ListRequest body) {
        ListRequest r = body != null ? body : new ListRequest(null, false, null, false, false, false, null);
        String me = users.current().username();
        if (r.userID() != null && !r.userID().equals(me)) {
            throw CscException.invalidRequest("Tham số userID không hợp lệ: chỉ liệt kê được chứng thư của chính bạn.");
        }
        String certificates = certificatesOption(r.certificates());
        List<Credential> mine = signing.list(me, Boolean.TRUE.equals(r.onlyValid()));
        List<CredentialInfo> infos = Boolean.TRUE.equals(r.credInfo())
                ? mine.stream().map(c -> info(c, true, certificates, Boolean.TRUE.equals(r.certInfo()),
                        Boolean.TRUE.equals(r.authInfo()))).toList()
                : null;
        return new ListResponse(mine.stream().map(c -> c.getId().toString()).toList(), infos, r.onlyValid());
    }

    @PostMapping("/credentials/info")
    CredentialInfo credentialInfo(@RequestBody InfoRequest body) {
        if (body.credentialID() == null || body.credentialID().isBlank()) {
            throw CscException.invalidRequest("Thiếu tham số credentialID.");
        }
        String certificates = certificatesOption(body.certificates());
        Credential c = signing.own(users.current().username(), body.credentialID());
        return info(c, false, certificates, Boolean.TRUE.equals(body.certInfo()), Boolean.TRUE.equals(body.authInfo()));
    }

    @PostMapping("/credentials/authorize")
    AuthorizeResponse authorize(@RequestBody AuthorizeRequest body) {
        CscSigning.Authorized a = signing.authorize(users.current().username(), body.credentialID(),
                body.numSignatures(), body.hashes(), body.hashAlgorithmOID(), body.code());
        return new AuthorizeResponse(a.sad(), a.expiresInSeconds());
    }

    @PostMapping("/signatures/signHash")
    SignHashResponse signHash(@RequestBody SignHashRequest body) {
        List<byte[]> values = signing.signHash(users.current().username(), body.credentialID(), body.sad(),
                body.hashes(), body.hashAlgorithmOID(), body.signAlgo());
        return new SignHashResponse(values.stream().map(Base64.getEncoder()::encodeToString).toList());
    }

    // ---- credential descriptions ---------------------------------------------------------------------------------

    private static String certificatesOption(String value) {
        String v = value == null ? "single" : value.strip().toLowerCase(Locale.ROOT);
        if (!List.of("none", "single", "chain").contains(v)) {
            throw CscException.invalidRequest("Tham số certificates phải là none, single hoặc chain.");
        }
        return v;
    }

    private CredentialInfo info(Credential c, boolean withId, String certificates, boolean certInfo,
                                boolean authInfo) {
        X509Certificate cert = credentials.certificate(c);
        PublicKey pub = cert.getPublicKey();
        Credential.Status shown = credentials.statusOf(c);
        boolean active = shown == Credential.Status.ACTIVE;
        Key key = new Key(active ? "enabled" : "disabled", CscSigning.signAlgos(pub.getAlgorithm()), keyLength(pub),
                pub instanceof ECPublicKey ? curveOid(pub) : null);

        List<String> certs = switch (certificates) {
            case "none" -> null;
            case "chain" -> credentials.chain(c).stream().map(CscController::base64).toList();
            default -> List.of(base64(cert));
        };
        String status = switch (shown) {
            case REVOKED -> "revoked";
            case SUSPENDED -> "suspended";
            case ACTIVE -> signing.now().isAfter(cert.getNotAfter().toInstant()) ? "expired" : "valid";
        };
        Cert certView = certInfo
                ? new Cert(status, certs, rfc4514(cert.getIssuerX500Principal().getEncoded()),
                        cert.getSerialNumber().toString(16), rfc4514(cert.getSubjectX500Principal().getEncoded()),
                        GENERALIZED_TIME.format(cert.getNotBefore().toInstant()),
                        GENERALIZED_TIME.format(cert.getNotAfter().toInstant()))
                : new Cert(status, certs, null, null, null, null, null);

        String label = "Mã OTP";
        String description = "Mã 6 chữ số trên ứng dụng xác thực (TOTP) đã đăng ký với TruongSo; "
                + "mỗi mã chỉ dùng được một lần.";
        Otp otp = new Otp("true", "offline", "totp", "TruongSo", "N", label, description);
        Auth auth = authInfo ? new Auth("explicit", List.of(new AuthObject("OTP", "OTP", "N", label, description)))
                : null;
        return new CredentialInfo(withId ? c.getId().toString() : null,
                "Chứng thư ký số của " + commonName(cert),
                key, certView, "explicit", otp, auth, "2", CscSigning.MULTISIGN, "vi");
    }

    private static String commonName(X509Certificate cert) {
        RDN[] cn = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return cn.length == 0 ? "" : IETFUtils.valueToString(cn[0].getFirst().getValue());
    }

    private static int keyLength(PublicKey pub) {
        if (pub instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (pub instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return 0;
    }

    private static String curveOid(PublicKey pub) {
        var params = SubjectPublicKeyInfo.getInstance(pub.getEncoded()).getAlgorithm().getParameters();
        return params instanceof ASN1ObjectIdentifier oid ? oid.getId() : null;
    }

    private static String base64(X509Certificate cert) {
        try {
            return Base64.getEncoder().encodeToString(cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4514: the most specific name first, e.g. "CN=…,T=…,O=…,C=VN", UTF-8 as it is. */
    static String rfc4514(byte[] encodedName) {
        List<RDN> rdns = new ArrayList<>(List.of(X500Name.getInstance(encodedName).getRDNs()));
        Collections.reverse(rdns);
        return new X500Name(BCStyle.INSTANCE, rdns.toArray(RDN[]::new)).toString();
    }
}
