package vn.truongso.signing;

import static vn.truongso.steps.ProcessVariables.SIGNATURE_OUTCOME;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentHolds;
import vn.truongso.document.DocumentService;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;
import vn.truongso.steps.SignatureOutcome;

/**
 * Signatures confirmed on the signer's phone, the Smart CA way, for any process. A BPMN step calls
 * bpmn/remote-signature.bpmn, which prepares the signature on the document's current version and waits; whoever
 * completed the step then asks for one confirmation of everything they just approved
 * ({@link #requestConfirmation}); the signer's decision moves every waiting process in the same database transaction,
 * and the signature values are put into the PDFs by an asynchronous step that survives a restart.
 */
@Service
@Transactional
public class RemoteSignatures {

    private static final Logger log = LoggerFactory.getLogger(RemoteSignatures.class);
    static final String MESSAGE = "signatureDecided";

    private final PendingSignatureRepository pending;
    private final SignatureConfirmations confirmations;
    private final DocumentService documents;
    private final UserDirectory users;
    private final PadesSigner pades;
    private final SigningProperties properties;
    private final RuntimeService runtime;
    private final Clock clock;
    private final Duration timeout;
    private final ApplicationEventPublisher events;
    private final DocumentHolds holds;
    /** How long putting one confirmed signature into its PDF takes (time-stamps and revocation data included). */
    private final Timer signingTime;

    RemoteSignatures(PendingSignatureRepository pending, SignatureConfirmations confirmations,
                     DocumentService documents, UserDirectory users, PadesSigner pades, SigningProperties properties,
                     RuntimeService runtime, Clock clock, ApplicationEventPublisher events, DocumentHolds holds,
                     MeterRegistry meters) {
        this.holds = holds;
        this.signingTime = Timer.builder("truongso.signing.time")
                .description("Time to put one PAdES signature into its document, at the configured level")
                .tag("level", properties.getLevel().name())
                .serviceLevelObjectives(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30))
                .register(meters);
        this.events = events;
        this.pending = pending;
        this.confirmations = confirmations;
        this.documents = documents;
        this.users = users;
        this.pades = pades;
        this.properties = properties;
        this.runtime = runtime;
        this.clock = clock;
        this.timeout = properties.getConfirmationTimeout();
    }

    /** How long a process waits for the signer's code: as long as the sign transaction lives. */
    Duration timeout() {
        return timeout;
    }

    /**
     * What the signer is asked to confirm: one transaction for every signature they have just prepared.
     *
     * @param displayText e.g. "Ký duyệt 12 kế hoạch bài dạy"
     */
    public record Confirmation(UUID transactionId, String displayText, int documents, OffsetDateTime expiresAt) {
    }

    /**
     * Puts every signature the signer has prepared (in this request: one task, or a whole batch) into one sign
     * transaction. Empty when there was nothing to sign.
     */
    public Optional<Confirmation> requestConfirmation(String signer) {
        List<PendingSignature> prepared = pending.findBySignerAndStatusOrderByCreatedAt(signer,
                PendingSignature.Status.PREPARED);
        if (prepared.isEmpty()) {
            return Optional.empty();
        }
        List<DigestToSign> digests = prepared.stream()
                .map(p -> new DigestToSign(p.getLabel(), CmsSignature.sha256(p.getSignedAttributes()))).toList();
        String roles = "Ký duyệt văn bản";
        if (prepared.stream().map(PendingSignature::getSignerRole).distinct().count() == 1) {
            String role = prepared.get(0).getSignerRole();
            roles = properties.reason(role, users.find(signer).map(p -> Authority.of(p, role)).orElse(null));
        }
        String display = displayText(prepared, roles);
        SignatureConfirmations.Opened opened = confirmations.open(signer, roles, display, digests);
        for (int i = 0; i < prepared.size(); i++) {
            prepared.get(i).requested(opened.id(), i);
        }
        return Optional.of(new Confirmation(opened.id(), display, prepared.size(), VietnamTime.of(opened.expiresAt())));
    }

    private static String displayText(List<PendingSignature> prepared, String reason) {
        if (prepared.size() == 1) {
            return reason + ": " + prepared.get(0).getLabel();
        }
        List<String> kinds = prepared.stream().map(PendingSignature::getDocumentKind).distinct().toList();
        return "Ký duyệt " + prepared.size() + " " + (kinds.size() == 1 ? kinds.get(0) : "văn bản");
    }

    /** The signer's decision reaches every process waiting for one of the transaction's signatures. */
    @EventListener
    void decided(SignatureConfirmationDecided decision) {
        for (PendingSignature p : pending.findByTransactionIdOrderByItemIndex(decision.transactionId())) {
            if (p.getStatus() != PendingSignature.Status.REQUESTED) {
                continue;
            }
            SignatureOutcome outcome;
            if (decision.signed()) {
                p.confirmed(decision.signatureValues().get(p.getItemIndex()), clock.instant());
                outcome = SignatureOutcome.SIGNED;
            } else {
                p.ended(PendingSignature.Status.REJECTED, clock.instant());
                outcome = SignatureOutcome.REJECTED;
            }
            if (runtime.createExecutionQuery().processInstanceId(p.getProcessInstanceId())
                    .messageEventSubscriptionName(MESSAGE).count() == 0) {
                // The process was cancelled meanwhile: keep the decision, move nothing.
                log.warn("Remote signing: process {} no longer waits for signature {}", p.getProcessInstanceId(),
                        p.getId());
                continue;
            }
            runtime.createMessageCorrelation(MESSAGE).processInstanceId(p.getProcessInstanceId())
                    .setVariable(SIGNATURE_OUTCOME, outcome.name()).correlateWithResult();
        }
    }

    /**
     * A signature a process is waiting for: who must confirm, since when, until when.
     *
     * @param step awaitConfirmation while the code is awaited, applySignature once confirmed
     */
    public record Waiting(String signer, String step, String name, OffsetDateTime since, OffsetDateTime expiresAt,
                          UUID transactionId) {
    }

    /** The signature the process (through its remote-signature call) is waiting for, if any: "where is it now?" */
    @Transactional(readOnly = true)
    public Optional<Waiting> waitingIn(String processInstanceId) {
        for (ProcessInstance sub : runtime.createProcessInstanceQuery().superProcessInstanceId(processInstanceId).list()) {
            Optional<PendingSignature> open = pending.findFirstByProcessInstanceIdOrderByCreatedAtDesc(sub.getId());
            if (open.isPresent()) {
                PendingSignature p = open.get();
                String who = users.find(p.getSigner()).map(CurrentUser::fullName).orElse(p.getSigner());
                switch (p.getStatus()) {
                    case PREPARED, REQUESTED -> {
                        return Optional.of(new Waiting(p.getSigner(), "awaitConfirmation",
                                "Chờ " + who + " xác nhận ký số bằng mã OTP", VietnamTime.of(p.getCreatedAt()),
                                VietnamTime.of(p.getCreatedAt().plus(timeout)), p.getTransactionId()));
                    }
                    case CONFIRMED -> {
                        return Optional.of(new Waiting(p.getSigner(), "applySignature",
                                who + " đã xác nhận; đang đưa chữ ký vào văn bản", VietnamTime.of(p.getDecidedAt()),
                                null, p.getTransactionId()));
                    }
                    default -> {
                    }
                }
            }
        }
        return Optional.empty();
    }

    // ---- the steps of bpmn/remote-signature.bpmn (RemoteSignatureSteps) -------------------------------------------

    /**
     * Phase 1: the signature dictionary, appearance and signed attributes, over the version the calling process pinned
     * (its current version when no process holds it). Refused, changing nothing, if the newest version is not the
     * pinned one.
     */
    PendingSignature prepare(String processInstanceId, UUID documentId, String signer, String role, String label,
                             String kind) {
        CurrentUser person = users.find(signer)
                .orElseThrow(() -> new IllegalStateException("Unknown signer " + signer));
        List<X509Certificate> chain = confirmations.chain(signer);
        DocumentService.Latest latest = holds.toSign(documentId);
        PreparedSignature prepared = pades.prepare(latest.bytes(), request(person, role, chain));
        byte[] increment = Arrays.copyOfRange(prepared.pdf(), latest.bytes().length, prepared.pdf().length);
        return pending.save(new PendingSignature(documentId, latest.version(), signer, role, label, kind,
                processInstanceId, increment, prepared.signedAttributes(), chain, clock.instant())
                .placedAt(prepared.placement()));
    }

    record Applied(SignatureOutcome outcome, String note) {
    }

    /**
     * Phase 2, run as its own job after the confirmation committed: the signature value goes into the prepared PDF,
     * which becomes the document's next version. Runs again after a crash; never signs twice.
     */
    Applied apply(UUID pendingId) {
        PendingSignature p = pending.findById(pendingId).orElseThrow();
        CurrentUser person = users.find(p.getSigner())
                .orElseThrow(() -> new IllegalStateException("Unknown signer " + p.getSigner()));
        String reason = properties.reason(p.getSignerRole(), Authority.of(person, p.getSignerRole()));
        if (p.getStatus() == PendingSignature.Status.APPLIED) {
            return new Applied(SignatureOutcome.SIGNED, note(person, reason, p.getAppliedVersion(), p.getPlacement()));
        }
        if (p.getStatus() != PendingSignature.Status.CONFIRMED) {
            throw new IllegalStateException("Signature " + pendingId + " is " + p.getStatus() + ", not confirmed");
        }
        DocumentService.Latest latest;
        try {
            latest = holds.toSign(p.getDocumentId());
        } catch (ApiException e) {
            latest = null; // no longer the pinned version: the same as changed
        }
        if (latest == null || latest.version() != p.getBaseVersion()) {
            p.ended(PendingSignature.Status.DOCUMENT_CHANGED, clock.instant());
            return new Applied(SignatureOutcome.DOCUMENT_CHANGED, "Văn bản đã có phiên bản mới trước khi "
                    + "chữ ký được đưa vào; chưa ký, hãy ký lại trên phiên bản mới.");
        }
        byte[] base = latest.bytes();
        byte[] prepared = Arrays.copyOf(base, base.length + p.getIncrementBytes().length);
        System.arraycopy(p.getIncrementBytes(), 0, prepared, base.length, p.getIncrementBytes().length);
        Timer.Sample started = Timer.start();
        byte[] signed = pades.complete(new PreparedSignature(prepared, p.getSignedAttributes(),
                CmsSignature.sha256(p.getSignedAttributes())), request(person, p.getSignerRole(), p.chain()),
                p.getSignatureValue());
        started.stop(signingTime);
        int version = documents.addProducedVersion(p.getDocumentId(), p.getBaseVersion(), signed,
                "Ký số: " + person.fullName() + " – " + reason, p.getSigner());
        p.applied(version);
        events.publishEvent(new SignatureApplied(p.getDocumentId(), p.getBaseVersion(), version, latest.sha256(),
                java.util.HexFormat.of().formatHex(CmsSignature.sha256(signed)), p.getSigner(),
                person.organisationCode(), p.getSignerRole(), p.getTransactionId(), p.getProcessInstanceId()));
        return new Applied(SignatureOutcome.SIGNED, note(person, reason, version, p.getPlacement()));
    }

    /** The signer did not confirm in time: the transaction ends too, so a late code cannot sign. */
    void expire(UUID pendingId) {
        PendingSignature p = pending.findById(pendingId).orElseThrow();
        if (p.getStatus() == PendingSignature.Status.PREPARED || p.getStatus() == PendingSignature.Status.REQUESTED) {
            p.ended(PendingSignature.Status.EXPIRED, clock.instant());
            if (p.getTransactionId() != null) {
                confirmations.expire(p.getTransactionId());
            }
        }
    }

    /**
     * The signature as this person gives it in this role. Someone who signs the principal's approval without being the
     * principal — the vice-principal it was delegated to — signs "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG": in the
     * appearance above the name, in the reason, and under that heading when the document has one
     * ({@link Authority#of}).
     */
    private SignatureRequest request(CurrentUser person, String role, List<X509Certificate> chain) {
        Authority authority = Authority.of(person, role);
        Appearance appearance = new Appearance(person.fullName(), person.title(), person.organisationName(),
                clock.instant(), null, new Appearance.NearKeyword(properties.keywords(role, authority),
                properties.getWidth(), properties.getHeight()),
                authority.isOwn() ? List.of() : authority.lines());
        return new SignatureRequest(new ChainOnly(chain), properties.getLevel(), appearance,
                properties.reason(role, authority), person.organisationName());
    }

    /** The signing result as the signer and the author read it, with where the visible signature went and why. */
    private static String note(CurrentUser person, String reason, int version, String placement) {
        return "Đã ký số bởi " + person.fullName() + " (" + reason + "), phiên bản " + version + "."
                + (placement == null ? "" : " Hình chữ ký: " + placement);
    }

    /** The key is elsewhere: only the chain is known here; the value comes from the signer's confirmation. */
    private record ChainOnly(List<X509Certificate> chain) implements SignatureValueProvider {
        @Override
        public byte[] signDigest(byte[] sha256Digest) {
            throw new IllegalStateException("Remote signatures are signed on confirmation, not here");
        }
    }
}
