package vn.truongso.common;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;

/**
 * A refusal the user can act on: a stable machine code and a Vietnamese message, rendered as problem+json.
 * Thrown inside a transaction it also rolls back everything the request did.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private Long retryAfterSeconds;

    public ApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Asks the client to come back after this many seconds (a Retry-After header): the refusal is temporary. */
    public ApiException retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * The refusal inside what was thrown: {@code thrown} itself, or the first of its causes that is one. The engine,
     * JPA and Spring wrap what our code throws (a process step's expression, a listener, a transaction's callback);
     * the user is answered as if it had been thrown directly.
     */
    public static Optional<ApiException> within(Throwable thrown) {
        return causes(thrown).filter(ApiException.class::isInstance).map(ApiException.class::cast).findFirst();
    }

    /** {@code thrown} and its causes, outermost first (a cause that is itself ends the chain). */
    static Stream<Throwable> causes(Throwable thrown) {
        return Stream.iterate(thrown, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause());
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(HttpStatus.CONFLICT, code, message);
    }

    /** Used both for "does not exist" and "not yours": the answer must not reveal which. */
    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", "Không tìm thấy " + what + ".");
    }

    public static ApiException forbidden() {
        return new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "Bạn không có quyền thực hiện thao tác này.");
    }
}
