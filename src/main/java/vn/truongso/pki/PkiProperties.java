package vn.truongso.pki;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code truongso.pki.*}: the school PKI this service runs (docs/signing.md, "The school PKI").
 *
 * @param dir       the directory made by {@code pki init}: {@code classpath:certs-sample/} (the sample), a path or
 *                  {@code file:…}
 * @param password  of the PKCS#12 files in it; never printed (see {@link #toString()})
 * @param tsaUrl    an external RFC 3161 time-stamping service instead of the built-in one; blank: built-in
 * @param tsaTrust  certificates (resource locations) an external TSA's token must chain to; required with tsaUrl
 * @param tsa       the built-in TSA over HTTP
 * @param rateLimit per client address on {@code /pki/**}
 */
@ConfigurationProperties(prefix = "truongso.pki")
record PkiProperties(String dir, String password, String tsaUrl, @DefaultValue List<String> tsaTrust,
                     @DefaultValue Tsa tsa, @DefaultValue RateLimit rateLimit) {

    /** @param open {@code public}: whether {@code POST /pki/tsa} answers anyone (it signs in the school's name) */
    record Tsa(@Name("public") @DefaultValue("false") boolean open) {
    }

    /** @param burst this many requests at once, @param requestsPerMinute refilled at this rate */
    record RateLimit(@DefaultValue("300") int burst, @DefaultValue("1200") int requestsPerMinute) {
    }

    @Override
    public String toString() {
        return "PkiProperties[dir=" + dir + ", password=***, tsaUrl=" + tsaUrl + ", tsaTrust=" + tsaTrust + ", tsa="
                + tsa + ", rateLimit=" + rateLimit + "]";
    }
}
