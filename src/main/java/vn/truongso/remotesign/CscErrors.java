package vn.truongso.remotesign;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import vn.truongso.common.ApiException;

/**
 * Every error of the CSC API in the specification's shape, {@code {"error", "error_description"}}, with the
 * description in Vietnamese. Refusals of the shared remote-signing checks (codes, lock, credential status) keep
 * their HTTP status and meaning: a wrong or used code is {@code invalid_otp}, a lock is 423 {@code access_denied}.
 */
@RestControllerAdvice(assignableTypes = CscController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CscErrors {

    private static final Logger log = LoggerFactory.getLogger(CscErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> any(Exception ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CscException csc) {
                return error(csc.status(), csc.error(), csc.getMessage());
            }
            if (t instanceof ApiException api) {
                return fromApi(api);
            }
            if (t instanceof OptimisticLockingFailureException) {
                return error(HttpStatus.CONFLICT, "invalid_request",
                        "Một yêu cầu khác vừa dùng chứng thư hoặc SAD này cùng lúc; hãy thử lại.");
            }
        }
        if (ex instanceof HttpMessageNotReadableException) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "Yêu cầu không đúng định dạng JSON.");
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request",
                    "Yêu cầu phải có Content-Type: application/json.");
        }
        log.error("CSC API: unhandled error", ex);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "Đã có lỗi hệ thống. Vui lòng thử lại sau.");
    }

    private static ResponseEntity<Map<String, String>> fromApi(ApiException api) {
        return switch (api.code()) {
            case "OTP_INVALID", "OTP_REUSED" -> error(HttpStatus.BAD_REQUEST, "invalid_otp", api.getMessage());
            case "CREDENTIAL_LOCKED" -> error(HttpStatus.LOCKED, "access_denied", api.getMessage());
            case "FORBIDDEN" -> error(HttpStatus.FORBIDDEN, "access_denied", api.getMessage());
            case "NOT_FOUND" -> error(HttpStatus.BAD_REQUEST, "invalid_request", CscException.unknownCredential()
                    .getMessage());
            // CREDENTIAL_NOT_ACTIVE, TOTP_NOT_ENROLLED, ...: the key cannot sign now.
            default -> error(HttpStatus.BAD_REQUEST, "invalid_request", api.getMessage());
        };
    }

    static ResponseEntity<Map<String, String>> error(HttpStatus status, String error, String description) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body(error, description));
    }

    /** For the security filters, which answer before any controller. */
    static void write(HttpServletResponse response, HttpStatus status, String error, String description)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body(error, description)));
    }

    private static Map<String, String> body(String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return body;
    }
}
