package vn.truongso.web;

import java.util.List;

/** The paths the pages own, so that security and the access matrix agree on them. */
public final class PagePaths {

    /** Path patterns of the pages' security chain (Spring path patterns). */
    public static final List<String> PATTERNS = List.of("/", "/login", "/logout", "/home", "/lesson-plans",
            "/lesson-plans/**", "/inbox", "/inbox/**", "/signing/**", "/files/**", "/assets/**", "/webjars/**",
            "/favicon.ico",
            // the clerk's, the dashboard's, the officer's, the parent's and every signer's pages
            "/documents", "/documents/**", "/registers/**", "/paperless", "/paperless/**", "/campaigns",
            "/campaigns/**", "/applications", "/applications/**", "/credential", "/credential/**");

    /** Open to everyone: the login page and what it needs to render. */
    static final String[] PUBLIC = {"/login", "/assets/**", "/webjars/**", "/favicon.ico"};

    private PagePaths() {
    }
}
