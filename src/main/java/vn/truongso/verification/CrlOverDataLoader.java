package vn.truongso.verification;

import eu.europa.esig.dss.crl.CRLBinary;
import eu.europa.esig.dss.crl.CRLUtils;
import eu.europa.esig.dss.crl.CRLValidity;
import eu.europa.esig.dss.enumerations.RevocationOrigin;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.CertificateExtensionsUtils;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a certificate's CRL from its distribution points through a {@link DataLoader} (DSS's own online CRL source
 * lives in dss-service, which we do not ship). Only a CRL that its issuer really signed is handed back.
 */
final class CrlOverDataLoader implements CRLSource {

    private static final Logger log = LoggerFactory.getLogger(CrlOverDataLoader.class);

    private final transient DataLoader loader;

    CrlOverDataLoader(DataLoader loader) {
        this.loader = loader;
    }

    @Override
    public CRLToken getRevocationToken(CertificateToken certificate, CertificateToken issuer) {
        if (certificate == null || issuer == null) {
            return null;
        }
        for (String url : CertificateExtensionsUtils.getCRLAccessUrls(certificate)) {
            try {
                byte[] der = loader.get(url);
                if (der == null || der.length == 0) {
                    continue;
                }
                CRLBinary binary = CRLUtils.buildCRLBinary(der);
                CRLValidity validity = CRLUtils.buildCRLValidity(binary, issuer);
                if (!validity.isSignatureIntact() || !validity.isIssuerX509PrincipalMatches()) {
                    log.warn("CRL from {} is not signed by {}", url, issuer.getSubject().getRFC2253());
                    continue;
                }
                CRLToken token = new CRLToken(certificate, validity);
                token.setSourceURL(url);
                token.setExternalOrigin(RevocationOrigin.EXTERNAL);
                return token;
            } catch (Exception e) {
                log.warn("Could not use the CRL from {}: {}", url, e.toString());
            }
        }
        return null;
    }
}
