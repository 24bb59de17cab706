package vn.truongso.common;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error of /api/** leaves as RFC 9457 problem+json with a stable {@code code} and a Vietnamese detail. */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /**
     * The refusal the user can act on inside what the services threw, as the API would answer it: an
     * {@link ApiException} anywhere in the causes (engine and JPA wrap what our delegates throw), a request that
     * failed Bean Validation (its first violated field), or a concurrent update; empty for anything else. The pages show the same Vietnamese messages through this.
     */
    public static java.util.Optional<ApiException> explain(Throwable ex) {
        return ApiException.within(ex)
                .or(() -> ApiException.causes(ex).filter(ConstraintViolationException.class::isInstance)
                        .map(t -> Violations.refusal((ConstraintViolationException) t)).findFirst())
                .or(() -> ApiException.causes(ex).anyMatch(ProblemHandler::concurrent)
                        ? java.util.Optional.of(ApiException.conflict("CONCURRENT_UPDATE", CONCURRENT))
                        : java.util.Optional.empty());
    }

    /** Someone else changed or claimed the same row first (the engine's and JPA's optimistic locking). */
    private static boolean concurrent(Throwable t) {
        return t instanceof OptimisticLockingException || t instanceof OptimisticLockingFailureException
                || t instanceof TaskAlreadyClaimedException;
    }

    private static final String CONCURRENT = "Người khác vừa xử lý mục này trước bạn. Vui lòng tải lại.";

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> any(Exception ex) {
        // Bean Validation of a @Validated service's parameter: every violated field, not only the first (explain)
        if (ex instanceof ConstraintViolationException invalid) {
            if (invalid.getConstraintViolations() == null || invalid.getConstraintViolations().isEmpty()) {
                return problem(HttpStatus.BAD_REQUEST, Violations.GENERIC_CODE, Violations.GENERIC_DETAIL, null);
            }
            return invalid(invalid.getConstraintViolations().stream().map(Violations::of).toList());
        }
        // Engine and JPA wrap what our delegates throw: find the cause that speaks to the user.
        java.util.Optional<ApiException> known = explain(ex);
        if (known.isPresent()) {
            ApiException api = known.get();
            ResponseEntity<ProblemDetail> answer = problem(api.status(), api.code(), api.getMessage(), null);
            if (api.retryAfterSeconds() != null) {
                answer = ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                        .header(org.springframework.http.HttpHeaders.RETRY_AFTER,
                                String.valueOf(api.retryAfterSeconds()))
                        .body(answer.getBody());
            }
            return answer;
        }
        if (ApiException.causes(ex).anyMatch(AccessDeniedException.class::isInstance)) {
            return problem(HttpStatus.FORBIDDEN, "FORBIDDEN", "Bạn không có quyền thực hiện thao tác này.", null);
        }
        // Bean Validation of a request body (@Valid on a @RequestBody)
        if (ex instanceof MethodArgumentNotValidException invalid) {
            List<Violations.Violation> violations = new ArrayList<>();
            for (FieldError fe : invalid.getBindingResult().getFieldErrors()) {
                violations.add(fe.contains(ConstraintViolation.class)
                        ? Violations.of(fe.unwrap(ConstraintViolation.class))
                        : new Violations.Violation(fe.getField(), Violations.GENERIC_CODE, fe.getDefaultMessage(),
                                List.of(Integer.MAX_VALUE)));
            }
            if (!violations.isEmpty()) {
                return invalid(violations);
            }
            return problem(HttpStatus.BAD_REQUEST, Violations.GENERIC_CODE, Violations.GENERIC_DETAIL,
                    Map.of("fields", Map.of()));
        }
        if (ex instanceof HttpMessageNotReadableException || ex instanceof MethodArgumentTypeMismatchException) {
            return problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Yêu cầu không đúng định dạng.", null);
        }
        if (ex instanceof MissingServletRequestPartException || ex instanceof MissingServletRequestParameterException) {
            return problem(HttpStatus.BAD_REQUEST, "MISSING_FIELD", "Thiếu trường bắt buộc: " + ex.getMessage(), null);
        }
        if (ex instanceof MaxUploadSizeExceededException) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "DOCUMENT_TOO_LARGE",
                    "Tệp vượt quá dung lượng cho phép.", null);
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "Kiểu nội dung của yêu cầu không được hỗ trợ.", null);
        }
        if (ex instanceof HttpRequestMethodNotSupportedException) {
            return problem(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "Phương thức không được hỗ trợ.", null);
        }
        if (ex instanceof NoResourceFoundException) {
            return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Không tìm thấy địa chỉ yêu cầu.", null);
        }
        log.error("Unhandled error", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Đã có lỗi hệ thống. Vui lòng thử lại sau.", null);
    }

    /** The first violated field's code and text (see {@link Violations}), and every violated field's text. */
    private static ResponseEntity<ProblemDetail> invalid(List<Violations.Violation> violations) {
        ApiException refusal = Violations.refusal(violations);
        return problem(refusal.status(), refusal.code(), refusal.getMessage(),
                Map.of("fields", Violations.fields(violations)));
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String code, String detail,
                                                 Map<String, Object> extra) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setType(URI.create("urn:truongso:problem:" + code.toLowerCase().replace('_', '-')));
        HttpStatus known = HttpStatus.resolve(status.value());
        pd.setTitle(known != null ? known.getReasonPhrase() : "Error");
        pd.setProperty("code", code);
        if (extra != null) {
            extra.forEach(pd::setProperty);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }
}
