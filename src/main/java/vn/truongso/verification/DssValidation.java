package vn.truongso.verification;

import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.enumerations.Level;
import eu.europa.esig.dss.enumerations.TokenExtractionStrategy;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDefaultObjectFactory;
import eu.europa.esig.dss.policy.EtsiValidationPolicy;
import eu.europa.esig.dss.policy.ValidationPolicyFacade;
import eu.europa.esig.dss.policy.jaxb.BasicSignatureConstraints;
import eu.europa.esig.dss.policy.jaxb.ConstraintsParameters;
import eu.europa.esig.dss.policy.jaxb.LevelConstraint;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.validation.CRLFirstRevocationDataLoadingStrategyFactory;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.europa.esig.dss.pdf.PdfMemoryUsageSetting;
import java.io.InputStream;
import vn.truongso.common.PdfLimits;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * EU DSS set up once: the trust anchors, the only "network" there is (the school PKI in-process), and a validation
 * policy stricter than DSS's default about what may happen to a PDF after it was signed. Thread-safe; every
 * {@link #validate} call only creates the per-document validator.
 */
final class DssValidation {

    private final CertificateVerifier verifier;
    private final ValidationPolicy policy;
    private final PdfBoxDefaultObjectFactory pdfObjects = new PdfBoxDefaultObjectFactory();

    DssValidation(List<X509Certificate> trustAnchors, DataLoader loader, PdfLimits limits) {
        // DSS parses with PDFBox too: the same memory limit, the rest in temporary files.
        pdfObjects.setPdfMemoryUsageSetting(PdfMemoryUsageSetting.mixed(limits.mainMemory().toBytes()));
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trustAnchors.forEach(c -> trusted.addCertificate(new CertificateToken(c)));
        CommonCertificateVerifier cv = new CommonCertificateVerifier();
        cv.setTrustedCertSources(trusted);
        cv.setAIASource(new DefaultAIASource(loader));
        cv.setCrlSource(new CrlOverDataLoader(loader));
        cv.setOcspSource(null);
        cv.setRevocationDataLoadingStrategyFactory(new CRLFirstRevocationDataLoadingStrategyFactory());
        // Validation reports these conditions itself; DSS's alerts would only repeat them in the log.
        cv.setAlertOnMissingRevocationData(new SilentOnStatusAlert());
        cv.setAlertOnUncoveredPOE(new SilentOnStatusAlert());
        cv.setAlertOnRevokedCertificate(new SilentOnStatusAlert());
        cv.setAlertOnInvalidTimestamp(new SilentOnStatusAlert());
        cv.setAlertOnNoRevocationAfterBestSignatureTime(new SilentOnStatusAlert());
        cv.setAlertOnExpiredCertificate(new SilentOnStatusAlert());
        cv.setAlertOnNotYetValidCertificate(new SilentOnStatusAlert());
        this.verifier = cv;
        this.policy = strictPolicy();
    }

    Reports validate(byte[] pdf) {
        PDFDocumentValidator validator = new PDFDocumentValidator(new InMemoryDocument(pdf, "document.pdf"));
        validator.setPdfObjFactory(pdfObjects);
        validator.setCertificateVerifier(verifier);
        validator.setTokenExtractionStrategy(TokenExtractionStrategy.NONE);
        validator.setIncludeSemantics(false);
        validator.setEnableEtsiValidationReport(false);
        validator.setLocale(Locale.ENGLISH);
        return validator.validateDocument(policy);
    }

    /**
     * DSS's default policy, except that a change to the document after signing fails instead of warning: a visual
     * difference between the signed and the final revision, object modifications DSS cannot classify, /ByteRange
     * collisions or an invalid /ByteRange anywhere, and DocMDP / FieldMDP / field-lock violations.
     */
    private static ValidationPolicy strictPolicy() {
        try (InputStream in = EtsiValidationPolicy.class.getResourceAsStream("/policy/constraint.xml")) {
            ConstraintsParameters p = ValidationPolicyFacade.newFacade().unmarshall(in);
            Consumer<BasicSignatureConstraints> strict = b -> {
                b.setPdfVisualDifference(fail());
                b.setPdfPageDifference(fail());
                b.setUndefinedChanges(fail());
                b.setByteRange(fail());
                b.setByteRangeCollision(fail());
                b.setByteRangeAllDocument(fail());
                b.setDocMDP(fail());
                b.setFieldMDP(fail());
                b.setSigFieldLock(fail());
            };
            strict.accept(p.getSignatureConstraints().getBasicSignatureConstraints());
            strict.accept(p.getTimestamp().getBasicSignatureConstraints());
            return new EtsiValidationPolicy(p);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load the DSS validation policy", e);
        }
    }

    private static LevelConstraint fail() {
        LevelConstraint c = new LevelConstraint();
        c.setLevel(Level.FAIL);
        return c;
    }
}
