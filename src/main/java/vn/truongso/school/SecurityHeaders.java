package vn.truongso.school;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every answer, set before anything else runs (so the security filters' 401s and the error
 * page carry them too): no sniffing, no framing, a content security policy, no referrer to other sites, and nothing
 * under {@code /api} and {@code /csc} stored by a browser or a shared cache (documents are other people's business).
 * The Camunda webapps and Swagger UI run their own scripts and inline styles: they get a looser policy of their own,
 * still framed by this origin only. Controllers may set their own Cache-Control (e.g. public certificates).
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {

    static final String CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
            + "object-src 'none'";
    static final String WEBAPP_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            + "frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> securityHeadersFilter() {
        FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(new Filter());
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE);
        reg.addUrlPatterns("/*");
        return reg;
    }

    static final class Filter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            boolean webapp = path.startsWith("/camunda/") || path.startsWith("/swagger-ui");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("X-Frame-Options", webapp ? "SAMEORIGIN" : "DENY");
            response.setHeader("Content-Security-Policy", webapp ? WEBAPP_CSP : CSP);
            response.setHeader("Referrer-Policy", "same-origin");
            if (path.startsWith("/api/") || path.startsWith("/csc/") || path.equals("/api")) {
                response.setHeader("Cache-Control", "private, no-store, max-age=0");
                response.setHeader("Pragma", "no-cache");
            }
            chain.doFilter(request, response);
        }
    }
}
