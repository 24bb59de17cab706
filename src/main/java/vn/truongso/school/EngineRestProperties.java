package vn.truongso.school;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code truongso.engine-rest.*}: Camunda's engine REST API lets whoever reaches it deploy processes whose expressions
 * run Java, so it is off unless an operator turns it on.
 *
 * @param enabled {@code /engine-rest} answers (ADMIN only, HTTP Basic); otherwise 404
 */
@ConfigurationProperties(prefix = "truongso.engine-rest")
record EngineRestProperties(boolean enabled) {
}
