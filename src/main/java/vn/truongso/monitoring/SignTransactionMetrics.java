package vn.truongso.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import vn.truongso.remotesign.SignTransactionDecided;

/**
 * Sign transactions by what their owner did: confirmed (signed), rejected, or sent a code that was refused. Counted
 * once the decision committed: a confirmation that lost a race (409) is no confirmation.
 */
@Component
class SignTransactionMetrics {

    private final Map<SignTransactionDecided.Outcome, Counter> counters =
            new EnumMap<>(SignTransactionDecided.Outcome.class);

    SignTransactionMetrics(MeterRegistry meters) {
        for (SignTransactionDecided.Outcome o : SignTransactionDecided.Outcome.values()) {
            counters.put(o, Counter.builder("truongso.sign.transactions")
                    .description("Sign transactions decided by their owner, by outcome")
                    .tag("outcome", o.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(SignTransactionDecided e) {
        counters.get(e.outcome()).increment();
    }
}
