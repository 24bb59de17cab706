package vn.truongso.web;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import vn.truongso.common.ApiException;
import vn.truongso.common.ProblemHandler;

/**
 * A page that cannot be shown answers the error page in Vietnamese with the service's own message and status (403,
 * 404, 409…), never a stack trace. Ahead of the API's problem+json handler, for the pages' controllers only.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    private final PageModel model;

    PageErrors(PageModel model) {
        this.model = model;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView any(Exception ex, HttpServletResponse response) {
        ApiException known = ProblemHandler.explain(ex).orElse(null);
        if (known == null && ex instanceof MethodArgumentTypeMismatchException) {
            known = ApiException.notFound("trang này");
        }
        if (known == null) {
            log.error("Page failed", ex);
            return withMenu(page(response, 500, "Đã có lỗi hệ thống. Vui lòng thử lại sau."));
        }
        return withMenu(page(response, known.status().value(), known.getMessage()));
    }

    /** The error page keeps the header of the person's pages (an exception handler's view gets no model advice). */
    ModelAndView withMenu(ModelAndView mv) {
        mv.addObject("me", model.me());
        mv.addObject("menu", model.menu());
        mv.addObject("unreadCount", model.unreadCount());
        return mv;
    }

    static ModelAndView page(HttpServletResponse response, int status, String message) {
        response.setStatus(status);
        ModelAndView mv = new ModelAndView("error");
        mv.addObject("status", status);
        mv.addObject("pageMessage", message);
        return mv;
    }
}
