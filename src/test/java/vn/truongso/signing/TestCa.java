package vn.truongso.signing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway two-level CA for signer unit tests that must not depend on the sample PKI. */
final class TestCa {

    final KeyPair rootKeys;
    final X509Certificate root;

    TestCa() throws Exception {
        rootKeys = rsa();
        root = cert(new X500Name("CN=Test Root, O=TruongSo tests, C=VN"), rootKeys, null, null, true, 1);
    }

    KeyPairSignatureProvider signer(String cn) throws Exception {
        KeyPair keys = rsa();
        X509Certificate c = cert(new X500Name("CN=" + cn + ", O=Trường THCS Hòa Bình, C=VN"), keys,
                X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), rootKeys, false, 2 + cn.hashCode() & 0xffff);
        return new KeyPairSignatureProvider(keys.getPrivate(), List.of(c, root));
    }

    /** A signer with an ECDSA P-256 key, issued by the same (RSA) root. */
    KeyPairSignatureProvider ecSigner(String cn) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        KeyPair keys = g.generateKeyPair();
        X509Certificate c = cert(new X500Name("CN=" + cn + ", O=Trường THCS Hòa Bình, C=VN"), keys,
                X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), rootKeys, false,
                3 + cn.hashCode() & 0xffff);
        return new KeyPairSignatureProvider(keys.getPrivate(), List.of(c, root));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private X509Certificate cert(X500Name subject, KeyPair keys, X500Name issuer, KeyPair issuerKeys, boolean ca,
                                 long serial) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer == null ? subject : issuer,
                BigInteger.valueOf(serial), Date.from(now.minus(1, ChronoUnit.HOURS)),
                Date.from(now.plus(365, ChronoUnit.DAYS)), subject, keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, ca ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA")
                .build((issuerKeys == null ? keys : issuerKeys).getPrivate())));
    }
}
