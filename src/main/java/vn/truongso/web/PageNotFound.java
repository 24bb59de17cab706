package vn.truongso.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import vn.truongso.common.ApiException;

/**
 * An address nothing answers (e.g. {@code /inbox/a/b}, a mistyped link), asked for by a browser: the Vietnamese 404
 * page with the person's menu. Anything else, and every script, falls through to the API's problem+json.
 */
@Component
class PageNotFound implements HandlerExceptionResolver, Ordered {

    private final PageErrors errors;

    PageNotFound(PageErrors errors) {
        this.errors = errors;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        if (!(ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException)
                || !PagePaths.BROWSER_NAVIGATION.matches(request)) {
            return null;
        }
        return errors.withMenu(PageErrors.page(response, 404, ApiException.notFound("trang này").getMessage()));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
