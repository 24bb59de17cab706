package vn.truongso.web;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** The paths the pages own, so that security and the access matrix agree on them. */
public final class PagePaths {

    /** Path patterns of the pages' security chain (Spring path patterns). */
    public static final List<String> PATTERNS = List.of("/", "/login", "/logout", "/home", "/lesson-plans",
            "/lesson-plans/**", "/inbox", "/inbox/**", "/signing/**", "/files/**", "/assets/**", "/webjars/**",
            "/favicon.ico",
            // the clerk's, the dashboard's, the officer's, the parent's and every signer's pages
            "/documents", "/documents/**", "/registers/**", "/paperless", "/paperless/**", "/campaigns",
            "/campaigns/**", "/applications", "/applications/**", "/credential", "/credential/**",
            // everyone's notifications and notification preferences; ký thay (principals, vice-principals, admins)
            "/notifications", "/notifications/**", "/delegations", "/delegations/**");

    /** Open to everyone: the login page and what it needs to render. */
    static final String[] PUBLIC = {"/login", "/assets/**", "/webjars/**", "/favicon.ico"};

    /** Where machine interfaces live: a browser there gets what a script gets. */
    private static final List<String> MACHINE_PREFIXES = List.of("/api/", "/engine-rest/", "/camunda/", "/pki/",
            "/actuator", "/v3/api-docs", "/swagger-ui", "/error");

    /**
     * A browser asking for a page (it names text/html, not only {@literal *}/{@literal *}) at a path no machine
     * interface owns, e.g. a mistyped address: signed in by the pages' session and answered with the Vietnamese page.
     */
    static final RequestMatcher BROWSER_NAVIGATION = request -> {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (MACHINE_PREFIXES.stream().anyMatch(path::startsWith)) {
            return false;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        try {
            return accept != null && MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(m -> m.getType().equals("text") && m.getSubtype().equals("html"));
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    };

    private PagePaths() {
    }
}
