package vn.truongso.remotesign;

import org.springframework.http.HttpStatus;

/**
 * A refusal of the CSC API in its own error shape, {@code {"error": ..., "error_description": ...}}: an OAuth-style
 * error code the client acts on and a Vietnamese description for the person.
 */
class CscException extends RuntimeException {

    private final HttpStatus status;
    private final String error;

    CscException(HttpStatus status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    static CscException invalidRequest(String description) {
        return new CscException(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }

    /** Unknown and someone else's look the same. */
    static CscException unknownCredential() {
        return invalidRequest("Tham số credentialID không hợp lệ.");
    }

    HttpStatus status() {
        return status;
    }

    String error() {
        return error;
    }
}
