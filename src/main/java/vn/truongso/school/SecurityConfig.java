package vn.truongso.school;

import java.util.Collections;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
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

/**
 * HTTP Basic on /api/**; the Camunda webapps and engine REST API for ADMIN only (the REST API has no security of its
 * own). Unauthenticated and forbidden answers are problem+json like every other error.
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

    @Bean
    @Order(3)
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
