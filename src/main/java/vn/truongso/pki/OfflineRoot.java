package vn.truongso.pki;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.truongso.pki.SchoolPki.SignerCredential;

/**
 * What only the root CA's key may do, offline ({@code pki root-crl}): sign the root's CRL, which lists the issuing
 * CA when it is revoked. The running service never holds that key; it serves the file this writes.
 */
final class OfflineRoot {

    /** The reasons that fit a CA certificate (RFC 5280 CRLReason codes). */
    static final Set<Integer> CA_REASONS = Set.of(0, 1, 2, 4, 5);

    private OfflineRoot() {
    }

    /**
     * Writes a new {@code root-ca.crl} into {@code dir}: the entries of the one there (a revocation is never
     * dropped), the issuing CA's certificate as well when {@code revokeIssuingReason} is given, valid for
     * {@code days}, with a CRL number above the previous one.
     *
     * @return the CRL written
     */
    static X509CRL signCrl(Path dir, char[] password, int days, Integer revokeIssuingReason, Instant now)
            throws IOException, GeneralSecurityException {
        Path p12 = dir.resolve(PkiFiles.p12(PkiFiles.ROOT));
        if (!Files.isRegularFile(p12)) {
            throw new IOException(p12 + " is missing: run this where the root CA's key is kept");
        }
        SignerCredential root;
        try (InputStream in = Files.newInputStream(p12)) {
            root = Pkcs12.read(in, password);
        } catch (IOException e) {
            throw new IOException(p12.getFileName() + ": " + e.getMessage() + " (wrong password?)", e);
        }
        X509Certificate rootCert = root.certificate();
        X509Certificate published = cert(dir.resolve(PkiFiles.pem(PkiFiles.ROOT)));
        if (!published.equals(rootCert)) {
            throw new GeneralSecurityException(PkiFiles.pem(PkiFiles.ROOT) + " is not the certificate of "
                    + p12.getFileName());
        }
        Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
        List<CrlMaker.Entry> entries = new ArrayList<>();
        BigInteger number = BigInteger.valueOf(now.toEpochMilli());
        Path crlFile = dir.resolve(PkiFiles.ROOT_CRL);
        if (Files.isRegularFile(crlFile)) {
            X509CRL previous;
            try (InputStream in = Files.newInputStream(crlFile)) {
                previous = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
            }
            previous.verify(rootCert.getPublicKey());
            if (previous.getRevokedCertificates() != null) {
                for (X509CRLEntry e : previous.getRevokedCertificates()) {
                    CRLReason reason = e.getRevocationReason();
                    entries.add(new CrlMaker.Entry(e.getSerialNumber(), e.getRevocationDate().toInstant(),
                            reason == null ? 0 : reason.ordinal()));
                }
            }
            BigInteger previousNumber = crlNumber(previous);
            if (previousNumber != null && previousNumber.compareTo(number) >= 0) {
                number = previousNumber.add(BigInteger.ONE);
            }
        }
        if (revokeIssuingReason != null) {
            if (!CA_REASONS.contains(revokeIssuingReason)) {
                throw new IllegalArgumentException("Not a reason for a CA certificate: " + revokeIssuingReason);
            }
            X509Certificate issuing = cert(dir.resolve(PkiFiles.pem(PkiFiles.ISSUING)));
            issuing.verify(rootCert.getPublicKey());
            if (entries.stream().noneMatch(e -> e.serial().equals(issuing.getSerialNumber()))) {
                entries.add(new CrlMaker.Entry(issuing.getSerialNumber(), thisUpdate, revokeIssuingReason));
            }
        }
        byte[] der = CrlMaker.makeWith(rootCert, root.privateKey(), entries, thisUpdate,
                thisUpdate.plus(days, ChronoUnit.DAYS), number);
        // Written next to it and moved, so the running service never reads half a CRL.
        Path tmp = Files.createTempFile(dir, ".root-ca", ".crl");
        try {
            SamplePkiGenerator.writePem(tmp, "X509 CRL", der);
            Files.move(tmp, crlFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        try (InputStream in = Files.newInputStream(crlFile)) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
    }

    private static X509Certificate cert(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The CRL number extension, if any. */
    private static BigInteger crlNumber(X509CRL crl) {
        byte[] ext = crl.getExtensionValue(org.bouncycastle.asn1.x509.Extension.cRLNumber.getId());
        if (ext == null) {
            return null;
        }
        return org.bouncycastle.asn1.ASN1Integer.getInstance(org.bouncycastle.asn1.ASN1OctetString
                .getInstance(ext).getOctets()).getValue();
    }
}
