package vn.truongso.support;

import java.net.http.HttpResponse;

/** What the tests that sign in to the pages share: the session cookie a login answer sets. */
public final class PageSession {

    private PageSession() {
    }

    /** {@code JSESSIONID=…} from the answer's Set-Cookie, else the cookie the caller had. */
    public static String cookie(HttpResponse<?> r, String had) {
        return r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("JSESSIONID="))
                .map(h -> h.indexOf(';') < 0 ? h : h.substring(0, h.indexOf(';'))).findFirst().orElse(had);
    }
}
