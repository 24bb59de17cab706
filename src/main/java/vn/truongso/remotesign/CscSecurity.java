package vn.truongso.remotesign;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.truongso.school.LoginLockedException;

/**
 * HTTP security of the CSC API, beside the application's other filter chains (school's SecurityConfig; these come
 * first and match only /csc/v2/**): auth/login takes HTTP Basic with the same accounts and passwords as /api, every
 * other method a bearer token from auth/login, info is public. Stateless, no CSRF (no cookies), like /api. A missing,
 * unknown or expired token is 401 with {@code WWW-Authenticate: Bearer} and a CSC error body.
 */
@Configuration
class CscSecurity {

    private static final String REALM = "TruongSo";
    private static final String TOKEN_REFUSED = CscSecurity.class.getName() + ".refused";

    @Bean
    @Order(-2)
    SecurityFilterChain cscLogin(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint basicRequired = (request, response, ex) -> {
            if (ex instanceof LoginLockedException locked) {
                // The same lock as every other password check (school's LoginThrottle), in the CSC error shape.
                response.setHeader("Retry-After", Long.toString(locked.retryAfterSeconds(java.time.Instant.now())));
                CscErrors.write(response, HttpStatus.TOO_MANY_REQUESTS, "access_denied", locked.vietnameseMessage());
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            CscErrors.write(response, HttpStatus.UNAUTHORIZED, "access_denied",
                    "Sai tên đăng nhập hoặc mật khẩu; auth/login dùng HTTP Basic với tài khoản TruongSo.");
        };
        http.securityMatcher("/csc/v2/auth/login")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(basicRequired))
                .exceptionHandling(e -> e.authenticationEntryPoint(basicRequired).accessDeniedHandler(denied()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(-1)
    SecurityFilterChain csc(HttpSecurity http, CscTokens tokens, UserDetailsService users) throws Exception {
        AuthenticationEntryPoint bearerRequired = (request, response, ex) -> {
            Object refused = request.getAttribute(TOKEN_REFUSED);
            response.setHeader("WWW-Authenticate", refused == null ? "Bearer realm=\"" + REALM + "\""
                    : "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
            CscErrors.write(response, HttpStatus.UNAUTHORIZED, "invalid_token", refused != null ? (String) refused
                    : "Thiếu access token: hãy đăng nhập (auth/login) rồi gửi Authorization: Bearer <token>.");
        };
        http.securityMatcher("/csc/v2/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/csc/v2/info").permitAll().anyRequest().authenticated())
                .addFilterBefore(new BearerFilter(tokens, users), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(bearerRequired).accessDeniedHandler(denied()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .csrf(c -> c.disable());
        return http.build();
    }

    private static AccessDeniedHandler denied() {
        return (request, response, ex) -> CscErrors.write(response, HttpStatus.FORBIDDEN, "access_denied",
                "Bạn không có quyền thực hiện thao tác này.");
    }

    /** The token of an {@code Authorization: Bearer …} header, or null. */
    static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /**
     * Signs in the owner of a live bearer token (still an enabled account). Never answers by itself: a refused token
     * is noted for the entry point, so the public info method still answers.
     */
    static final class BearerFilter extends OncePerRequestFilter {

        private final CscTokens tokens;
        private final UserDetailsService users;

        BearerFilter(CscTokens tokens, UserDetailsService users) {
            this.tokens = tokens;
            this.users = users;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String token = bearerToken(request.getHeader("Authorization"));
            if (token != null) {
                CscTokens.Check check = tokens.check(token);
                UserDetails user = check.state() == CscTokens.State.VALID ? load(check.username()) : null;
                if (user != null) {
                    SecurityContext context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getUsername(),
                            null, user.getAuthorities()));
                    SecurityContextHolder.setContext(context);
                } else {
                    request.setAttribute(TOKEN_REFUSED, check.state() == CscTokens.State.EXPIRED
                            ? "Access token đã hết hạn; hãy đăng nhập lại (auth/login)."
                            : "Access token không hợp lệ; hãy đăng nhập lại (auth/login).");
                }
            }
            chain.doFilter(request, response);
        }

        private UserDetails load(String username) {
            try {
                UserDetails user = users.loadUserByUsername(username);
                return user.isEnabled() ? user : null;
            } catch (UsernameNotFoundException gone) {
                return null;
            }
        }
    }
}
