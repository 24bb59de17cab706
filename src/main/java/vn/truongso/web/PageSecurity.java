package vn.truongso.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import vn.truongso.school.LoginLockedException;

/**
 * The pages' chain: our login form at /login and a session, CSRF on (forms carry the token, htmx sends it as a
 * header from the page's meta tags), signed-in for everything but the login page and assets. The password check is
 * the application's one throttled AuthenticationProvider (wrong passwords lock the account and the address). Role
 * rules stay with the services; a page reached by the wrong role gets the Vietnamese 403 page from them.
 */
@Configuration
class PageSecurity {

    /** Where the login page says why the last attempt failed. */
    static final String FAILURE_MESSAGE = "TRUONGSO_LOGIN_FAILURE";

    @Bean
    @Order(4)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        RequestMatcher[] owned = PagePaths.PATTERNS.stream().map(path::matcher).toArray(RequestMatcher[]::new);
        RequestMatcher[] open = java.util.Arrays.stream(PagePaths.PUBLIC).map(path::matcher)
                .toArray(RequestMatcher[]::new);
        RequestMatcher pagesOrBrowser = new OrRequestMatcher(new OrRequestMatcher(owned),
                PagePaths.BROWSER_NAVIGATION);
        http.securityMatcher(pagesOrBrowser)
                .authorizeHttpRequests(a -> a.requestMatchers(open).permitAll().anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(failure()))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"));
        return http.build();
    }

    /** Back to the form, with the reason in the session: the lock message names when to try again. */
    private static AuthenticationFailureHandler failure() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) -> {
            String message = ex instanceof LoginLockedException locked ? locked.vietnameseMessage()
                    : "Tên đăng nhập hoặc mật khẩu không đúng. Nhập sai nhiều lần liên tiếp, tài khoản sẽ bị tạm khoá.";
            request.getSession().setAttribute(FAILURE_MESSAGE, message);
            response.sendRedirect(request.getContextPath() + "/login?error");
        };
    }
}
