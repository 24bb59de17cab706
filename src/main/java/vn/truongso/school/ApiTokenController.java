package vn.truongso.school;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.common.ApiException;
import vn.truongso.common.VietnamTime;

/**
 * Sign in once: POST with HTTP Basic (the throttled password check of every chain) answers a bearer token for the
 * rest of /api; DELETE with that token ends it.
 */
@RestController
@RequestMapping("/api/auth/token")
class ApiTokenController {

    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record TokenResponse(String token, OffsetDateTime expiresAt, String tokenType) {
        @Override
        public String toString() {
            return "TokenResponse[hidden, until " + expiresAt + "]";
        }
    }

    @PostMapping
    @Operation(summary = "A bearer token for /api, for the account whose password is sent (HTTP Basic)",
            security = @SecurityRequirement(name = "basic"))
    ResponseEntity<TokenResponse> issue(HttpServletRequest request) {
        if (request.getAttribute(BearerTokenFilter.TOKEN) != null) {
            // A token must not renew itself: its lifetime would never end without the password.
            throw new ApiException(HttpStatus.FORBIDDEN, "PASSWORD_REQUIRED",
                    "Chỉ cấp token mới khi đăng nhập bằng mật khẩu (HTTP Basic).");
        }
        ApiTokens.Issued issued = tokens.issue(SecurityContextHolder.getContext().getAuthentication().getName());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new TokenResponse(issued.token(), VietnamTime.of(issued.expiresAt()), "Bearer"));
    }

    @DeleteMapping
    @Operation(summary = "Ends the bearer token this request is signed in with",
            security = @SecurityRequirement(name = "bearer"))
    ResponseEntity<Void> revoke(HttpServletRequest request) {
        Object token = request.getAttribute(BearerTokenFilter.TOKEN);
        if (token == null) {
            throw ApiException.badRequest("BEARER_TOKEN_REQUIRED",
                    "Gửi token cần huỷ trong Authorization: Bearer <token>.");
        }
        tokens.revoke(SecurityContextHolder.getContext().getAuthentication().getName(), (String) token);
        return ResponseEntity.noContent().build();
    }
}
