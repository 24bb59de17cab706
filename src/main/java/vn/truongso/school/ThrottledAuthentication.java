package vn.truongso.school;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The one password check of the application, used by every filter chain that takes a password (they all share the
 * global AuthenticationManager): asks {@link LoginThrottle} first, then BCrypt, then tells the throttle the outcome.
 */
class ThrottledAuthentication implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledAuthentication(DaoAuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = clientAddress();
        throttle.check(username, address);
        Authentication result;
        try {
            result = passwords.authenticate(authentication);
        } catch (InternalAuthenticationServiceException broken) {
            throw broken; // the directory failed, not the person
        } catch (AuthenticationException wrong) {
            throttle.failed(username, address);
            throw wrong;
        }
        throttle.succeeded(username, address);
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The client address as Tomcat sees it (behind a reverse proxy: set server.forward-headers-strategy). */
    static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return "unknown";
    }
}
