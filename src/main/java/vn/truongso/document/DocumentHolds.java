package vn.truongso.document;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;

/**
 * What a signature means: a process pins the version it reviews and signs, and nobody changes it underneath. A
 * process (lesson plan, school report, admission decision) holds the document from the moment it was handed in: the
 * owner adds no version (409 DOCUMENT_IN_PROCESS) except when the process itself gives it back for revision, and then
 * the process pins the revised version again; each signature is prepared over the pinned version and its output
 * becomes the next pinned version.
 */
@Service
@Transactional
public class DocumentHolds {

    private final DocumentHoldRepository holds;
    private final DocumentRepository documents;
    private final BlobStore blobs;
    private final Clock clock;

    DocumentHolds(DocumentHoldRepository holds, DocumentRepository documents, BlobStore blobs, Clock clock) {
        this.holds = holds;
        this.documents = documents;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** The version a process holds: what its reviewers see and its signers sign. */
    public record Pinned(UUID documentId, int version, String sha256, boolean revising) {
    }

    /**
     * {@code holder} (e.g. "LESSON_PLAN:…") takes the document at its current version, or pins the current version
     * again (after its own revise step). A document another process holds is refused.
     */
    public Pinned hold(UUID documentId, String holder) {
        Document doc = documents.findById(documentId).orElseThrow(() -> ApiException.notFound("văn bản"));
        DocumentHold h = holds.findById(documentId).orElse(null);
        if (h != null && !h.getHolder().equals(holder)) {
            throw inProcess(h);
        }
        if (h == null) {
            h = new DocumentHold(documentId, holder, clock.instant());
        }
        DocumentVersion v = doc.latest();
        h.pin(v.getVersion(), v.getSha256());
        return pinned(holds.saveAndFlush(h));
    }

    /** The process gives the document back to its owner for a new version (its revise step). */
    public void openForRevision(UUID documentId, String holder) {
        holds.findById(documentId).filter(h -> h.getHolder().equals(holder)).ifPresent(DocumentHold::openForRevision);
    }

    /** The process is over: the document is its owner's again. */
    public void release(UUID documentId, String holder) {
        holds.findById(documentId).filter(h -> h.getHolder().equals(holder)).ifPresent(holds::delete);
    }

    @Transactional(readOnly = true)
    public Optional<Pinned> pinned(UUID documentId) {
        return holds.findById(documentId).map(DocumentHolds::pinned);
    }

    /** The pinned versions of many documents at once (an inbox page); documents no process holds are absent. */
    @Transactional(readOnly = true)
    public Map<UUID, Pinned> pinned(Collection<UUID> documentIds) {
        return documentIds.isEmpty() ? Map.of() : holds.findByDocumentIdIn(documentIds).stream()
                .map(DocumentHolds::pinned).collect(Collectors.toMap(Pinned::documentId, Function.identity()));
    }

    /**
     * The bytes a signature is prepared over: the pinned version. Belt and braces: if the document's newest version is
     * not the pinned one (or it is out for revision), nothing is signed (409 DOCUMENT_NOT_PINNED). A document no
     * process holds is signed at its newest version.
     */
    @Transactional(readOnly = true)
    public DocumentService.Latest toSign(UUID documentId) {
        Document doc = documents.findById(documentId).orElseThrow(() -> ApiException.notFound("văn bản"));
        DocumentVersion v = doc.latest();
        holds.findById(documentId).ifPresent(h -> {
            if (h.isRevising() || h.getPinnedVersion() != v.getVersion() || !h.getPinnedSha256().equals(v.getSha256())) {
                throw ApiException.conflict("DOCUMENT_NOT_PINNED", "Phiên bản mới nhất của văn bản (phiên bản "
                        + v.getVersion() + ") không phải phiên bản đã được duyệt trong quy trình (phiên bản "
                        + h.getPinnedVersion() + "); không ký.");
            }
        });
        return new DocumentService.Latest(doc.getId(), doc.getTitle(), v.getVersion(), v.getSha256(),
                blobs.read(v.getSha256()));
    }

    // ---- hooks of DocumentService

    /** The owner's upload: refused while a process holds the document, unless the process asked for a revision. */
    void refuseOutsideChange(Document doc) {
        holds.findById(doc.getId()).filter(h -> !h.isRevising()).ifPresent(h -> {
            throw inProcess(h);
        });
    }

    /** A version we produce (a signature) must extend the pinned version; it then becomes the pinned version. */
    void checkProduced(Document doc, int basedOnVersion) {
        holds.findById(doc.getId()).ifPresent(h -> {
            if (h.isRevising() || h.getPinnedVersion() != basedOnVersion) {
                throw ApiException.conflict("DOCUMENT_NOT_PINNED", "Chữ ký phải được đặt trên phiên bản đã được duyệt"
                        + " (phiên bản " + h.getPinnedVersion() + "), không phải phiên bản " + basedOnVersion + ".");
            }
        });
    }

    void produced(Document doc) {
        holds.findById(doc.getId()).ifPresent(h -> {
            DocumentVersion v = doc.latest();
            h.pin(v.getVersion(), v.getSha256());
        });
    }

    private static ApiException inProcess(DocumentHold h) {
        return ApiException.conflict("DOCUMENT_IN_PROCESS", "Văn bản đang trong quy trình duyệt, ký (phiên bản "
                + h.getPinnedVersion() + " đã được ghim để duyệt và ký), không thể thay đổi lúc này. Chỉ tải lên "
                + "phiên bản mới khi văn bản được trả lại để chỉnh sửa.");
    }

    private static Pinned pinned(DocumentHold h) {
        return new Pinned(h.getDocumentId(), h.getPinnedVersion(), h.getPinnedSha256(), h.isRevising());
    }
}
