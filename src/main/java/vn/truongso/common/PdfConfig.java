package vn.truongso.common;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The limits for untrusted PDFs ({@code truongso.pdf.*}) and the one worker pool that applies them. */
@Configuration
@EnableConfigurationProperties(PdfLimits.class)
class PdfConfig {

    @Bean(destroyMethod = "close")
    PdfWorker pdfWorker(PdfLimits limits) {
        return new PdfWorker(limits);
    }
}
