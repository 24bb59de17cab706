package vn.truongso.verification;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code truongso.verification.*}.
 *
 * @param trustAnchors Spring resource locations of X.509 root certificates (PEM or DER) that signatures may chain to,
 *                     besides the school PKI's root, e.g. {@code file:certs-sample/root-ca.pem}
 */
@ConfigurationProperties(prefix = "truongso.verification")
record VerificationProperties(List<String> trustAnchors) {

    VerificationProperties {
        trustAnchors = trustAnchors == null ? List.of() : List.copyOf(trustAnchors);
    }
}
