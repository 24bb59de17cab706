package vn.truongso.school;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} on /api: signs in the token's user as the directory has them now (an account
 * disabled since, or roles changed, count at once), with no password check. A token that is not live (unknown,
 * expired, revoked, malformed, or its account disabled) is answered here with 401 {@code INVALID_TOKEN}, the same
 * for every reason. Requests without a bearer pass on untouched (HTTP Basic).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    /** Request attribute: the request was signed in by this bearer token (for revoking it). */
    static final String TOKEN = BearerTokenFilter.class.getName() + ".token";

    private final ApiTokens tokens;
    private final UserDirectory directory;

    BearerTokenFilter(ApiTokens tokens, UserDirectory directory) {
        this.tokens = tokens;
        this.directory = directory;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (!bearer(header)) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(6).strip();
        Optional<CurrentUser> user = tokens.userOf(token).flatMap(directory::find);
        if (user.isEmpty()) {
            refuse(response);
            return;
        }
        SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(
                user.get().username(), null,
                user.get().roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
        // The user just read, for UserDirectory.current() in this request: not read a second time.
        authentication.setDetails(user.get());
        context.setAuthentication(authentication);
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        request.setAttribute(TOKEN, token);
        chain.doFilter(request, response);
    }

    /** The Bearer scheme, with or without a token after it (a bare "Bearer" is a token missing, not Basic). */
    static boolean bearer(String header) {
        return header != null && header.regionMatches(true, 0, "Bearer", 0, 6)
                && (header.length() == 6 || Character.isWhitespace(header.charAt(6)));
    }

    /** One answer for every dead token: which reason it was would help only someone guessing. */
    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader("WWW-Authenticate", "Bearer realm=\"TruongSo\", error=\"invalid_token\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"urn:truongso:problem:invalid-token\",\"title\":\"Unauthorized\","
                + "\"status\":401,\"code\":\"INVALID_TOKEN\",\"detail\":\"Token không hợp lệ hoặc đã hết hạn; "
                + "hãy lấy token mới (POST /api/auth/token).\"}");
    }
}
