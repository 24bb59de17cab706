package vn.truongso.pki;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The public PKI services (/pki/**) answer anyone, so each client address gets a token bucket: {@code burst}
 * requests at once, refilled at {@code requests-per-minute}. Beyond it: 429 with Retry-After, for OCSP as the
 * protocol says it (an unsigned "tryLater" response), otherwise problem+json. The address is the request's remote
 * address: behind a reverse proxy, set {@code server.forward-headers-strategy} so it is the client's, not the proxy's.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PkiRateLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(PkiRateLimit.class);
    /** RFC 6960 OCSPResponse { responseStatus tryLater(3) }, nothing else: no signature needed. */
    static final byte[] OCSP_TRY_LATER = {0x30, 0x03, 0x0A, 0x01, 0x03};
    /** Addresses remembered at most; beyond it idle ones are forgotten (a full bucket is the same as none). */
    private static final int MAX_CLIENTS = 100_000;

    private final int burst;
    private final double perNano;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** The clock the buckets refill by; a test holds it still to count exactly. */
    volatile LongSupplier nanoTime = System::nanoTime;

    PkiRateLimit(PkiProperties properties) {
        int burst = properties.rateLimit().burst();
        int perMinute = properties.rateLimit().requestsPerMinute();
        if (burst < 1 || perMinute < 1) {
            throw new IllegalStateException("truongso.pki.rate-limit.burst and requests-per-minute must be positive");
        }
        this.burst = burst;
        this.perNano = perMinute / (double) TimeUnit.MINUTES.toNanos(1);
    }

    int burst() {
        return burst;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/pki/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long wait = take(request.getRemoteAddr(), nanoTime.getAsLong());
        if (wait == 0) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait) + 1);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setHeader("Cache-Control", "no-store");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(PkiUrls.OCSP) || path.startsWith(PkiUrls.OCSP + "/")) {
            response.setContentType(PkiController.OCSP_RESPONSE.toString());
            response.setContentLength(OCSP_TRY_LATER.length);
            response.getOutputStream().write(OCSP_TRY_LATER);
            return;
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"urn:truongso:problem:too-many-requests\",\"title\":\"Too Many "
                + "Requests\",\"status\":429,\"code\":\"PKI_TOO_MANY_REQUESTS\",\"detail\":\"Quá nhiều yêu cầu từ "
                + "địa chỉ này. Vui lòng thử lại sau " + seconds + " giây.\"}");
    }

    /** 0 when a token was taken, else how long (ns) until the next one. */
    long take(String client, long now) {
        if (buckets.size() > MAX_CLIENTS) {
            forgetIdle(now);
        }
        Bucket b = buckets.computeIfAbsent(client == null ? "" : client, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + Math.max(0, now - b.last) * perNano);
            b.last = Math.max(b.last, now);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                b.refusing = false;
                return 0;
            }
            if (!b.refusing) {
                // Logged once per refusal streak, not once per request.
                log.warn("School PKI: client {} exceeds {} requests at once; answering 429", client, burst);
                b.refusing = true;
            }
            return (long) Math.ceil((1 - b.tokens) / perNano);
        }
    }

    private void forgetIdle(long now) {
        long full = (long) (burst / perNano);
        buckets.entrySet().removeIf(e -> now - e.getValue().last > full);
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear(); // a flood of addresses: start again rather than grow without bound
        }
    }

    private static final class Bucket {
        double tokens;
        long last;
        boolean refusing;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }
}
