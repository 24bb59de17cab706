package vn.truongso.remotesign;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import vn.truongso.common.ApiException;

/**
 * Every error under /csc/v2 in the CSC API's shape, {@code {"error", "error_description"}}, with the description in
 * Vietnamese: the methods' refusals and also what happens before any method (unknown path, GET instead of POST,
 * unreadable JSON). Refusals of the shared remote-signing checks keep their HTTP status and meaning: a wrong or used
 * code is {@code invalid_otp}, a lock is 423 {@code access_denied}. It runs before the application's problem+json
 * handler, for these paths only.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CscErrors implements HandlerExceptionResolver {

    private static final Logger log = LoggerFactory.getLogger(CscErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Refusal(HttpStatus status, String error, String description) {
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/csc/v2/")) {
            return null;
        }
        Refusal r = refusal(ex);
        try {
            write(response, r.status(), r.error(), r.description());
        } catch (IOException e) {
            log.debug("CSC API: could not write the error answer", e);
        }
        return new ModelAndView();
    }

    private static Refusal refusal(Exception ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CscException csc) {
                return new Refusal(csc.status(), csc.error(), csc.getMessage());
            }
            if (t instanceof ApiException api) {
                return fromApi(api);
            }
            if (t instanceof OptimisticLockingFailureException) {
                return new Refusal(HttpStatus.CONFLICT, "invalid_request",
                        "Một yêu cầu khác vừa dùng chứng thư hoặc SAD này cùng lúc; hãy thử lại.");
            }
        }
        if (ex instanceof HttpMessageNotReadableException) {
            return new Refusal(HttpStatus.BAD_REQUEST, "invalid_request", "Yêu cầu không đúng định dạng JSON.");
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return new Refusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request",
                    "Yêu cầu phải có Content-Type: application/json.");
        }
        if (ex instanceof HttpRequestMethodNotSupportedException) {
            return new Refusal(HttpStatus.METHOD_NOT_ALLOWED, "invalid_request",
                    "Các phương thức của CSC API chỉ nhận POST.");
        }
        if (ex instanceof NoResourceFoundException) {
            return new Refusal(HttpStatus.NOT_FOUND, "invalid_request", "Không có phương thức CSC API này.");
        }
        log.error("CSC API: unhandled error", ex);
        return new Refusal(HttpStatus.INTERNAL_SERVER_ERROR, "server_error",
                "Đã có lỗi hệ thống. Vui lòng thử lại sau.");
    }

    private static Refusal fromApi(ApiException api) {
        return switch (api.code()) {
            case "OTP_INVALID", "OTP_REUSED" -> new Refusal(HttpStatus.BAD_REQUEST, "invalid_otp", api.getMessage());
            case "CREDENTIAL_LOCKED" -> new Refusal(HttpStatus.LOCKED, "access_denied", api.getMessage());
            case "FORBIDDEN" -> new Refusal(HttpStatus.FORBIDDEN, "access_denied", api.getMessage());
            case "NOT_FOUND" -> new Refusal(HttpStatus.BAD_REQUEST, "invalid_request",
                    CscException.unknownCredential().getMessage());
            // CREDENTIAL_NOT_ACTIVE, TOTP_NOT_ENROLLED, ...: the key cannot sign now.
            default -> new Refusal(HttpStatus.BAD_REQUEST, "invalid_request", api.getMessage());
        };
    }

    /** Also for the security filters, which answer before any method. */
    static void write(HttpServletResponse response, HttpStatus status, String error, String description)
            throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
