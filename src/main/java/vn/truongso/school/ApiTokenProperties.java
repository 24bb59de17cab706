package vn.truongso.school;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bearer tokens of /api (POST /api/auth/token).
 *
 * @param ttl how long a token is good for from the moment it is made (a working day by default); revoking it ends it
 *            sooner
 */
@ConfigurationProperties(prefix = "truongso.api-token")
record ApiTokenProperties(@DefaultValue("8h") Duration ttl) {
}
