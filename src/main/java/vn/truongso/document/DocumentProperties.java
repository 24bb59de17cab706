package vn.truongso.document;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code truongso.documents.*}: @param maxSize the largest file an upload may be (413 beyond it) */
@ConfigurationProperties(prefix = "truongso.documents")
record DocumentProperties(@DefaultValue("50MB") DataSize maxSize) {
}
