package vn.truongso.web;

import java.util.List;

/** The paths the pages own, so that security and the access matrix agree on them. */
public final class PagePaths {

    /** Path patterns of the pages' security chain (Spring path patterns). */
    public static final List<String> PATTERNS = List.of("/", "/login", "/logout", "/home", "/lesson-plans",
            "/lesson-plans/**", "/inbox", "/inbox/**", "/signing/**", "/files/**", "/assets/**", "/webjars/**",
            "/favicon.ico");

    /** Open to everyone: the login page and what it needs to render. */
    static final String[] PUBLIC = {"/login", "/assets/**", "/webjars/**", "/favicon.ico"};

    private PagePaths() {
    }
}
