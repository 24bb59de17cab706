package vn.truongso.school;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
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
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * HTTP Basic on /api/**; the Camunda webapps and engine REST API for ADMIN only (the REST API has no security of its
 * own); the school PKI's public services under /pki/** open to all. Unauthenticated and forbidden answers are
 * problem+json like every other error.
 */
@Configuration
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
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

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized()))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain camunda(HttpSecurity http) throws Exception {
        // The webapps keep their own CSRF protection; the engine REST API is stateless Basic.
        http.securityMatcher("/camunda/**", "/engine-rest/**")
                .authorizeHttpRequests(a -> a.anyRequest().hasRole("ADMIN"))
                .httpBasic(Customizer.withDefaults())
                .csrf(c -> c.disable());
        return http.build();
    }

    /** The school PKI's public services (CRL, CA certificates, OCSP, TSA): validators anywhere must reach them. */
    @Bean
    @Order(3)
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

    @Bean
    @Order(4)
    SecurityFilterChain rest(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error", "/").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(Customizer.withDefaults())
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

    private static AuthenticationEntryPoint unauthorized() {
        return (request, response, ex) -> {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("WWW-Authenticate", "Basic realm=\"TruongSo\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"urn:truongso:problem:unauthorized\",\"title\":\"Unauthorized\","
                    + "\"status\":401,\"code\":\"UNAUTHORIZED\",\"detail\":\"Vui lòng đăng nhập.\"}");
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
