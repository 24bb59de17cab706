package vn.truongso.paperless;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.VietnamTime;

/** Read side of the step records, for the status pages of every process. */
@Service
@Transactional(readOnly = true)
public class StepHistory {

    private final StepRecordRepository records;

    StepHistory(StepRecordRepository records) {
        this.records = records;
    }

    public record Step(String step, String name, String actor, String decision, String comment, Channel channel,
                       OffsetDateTime startedAt, OffsetDateTime endedAt) {
    }

    /** Completed steps, and the ratio of those done digitally (null before any step is done). */
    public record Share(int stepsDone, int digitalSteps, Double digitalShare) {
    }

    public List<Step> of(String processInstanceId) {
        return records.findByProcessInstanceIdOrderByStartedAtAscIdAsc(processInstanceId).stream()
                .map(r -> new Step(r.getStepId(), r.getStepName(), r.getActor(), r.getDecision(), r.getComment(),
                        r.getChannel(), VietnamTime.of(r.getStartedAt()), VietnamTime.of(r.getEndedAt())))
                .toList();
    }

    public Share share(List<Step> steps) {
        List<Step> done = steps.stream().filter(s -> s.channel() != null).toList();
        long digital = done.stream().filter(s -> s.channel() == Channel.DIGITAL).count();
        return new Share(done.size(), (int) digital, done.isEmpty() ? null : (double) digital / done.size());
    }
}
