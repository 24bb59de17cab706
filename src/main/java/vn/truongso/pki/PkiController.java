package vn.truongso.pki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public PKI services the certificates point at: CRLs, CA certificates, OCSP (RFC 6960, POST and GET) and the
 * time-stamping authority (RFC 3161). No login: validators anywhere must reach them.
 */
@RestController
@RequestMapping("/pki")
class PkiController {

    static final MediaType CRL = MediaType.parseMediaType("application/pkix-crl");
    static final MediaType CERT = MediaType.parseMediaType("application/pkix-cert");
    static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");
    static final MediaType TIMESTAMP_REPLY = MediaType.parseMediaType("application/timestamp-reply");

    private final PkiService pki;

    PkiController(PkiService pki) {
        this.pki = pki;
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
    ResponseEntity<byte[]> ocsp(@RequestBody(required = false) byte[] request) {
        return fresh(OCSP_RESPONSE, pki.ocsp(request));
    }

    /** The rest of the path, decoded segment by segment, so an encoded '/' (%2F) inside the base64 survives. */
    @GetMapping("/ocsp/{*request}")
    ResponseEntity<byte[]> ocspGet(@PathVariable String request) {
        return fresh(OCSP_RESPONSE, pki.ocspGet(request.startsWith("/") ? request.substring(1) : request));
    }

    @PostMapping("/tsa")
    ResponseEntity<byte[]> timeStamp(@RequestBody(required = false) byte[] query) {
        return fresh(TIMESTAMP_REPLY, pki.timeStamp(query));
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
