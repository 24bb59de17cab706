package vn.truongso.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

class PdfWorkerTest {

    private static PdfLimits limits(int workers, int queue, Duration timeout) {
        return new PdfLimits(2000, 50, 100, 200_000, 64, DataSize.ofMegabytes(64), DataSize.ofMegabytes(256),
                DataSize.ofMegabytes(16), workers, queue, timeout);
    }

    @Test
    void workThatOutlivesTheTimeoutIsAnsweredAsTooComplexNotAHungRequest() {
        // 1 s and a worker already started: the work must have begun within the timeout to be "too complex" (work
        // still queued is "busy"), and a loaded machine may take a few hundred ms to start a new thread
        try (PdfWorker worker = new PdfWorker(limits(1, 1, Duration.ofSeconds(1)))) {
            assertThat(worker.run(() -> 1)).isEqualTo(1);
            ApiException e = catchThrowableOfType(ApiException.class, () -> worker.run(() -> {
                Thread.sleep(60_000);
                return 1;
            }));
            assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(e.code()).isEqualTo("PDF_TOO_COMPLEX");
            assertThat(e.getMessage()).contains("quá phức tạp");
        }
    }

    @Test
    void whenEveryWorkerIsBusyAndTheQueueIsFullTheAnswerIs503WithRetryAfter() throws Exception {
        try (PdfWorker worker = new PdfWorker(limits(1, 1, Duration.ofSeconds(30)))) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            Thread busy = new Thread(() -> worker.run(() -> {
                started.countDown();
                return release.await(30, TimeUnit.SECONDS);
            }));
            Thread queued = new Thread(() -> worker.run(() -> release.await(30, TimeUnit.SECONDS)));
            busy.start();
            started.await(10, TimeUnit.SECONDS);
            queued.start();
            // Its file in the queue (it waits for its answer) before the next comes: a fixed pause was not always
            // enough on a loaded machine, and the next file then took the queue's place and waited 30 s.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (queued.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            ApiException e = catchThrowableOfType(ApiException.class, () -> worker.run(() -> 1));
            release.countDown();
            assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(e.code()).isEqualTo("PDF_BUSY");
            assertThat(e.retryAfterSeconds()).isPositive();
            busy.join();
            queued.join();
        }
    }

    @Test
    void aFileThatWaitedInTheQueueUntilItsTimeoutIsAnsweredBusyNotTooComplex() throws Exception {
        try (PdfWorker worker = new PdfWorker(limits(1, 4, Duration.ofMillis(300)))) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // Like PDFBox deep in a parse, the hostile work does not notice the interrupt and keeps the worker.
            Thread hostile = new Thread(() -> catchThrowableOfType(ApiException.class, () -> worker.run(() -> {
                started.countDown();
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        // keeps going
                    }
                }
                return 1;
            })));
            hostile.start();
            started.await(10, TimeUnit.SECONDS);
            ApiException e = catchThrowableOfType(ApiException.class, () -> worker.run(() -> 1));
            release.countDown();
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo("PDF_BUSY");
            assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            hostile.join();
        }
    }

    @Test
    void theDefaultQueueHoldsFiftyUploadsArrivingAtOnce() {
        assertThat(PdfLimits.DEFAULTS.workers() + PdfLimits.DEFAULTS.queue()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void errorsOfTheWorkReachTheCallerUnchanged() {
        try (PdfWorker worker = new PdfWorker(PdfLimits.DEFAULTS)) {
            ApiException e = catchThrowableOfType(ApiException.class, () -> worker.run(() -> {
                throw ApiException.badRequest("DOCUMENT_CORRUPT", "Tệp PDF bị hỏng.");
            }));
            assertThat(e.code()).isEqualTo("DOCUMENT_CORRUPT");
        }
    }
}
