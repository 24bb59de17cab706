package vn.truongso.steps;

import vn.truongso.common.Channel;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.VietnamTime;

/**
 * Read side of the step records, for the status pages of every process: people's steps ({@link #of}), the whole story
 * with what the engine did ({@link #story}), how paperless an instance went ({@link #share}), and the process record of
 * a document ({@link #lastCompleted}).
 */
@Service
@Transactional(readOnly = true)
public class StepHistory {

    private final StepRecordRepository records;
    private final ProcessRecordRepository processes;

    StepHistory(StepRecordRepository records, ProcessRecordRepository processes) {
        this.records = records;
        this.processes = processes;
    }

    /**
     * One recorded step.
     *
     * @param id                   the step record, e.g. for attaching the scan of a step done on paper
     * @param kind                 SUBMISSION, TASK or SIGNATURE; in a {@link #story}, also AUTOMATIC, WAIT or END
     * @param channel              DIGITAL or PAPER once done; null while open, or when it ended without being done
     *                             (cancelled, a signature rejected or expired)
     * @param documentPages        pages of the step's document (its version when the step ended)
     * @param printedCopies        copies the step used to print, as its BPMN declares ({@code printedCopies})
     * @param pagesAvoided         printed pages not needed because it was done digitally (copies × pages)
     * @param signedElectronically for signatures: true if signed electronically, false if by hand on paper
     * @param scanDocumentId       the scan of a step done on paper, once the clerk attached it
     * @param authority            the capacity the actor acted or signed in when it was not their own: a
     *                             vice-principal doing the principal's step, "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG (ký
     *                             thay)"; null otherwise
     */
    public record Step(Long id, StepKind kind, String step, String name, String actor, String decision,
                       String comment, Channel channel, OffsetDateTime startedAt, OffsetDateTime endedAt,
                       UUID documentId, Integer documentPages, Integer printedCopies, Integer pagesAvoided,
                       Boolean signedElectronically, UUID scanDocumentId, String authority) {
    }

    /**
     * How paperless one instance went: completed steps, those done digitally and their ratio (null before any step
     * is done), signatures given and those made electronically, and the printed pages avoided.
     */
    public record Share(int stepsDone, int digitalSteps, Double digitalShare, int signatures,
                        int electronicSignatures, int pagesAvoided, boolean fullyDigital) {
    }

    /**
     * One tracked process instance.
     *
     * @param outcome COMPLETED or CANCELLED once ended; null while it runs
     */
    public record Instance(String processInstanceId, String processKey, String processName, String businessKey,
                           String tenantId, UUID documentId, String startedBy, OffsetDateTime startedAt,
                           OffsetDateTime endedAt, String outcome) {
    }

    /** The steps people did in the instance (submission, tasks, signatures), in order: what its history shows. */
    public List<Step> of(String processInstanceId) {
        return story(processInstanceId).stream().filter(s -> s.kind().byPerson()).toList();
    }

    /** Every recorded step of the instance in order, with what the engine did, waited for, and the end. */
    public List<Step> story(String processInstanceId) {
        return records.findByProcessInstanceIdOrderByStartedAtAscIdAsc(processInstanceId).stream()
                .map(StepHistory::view).toList();
    }

    /** The latest completed instance that carried the document, if any. */
    public Optional<Instance> lastCompleted(UUID documentId) {
        return processes.findByDocumentIdOrderByStartedAtDesc(documentId).stream().filter(ProcessRecord::completed)
                .findFirst().map(p -> new Instance(p.getProcessInstanceId(), p.getProcessKey(), p.getProcessName(),
                        p.getBusinessKey(), p.getTenantId(), p.getDocumentId(), p.getStartedBy(),
                        VietnamTime.of(p.getStartedAt()), VietnamTime.of(p.getEndedAt()), p.getOutcome()));
    }

    static Step view(StepRecord r) {
        return new Step(r.getId(), r.getKind(), r.getStepId(), r.getStepName(), r.getActor(), r.getDecision(),
                r.getComment(), r.getChannel(), VietnamTime.of(r.getStartedAt()), VietnamTime.of(r.getEndedAt()),
                r.getDocumentId(), r.getDocumentPages(), r.getPrintedCopies(), r.getPagesAvoided(),
                r.getSignedElectronically(), r.getScanDocumentId(), r.getAuthority());
    }

    public Share share(List<Step> steps) {
        List<Step> done = steps.stream().filter(s -> s.channel() != null).toList();
        long digital = done.stream().filter(s -> s.channel() == Channel.DIGITAL).count();
        List<Step> signatures = done.stream().filter(s -> s.kind() == StepKind.SIGNATURE).toList();
        long electronic = signatures.stream().filter(s -> Boolean.TRUE.equals(s.signedElectronically())).count();
        int avoided = steps.stream().map(Step::pagesAvoided).filter(Objects::nonNull).mapToInt(Integer::intValue).sum();
        return new Share(done.size(), (int) digital, done.isEmpty() ? null : (double) digital / done.size(),
                signatures.size(), (int) electronic, avoided, !done.isEmpty() && digital == done.size());
    }
}
