package vn.truongso.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;
import vn.truongso.pki.SchoolPki.SignerCredential;

/**
 * A PKI directory (see {@link PkiFiles}) read and checked once: every chain verifies up to the root, every key
 * belongs to its certificate, and the TSA and OCSP certificates carry their extended key usages. The root CA is read
 * from its certificate alone ({@code root-ca.pem}): its key ({@code root-ca.p12}) is for offline use only
 * ({@code pki root-crl}) and is never opened here, so it may be absent.
 *
 * @param root    the root CA's certificate
 * @param signers by username
 * @param baseUrl the base URL written into the certificates, if they carry one
 */
record PkiMaterial(X509Certificate root, SignerCredential issuing, SignerCredential tsa, SignerCredential ocsp,
                   Map<String, SignerCredential> signers, Optional<String> baseUrl) {

    /**
     * @param dir {@code classpath:...}, {@code file:...} or a plain file-system path
     */
    static PkiMaterial load(ResourceLoader loader, String dir, char[] password) {
        String location = location(dir);
        ResourcePatternResolver resolver = ResourcePatternUtils.getResourcePatternResolver(loader);
        try {
            X509Certificate root = readRoot(loader, dir);
            SignerCredential issuing = read(resolver.getResource(location + PkiFiles.p12(PkiFiles.ISSUING)), password);
            SignerCredential tsa = read(resolver.getResource(location + PkiFiles.p12(PkiFiles.TSA)), password);
            SignerCredential ocsp = read(resolver.getResource(location + PkiFiles.p12(PkiFiles.OCSP)), password);
            Map<String, SignerCredential> signers = new TreeMap<>();
            for (Resource r : resolver.getResources(location + PkiFiles.SIGNER_PREFIX + "*.p12")) {
                String file = r.getFilename();
                String username = file.substring(PkiFiles.SIGNER_PREFIX.length(), file.length() - ".p12".length());
                signers.put(username, read(r, password));
            }
            PkiMaterial m = new PkiMaterial(root, issuing, tsa, ocsp, Map.copyOf(signers), crlBase(tsa.certificate()));
            m.check();
            return m;
        } catch (IOException | GeneralSecurityException e) {
            // Never the password: only which file and what went wrong.
            throw new IllegalStateException("Cannot load the school PKI from " + location + ": " + e.getMessage(), e);
        }
    }

    /** The root CA's certificate ({@code root-ca.pem}), self-signed; nothing secret, so no password. */
    static X509Certificate readRoot(ResourceLoader loader, String dir) {
        Resource r = ResourcePatternUtils.getResourcePatternResolver(loader)
                .getResource(location(dir) + PkiFiles.pem(PkiFiles.ROOT));
        try (InputStream in = r.getInputStream()) {
            X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            root.verify(root.getPublicKey());
            return root;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the school PKI's root certificate "
                    + PkiFiles.pem(PkiFiles.ROOT) + " from " + location(dir) + ": " + e.getMessage(), e);
        }
    }

    /** A Spring resource location ending in '/'; a bare path is a directory on the file system. */
    static String location(String dir) {
        String d = dir.strip();
        if (!d.startsWith("classpath") && !d.startsWith("file:")) {
            d = Path.of(d).toAbsolutePath().normalize().toUri().toString();
        }
        return d.endsWith("/") ? d : d + "/";
    }

    private static SignerCredential read(Resource r, char[] password) throws IOException, GeneralSecurityException {
        if (!r.exists()) {
            throw new IOException(r.getFilename() + " is missing");
        }
        try (InputStream in = r.getInputStream()) {
            return Pkcs12.read(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException(r.getFilename() + ": " + e.getMessage(), e);
        }
    }

    private void check() throws GeneralSecurityException {
        X509Certificate rootCert = root;
        checkChain("issuing-ca", issuing, rootCert);
        checkIssuedByIssuingCa("tsa", tsa);
        checkIssuedByIssuingCa("ocsp", ocsp);
        for (Map.Entry<String, SignerCredential> e : signers.entrySet()) {
            checkIssuedByIssuingCa(PkiFiles.signer(e.getKey()), e.getValue());
        }
        requireEku("tsa", tsa.certificate(), KeyPurposeId.id_kp_timeStamping.getId());
        requireEku("ocsp", ocsp.certificate(), KeyPurposeId.id_kp_OCSPSigning.getId());
    }

    private void checkIssuedByIssuingCa(String name, SignerCredential c) throws GeneralSecurityException {
        checkChain(name, c, root);
        if (c.chain().size() < 2 || !c.chain().get(1).equals(issuing.certificate())) {
            throw new GeneralSecurityException(name + " is not issued by the issuing CA");
        }
    }

    private static void checkChain(String name, SignerCredential c, X509Certificate rootCert)
            throws GeneralSecurityException {
        List<X509Certificate> chain = c.chain();
        if (!chain.get(chain.size() - 1).equals(rootCert)) {
            throw new GeneralSecurityException(name + " does not chain to the root CA");
        }
        for (int i = 0; i < chain.size() - 1; i++) {
            chain.get(i).verify(chain.get(i + 1).getPublicKey());
        }
        checkKey(name, c);
    }

    /** A key that does not belong to its certificate would sign things no one can verify. */
    private static void checkKey(String name, SignerCredential c) throws GeneralSecurityException {
        byte[] probe = ("truongso-pki-check:" + name).getBytes(StandardCharsets.UTF_8);
        String alg = CertificateMaker.signatureAlgorithm(c.privateKey());
        Signature s = Signature.getInstance(alg);
        s.initSign(c.privateKey());
        s.update(probe);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        v.initVerify(c.certificate().getPublicKey());
        v.update(probe);
        if (!v.verify(sig)) {
            throw new GeneralSecurityException(name + ": the private key does not match the certificate");
        }
    }

    private static void requireEku(String name, X509Certificate cert, String oid) throws GeneralSecurityException {
        List<String> eku;
        try {
            eku = cert.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new GeneralSecurityException(name + ": unreadable extended key usage", e);
        }
        if (eku == null || !eku.contains(oid)) {
            throw new GeneralSecurityException(name + ": extended key usage " + oid + " is missing");
        }
    }

    /** The base URL the certificates point at, read back from the CRL distribution point. */
    static Optional<String> crlBase(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (ext == null) {
            return Optional.empty();
        }
        for (DistributionPoint dp : CRLDistPoint.getInstance(ASN1OctetString.getInstance(ext).getOctets())
                .getDistributionPoints()) {
            DistributionPointName name = dp.getDistributionPoint();
            if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                continue;
            }
            for (GeneralName gn : GeneralNames.getInstance(name.getName()).getNames()) {
                if (gn.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    String url = ((ASN1String) gn.getName()).getString();
                    if (url.endsWith(PkiUrls.ISSUING_CRL)) {
                        return Optional.of(url.substring(0, url.length() - PkiUrls.ISSUING_CRL.length()));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
