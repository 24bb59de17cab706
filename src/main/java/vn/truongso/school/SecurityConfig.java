package vn.truongso.school;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Collections;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * HTTP Basic or a bearer token from POST /api/auth/token ({@link BearerTokenFilter}: the password is checked once,
 * when the token is made) on /api/**; the Camunda webapps for ADMIN only, signed in with the pages' form
 * (web.PageSecurity) and a session; the engine REST API (which deploys processes whose expressions run Java) off
 * unless {@code truongso.engine-rest.enabled}, then ADMIN only; the school PKI's public services under /pki/** open
 * to all. Browsers never get a Basic challenge, so they never cache a password that a forged cross-site request could
 * reuse. Every password check goes through {@link LoginThrottle}. Unauthenticated and forbidden answers are
 * problem+json like every other error.
 */
@Configuration
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** Wrong-password counts in the database: every node counts the same failures and honours the same locks. */
    @Bean
    LoginThrottle loginThrottle(Clock clock, ApplicationEventPublisher events, LoginThrottle.Limits limits,
                                JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new LoginThrottle(new JdbcLoginAttempts(jdbc, transactions, clock), clock, limits, events);
    }

    /** The only AuthenticationProvider: every chain's password check is throttled. */
    @Bean
    AuthenticationProvider throttledAuthentication(UserDetailsService users, PasswordEncoder encoder,
                                                   LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ThrottledAuthentication(passwords, throttle);
    }

    @Bean
    UserDetailsService userDetailsService(UserDirectory directory) {
        return username -> directory.find(username)
                .map(u -> User.withUsername(u.username())
                        .password(directory.passwordHash(u.username()))
                        .authorities(u.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList())
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }

    /** Bearer tokens of /api in the database: a token made on one node works on every node. */
    @Bean
    ApiTokens apiTokens(JdbcTemplate jdbc, Clock clock, ApiTokenProperties properties,
                        ApplicationEventPublisher events) {
        return new ApiTokens(jdbc, clock, properties, events);
    }

    /**
     * Stateless: a client sends Basic or a bearer token with every request. Not the pages' session: /api has no CSRF
     * check, so a cookie must not sign in here.
     */
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, LoginThrottle throttle, ApiTokens tokens,
                            UserDirectory directory) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .addFilterBefore(new BearerTokenFilter(tokens, directory), BasicAuthenticationFilter.class)
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized(true, throttle)))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized(true, throttle))
                        .accessDeniedHandler(forbidden()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    /**
     * The engine REST API has no security of its own and lets whoever reaches it deploy Java-running expressions:
     * 404 unless {@code truongso.engine-rest.enabled}; then ADMIN with Basic (no challenge, so no browser prompt),
     * stateless.
     */
    @Bean
    @Order(2)
    SecurityFilterChain engineRest(HttpSecurity http, LoginThrottle throttle,
                                   EngineRestProperties engineRest) throws Exception {
        boolean enabled = engineRest.enabled();
        // Path patterns on the whole path: /engine-rest is Jersey's own servlet, not Spring MVC's.
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/engine-rest/**"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .csrf(c -> c.disable());
        if (!enabled) {
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                    .addFilterBefore(notFound(), SecurityContextHolderFilter.class);
        } else {
            http.authorizeHttpRequests(a -> a.anyRequest().hasRole("ADMIN"))
                    .httpBasic(b -> b.authenticationEntryPoint(unauthorized(false, throttle)))
                    .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized(false, throttle))
                            .accessDeniedHandler(forbidden()));
        }
        return http.build();
    }

    /**
     * The Camunda webapps: ADMIN only, signed in through the pages' login form at /login (web.PageSecurity: the same
     * session, so one sign-in serves both; after it the person comes back here) and never Basic. /camunda's own API
     * is guarded by Camunda's CSRF filter (X-XSRF-TOKEN), so Spring's is not added there twice.
     */
    @Bean
    @Order(3)
    SecurityFilterChain camunda(HttpSecurity http) throws Exception {
        RequestMatcher webapps = PathPatternRequestMatcher.withDefaults().matcher("/camunda/**");
        http.securityMatcher(webapps)
                .authorizeHttpRequests(a -> a.anyRequest().hasRole("ADMIN"))
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                .csrf(c -> c.ignoringRequestMatchers(webapps));
        return http.build();
    }

    /** The school PKI's public services (CRL, CA certificates, OCSP, TSA): validators anywhere must reach them. */
    @Bean
    @Order(4)
    SecurityFilterChain pki(HttpSecurity http) throws Exception {
        http.securityMatcher("/pki/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .csrf(c -> c.disable());
        return http.build();
    }

    /**
     * OCSP over GET (RFC 6960 A.1) puts URL-encoded base64 in the path, so '/' arrives as %2F (the JDK's own
     * revocation checker does this). Tomcat passes %2F through undecoded, so it never splits a path; the firewall
     * still rejects it everywhere except under /pki/ocsp/.
     */
    @Bean
    WebSecurityCustomizer ocspGetFirewall() {
        StrictHttpFirewall strict = new StrictHttpFirewall();
        StrictHttpFirewall ocspGet = new StrictHttpFirewall();
        ocspGet.setAllowUrlEncodedSlash(true);
        ocspGet.setAllowUrlEncodedDoubleSlash(true);
        ocspGet.setAllowUrlEncodedPercent(true);
        HttpFirewall firewall = new HttpFirewall() {
            @Override
            public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
                boolean ocsp = request.getRequestURI().startsWith(request.getContextPath() + "/pki/ocsp/");
                return (ocsp ? ocspGet : strict).getFirewalledRequest(request);
            }

            @Override
            public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
                return strict.getFirewalledResponse(response);
            }
        };
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashPassthrough() {
        return factory -> factory.addConnectorCustomizers(
                c -> c.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    /**
     * Everything else (actuator, OpenAPI, error): ADMIN by Basic for scripts, never a challenge to a browser. Health
     * and info are public (a load balancer asks); the metrics on /actuator/prometheus are not, they tell who is busy
     * with what: the scraper signs in as an administrator.
     */
    @Bean
    @Order(5)
    SecurityFilterChain rest(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized(false, throttle)))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized(false, throttle)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    /** The webapps trust the person Spring Security signed in instead of showing a second login. */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappSso() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> reg = new FilterRegistrationBean<>();
        reg.setFilter(new ContainerBasedAuthenticationFilter());
        reg.setInitParameters(Collections.singletonMap("authentication-provider",
                ContainerBasedAuthenticationProvider.class.getName()));
        reg.setOrder(101);
        reg.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        return reg;
    }

    /**
     * 401 problem+json, or 429 with {@code Retry-After} while the account or address is locked. The Basic challenge
     * only when {@code challenge} and the client is not a browser: a browser would prompt, then keep sending the
     * password to this origin on its own, also with requests other sites forge. Scripts and HTTP client libraries
     * still get the challenge on /api.
     */
    private static AuthenticationEntryPoint unauthorized(boolean challenge, LoginThrottle throttle) {
        return (request, response, ex) -> {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            if (ex instanceof LoginLockedException locked) {
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                response.setHeader("Retry-After", Long.toString(locked.retryAfterSeconds(java.time.Instant.now())));
                response.getWriter().write("{\"type\":\"urn:truongso:problem:login-locked\",\"title\":\"Too Many Requests\","
                        + "\"status\":429,\"code\":\"LOGIN_LOCKED\",\"detail\":\"" + locked.vietnameseMessage() + "\"}");
                return;
            }
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            if (challenge && !fromBrowser(request)) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"TruongSo\"");
            }
            response.getWriter().write("{\"type\":\"urn:truongso:problem:unauthorized\",\"title\":\"Unauthorized\","
                    + "\"status\":401,\"code\":\"UNAUTHORIZED\",\"detail\":\"Vui lòng đăng nhập.\"}");
        };
    }

    /** A browser announces itself with Fetch Metadata (every current one) or by asking for HTML. */
    static boolean fromBrowser(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return request.getHeader("Sec-Fetch-Mode") != null || (accept != null && accept.contains("text/html"));
    }

    /** What a switched-off endpoint answers: as if it did not exist. */
    private static Filter notFound() {
        return (request, response, chain) -> {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(HttpStatus.NOT_FOUND.value());
            http.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            http.setCharacterEncoding("UTF-8");
            http.getWriter().write("{\"type\":\"urn:truongso:problem:not-found\",\"title\":\"Not Found\","
                    + "\"status\":404,\"code\":\"NOT_FOUND\",\"detail\":\"Không tìm thấy địa chỉ này.\"}");
        };
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, ex) -> {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"urn:truongso:problem:forbidden\",\"title\":\"Forbidden\","
                    + "\"status\":403,\"code\":\"FORBIDDEN\",\"detail\":\"Bạn không có quyền thực hiện thao tác này.\"}");
        };
    }
}
