package vn.truongso.pki;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.common.ApiException;

/**
 * The public PKI services the certificates point at: CRLs, CA certificates, OCSP (RFC 6960, POST and GET) and the
 * time-stamping authority (RFC 3161). No login: validators anywhere must reach them. Request bodies are small by
 * nature (an OCSP request or a TimeStampReq is a few hundred bytes) and read only up to {@link #MAX_BODY}; every
 * client address is rate-limited ({@link PkiRateLimit}).
 *
 * <p>The TSA signs whatever digest it is sent, in the school's name: over HTTP it is off unless
 * {@code truongso.pki.tsa.public} is true. The service's own signatures get their time-stamps in-process
 * ({@link TimeStamps}), never through this endpoint.
 */
@RestController
@RequestMapping("/pki")
class PkiController {

    static final MediaType CRL = MediaType.parseMediaType("application/pkix-crl");
    static final MediaType CERT = MediaType.parseMediaType("application/pkix-cert");
    static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");
    static final MediaType TIMESTAMP_REPLY = MediaType.parseMediaType("application/timestamp-reply");

    /** Far above any real OCSP request or TimeStampReq, far below anything that costs memory. */
    static final int MAX_BODY = 16 * 1024;

    private final PkiService pki;
    private final boolean publicTsa;

    @Autowired
    PkiController(PkiService pki, PkiProperties properties) {
        this(pki, properties.tsa().open());
    }

    PkiController(PkiService pki, boolean publicTsa) {
        this.pki = pki;
        this.publicTsa = publicTsa;
    }

    @GetMapping("/crl/issuing-ca.crl")
    ResponseEntity<byte[]> issuingCrl() {
        return fresh(CRL, pki.crl());
    }

    @GetMapping("/crl/root-ca.crl")
    ResponseEntity<byte[]> rootCrl() {
        return fresh(CRL, pki.rootCrl());
    }

    @GetMapping("/ca/root-ca.cer")
    ResponseEntity<byte[]> rootCertificate() {
        return ResponseEntity.ok().contentType(CERT).body(der(pki.rootCertificate()));
    }

    @GetMapping("/ca/issuing-ca.cer")
    ResponseEntity<byte[]> issuingCertificate() {
        return ResponseEntity.ok().contentType(CERT).body(der(pki.issuingCertificate()));
    }

    /** Any content type is read: some clients send none, and a wrong one should still get an OCSP answer. */
    @PostMapping("/ocsp")
    ResponseEntity<byte[]> ocsp(HttpServletRequest request) throws IOException {
        return fresh(OCSP_RESPONSE, pki.ocsp(body(request)));
    }

    /** The rest of the path, decoded segment by segment, so an encoded '/' (%2F) inside the base64 survives. */
    @GetMapping("/ocsp/{*request}")
    ResponseEntity<byte[]> ocspGet(@PathVariable String request) {
        return fresh(OCSP_RESPONSE, pki.ocspGet(request.startsWith("/") ? request.substring(1) : request));
    }

    @PostMapping("/tsa")
    ResponseEntity<byte[]> timeStamp(HttpServletRequest request) throws IOException {
        if (!publicTsa) {
            throw new ApiException(HttpStatus.FORBIDDEN, "PKI_TSA_NOT_PUBLIC", "Dịch vụ cấp dấu thời gian của "
                    + "trường chỉ phục vụ chữ ký tạo trong hệ thống, không mở cho bên ngoài.");
        }
        return fresh(TIMESTAMP_REPLY, pki.timeStamp(body(request)));
    }

    /** At most {@link #MAX_BODY} bytes, never reading further: a declared or actual larger body is 413. */
    static byte[] body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw tooLarge();
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw tooLarge();
        }
        return body;
    }

    private static ApiException tooLarge() {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "PKI_REQUEST_TOO_LARGE",
                "Yêu cầu quá lớn: dịch vụ OCSP và dấu thời gian chỉ nhận tối đa " + MAX_BODY / 1024 + " KB.");
    }

    /** Signed just now for this request: a cache in between must not hand it to someone else later. */
    private static ResponseEntity<byte[]> fresh(MediaType type, byte[] body) {
        return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noStore()).body(body);
    }

    private static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
