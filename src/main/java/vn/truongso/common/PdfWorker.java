package vn.truongso.common;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;

/**
 * A few threads, a short queue and a deadline for the heavy work on untrusted PDFs, so that a hostile file can
 * neither hang the request that brought it nor take every request thread. A request whose work does not finish in
 * time is answered 422 PDF_TOO_COMPLEX (its work is interrupted; PDFBox may need a moment to notice); when every
 * worker is busy and the queue is full, or the request's work never left the queue in time, 503 PDF_BUSY with
 * Retry-After.
 */
public class PdfWorker implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final PdfLimits limits;

    public PdfWorker(PdfLimits limits) {
        this.limits = limits;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "pdf-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, limits.queue())), threads, new ThreadPoolExecutor.AbortPolicy());
    }

    public PdfLimits limits() {
        return limits;
    }

    /** Runs {@code work} on a worker and waits for it at most the configured timeout. */
    public <T> T run(Callable<T> work) {
        if (Thread.currentThread().getName().startsWith("pdf-worker-")) {
            return call(work); // already on a worker: waiting for another would only risk a deadlock
        }
        Future<T> future;
        AtomicBoolean started = new AtomicBoolean();
        try {
            future = pool.submit(() -> {
                started.set(true);
                return work.call();
            });
        } catch (RejectedExecutionException e) {
            throw busy();
        }
        try {
            return future.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            // Still waiting behind other files says nothing about this one: busy, not too complex.
            throw started.get() ? SafePdf.tooComplex("xử lý quá " + limits.timeout().toSeconds() + " giây") : busy();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw SafePdf.tooComplex("yêu cầu bị hủy");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private ApiException busy() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "PDF_BUSY",
                "Hệ thống đang xử lý nhiều tệp PDF; vui lòng thử lại sau ít phút.")
                .retryAfter(Math.max(1, limits.timeout().toSeconds()));
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
