package vn.truongso.verification;

import eu.europa.esig.dss.spi.client.http.DataLoader;
import java.util.List;
import vn.truongso.pki.SchoolPki;

/**
 * DSS's only way out to "the network" — and it never opens a socket: URLs the school PKI publishes (CRL, CA
 * certificates) are answered in-process by {@link SchoolPki#fetch}; every other URL gets nothing.
 * <p>
 * POST (OCSP) is not served: revocation is fetched as the issuing CA's CRL, which says the same for our own
 * certificates; OCSP responses the signer embedded in the document are still used.
 */
final class PkiDataLoader implements DataLoader {

    private final transient SchoolPki pki;

    /** @param pki the school PKI, or null when there is none (the command line): then nothing is ever answered */
    PkiDataLoader(SchoolPki pki) {
        this.pki = pki;
    }

    @Override
    public byte[] get(String url) {
        if (pki == null || url == null) {
            return null;
        }
        return pki.fetch(url).orElse(null);
    }

    @Override
    public DataAndUrl get(List<String> urls) {
        for (String url : urls) {
            byte[] data = get(url);
            if (data != null && data.length > 0) {
                return new DataAndUrl(url, data);
            }
        }
        return null;
    }

    @Override
    public byte[] post(String url, byte[] content) {
        return null;
    }

    @Override
    public void setContentType(String contentType) {
        // nothing to set: no HTTP happens
    }
}
