package vn.truongso.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;
import vn.truongso.common.ApiException;
import vn.truongso.common.VietnamTime;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;

/** Stores, versions and serves documents, and decides who may read them. */
@Service
@Transactional
public class DocumentService {

    /**
     * No path parts, no control or format characters (a right-to-left override shows "exe.pdf" as "fdp.exe"), no
     * reserved characters; letters of any language are fine.
     */
    private static final Pattern SAFE_NAME = Pattern.compile("[^/\\\\:*?\"<>|\\p{Cntrl}\\p{Cf}]{1,200}");

    private final DocumentRepository documents;
    private final BlobStore blobs;
    private final PdfInspector inspector;
    private final DataSize maxSize;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ReadGrantRepository grants;
    private final DocumentHolds holds;

    DocumentService(DocumentRepository documents, BlobStore blobs, PdfInspector inspector,
                    DocumentProperties properties, Clock clock,
                    ApplicationEventPublisher events, ReadGrantRepository grants, DocumentHolds holds) {
        this.holds = holds;
        this.grants = grants;
        this.documents = documents;
        this.blobs = blobs;
        this.inspector = inspector;
        this.maxSize = properties.maxSize();
        this.clock = clock;
        this.events = events;
    }

    /** A file as it arrived over HTTP: what the client claims, before we believe any of it. */
    public record Upload(byte[] bytes, String fileName, String contentType) {
    }

    public DocumentView store(Upload upload, String title, DocumentKind kind, CurrentUser user) {
        if (title == null || title.isBlank() || title.length() > 500) {
            throw ApiException.badRequest("TITLE_REQUIRED", "Vui lòng nhập tiêu đề văn bản (tối đa 500 ký tự).");
        }
        if (kind == null) {
            throw ApiException.badRequest("KIND_REQUIRED", "Vui lòng chọn loại văn bản.");
        }
        Checked c = check(upload);
        Document doc = new Document(title.strip(), kind, user.organisationCode(), user.username(),
                user.subjectGroupId(), clock.instant());
        doc.addVersion(c.sha256, c.size, c.pages, c.fileName, "Tải lên", user.username(), clock.instant());
        keep(c);
        Document saved = documents.save(doc);
        published(saved, DocumentVersionAdded.How.UPLOADED, null, user.username());
        return view(saved);
    }

    /** A revised file uploaded by the document's owner becomes its next version. */
    public DocumentView addVersion(UUID id, Upload upload, String note, CurrentUser user) {
        Document doc = readable(id, user);
        if (!doc.getOwnerUsername().equals(user.username())) {
            throw ApiException.forbidden();
        }
        // A process reviewing or signing it pinned its version: changed only through the process's revise step.
        holds.refuseOutsideChange(doc);
        Checked c = check(upload);
        if (c.sha256.equals(doc.latest().getSha256())) {
            throw ApiException.conflict("DOCUMENT_UNCHANGED",
                    "Tệp tải lên giống hệt phiên bản hiện tại; không tạo phiên bản mới.");
        }
        String before = doc.latest().getSha256();
        doc.addVersion(c.sha256, c.size, c.pages, c.fileName, note == null || note.isBlank() ? "Bản sửa" : note,
                user.username(), clock.instant());
        keep(c);
        Document saved = documents.saveAndFlush(doc);
        published(saved, DocumentVersionAdded.How.REVISED, before, user.username());
        return view(saved);
    }

    /** The document, if this user may read it; otherwise 404, whether it exists or not. */
    @Transactional(readOnly = true)
    public DocumentView get(UUID id, CurrentUser user) {
        return view(readable(id, user));
    }

    /** The latest version's bytes, for process steps (signing) that act on a user's behalf after access was checked. */
    @Transactional(readOnly = true)
    public Latest latest(UUID id) {
        Document doc = documents.findById(id).orElseThrow(() -> ApiException.notFound("văn bản"));
        DocumentVersion v = doc.latest();
        return new Latest(doc.getId(), doc.getTitle(), v.getVersion(), v.getSha256(), blobs.read(v.getSha256()));
    }

    public record Latest(UUID id, String title, int version, String sha256, byte[] bytes) {
    }

    /**
     * Stores a PDF we produced by an incremental update (a signature, a time-stamp) as the document's next version.
     * It must extend the version it was made from, so two signers working from the same version cannot both win.
     */
    public int addProducedVersion(UUID id, int basedOnVersion, byte[] bytes, String note, String actor) {
        Document doc = documents.findById(id).orElseThrow(() -> ApiException.notFound("văn bản"));
        if (doc.getCurrentVersion() != basedOnVersion) {
            throw ApiException.conflict("DOCUMENT_CHANGED",
                    "Văn bản vừa có phiên bản mới; vui lòng thực hiện lại.");
        }
        holds.checkProduced(doc, basedOnVersion);
        // Signatures and time-stamps are incremental updates of our own making: same pages, no need to parse again.
        DocumentVersion base = doc.latest();
        Checked c = new Checked(bytes, BlobStore.sha256(bytes), bytes.length, base.getPages(), base.getFileName());
        doc.addVersion(c.sha256, c.size, c.pages, c.fileName, note, actor, clock.instant());
        keep(c);
        documents.saveAndFlush(doc);
        holds.produced(doc);
        published(doc, DocumentVersionAdded.How.PRODUCED, base.getSha256(), actor);
        return doc.getCurrentVersion();
    }

    /** Tells listeners (the audit trail) about the version just added, inside this transaction. */
    private void published(Document doc, DocumentVersionAdded.How how, String digestBefore, String actor) {
        DocumentVersion v = doc.latest();
        events.publishEvent(new DocumentVersionAdded(doc.getId(), doc.getOrganisationCode(), doc.getOwnerUsername(),
                how, v.getVersion(), digestBefore, v.getSha256(), actor, v.getNote()));
    }

    /** The number of the document's latest version, for process steps that act without a signed-in user. */
    @Transactional(readOnly = true)
    public int currentVersion(UUID id) {
        return documents.findById(id).map(Document::getCurrentVersion)
                .orElseThrow(() -> ApiException.notFound("văn bản"));
    }

    /**
     * The documents this user may read (the same rule as {@link #get}) that match the query, newest first. The
     * access rule is part of the query, so nothing unreadable is ever loaded.
     */
    @Transactional(readOnly = true)
    public java.util.List<DocumentSummary> search(DocumentSearchQuery query, CurrentUser user) {
        org.springframework.data.jpa.domain.Specification<Document> spec = (root, cq, cb) -> {
            java.util.List<jakarta.persistence.criteria.Predicate> all = new java.util.ArrayList<>();
            java.util.List<jakarta.persistence.criteria.Predicate> access = new java.util.ArrayList<>();
            access.add(cb.equal(root.get("ownerUsername"), user.username()));
            if (user.organisationCode() != null) {
                if (readsForOrganisation(user)) {
                    access.add(cb.equal(root.get("organisationCode"), user.organisationCode()));
                } else if (user.has(Role.HEAD) && user.subjectGroupId() != null) {
                    access.add(cb.and(cb.equal(root.get("organisationCode"), user.organisationCode()),
                            cb.equal(root.get("ownerGroupId"), user.subjectGroupId())));
                }
            }
            jakarta.persistence.criteria.Subquery<UUID> granted = cq.subquery(UUID.class);
            jakarta.persistence.criteria.Root<ReadGrant> g = granted.from(ReadGrant.class);
            jakarta.persistence.criteria.Predicate toMe = cb.and(
                    cb.equal(g.get("granteeKind"), ReadGrant.Kind.USER.name()),
                    cb.equal(g.get("grantee"), user.username()));
            granted.select(g.get("documentId")).where(readsForOrganisation(user)
                    ? cb.or(toMe, cb.and(cb.equal(g.get("granteeKind"), ReadGrant.Kind.ORG.name()),
                            cb.equal(g.get("grantee"), user.organisationCode())))
                    : toMe);
            access.add(root.get("id").in(granted));
            all.add(cb.or(access.toArray(jakarta.persistence.criteria.Predicate[]::new)));
            if (query.kind() != null) {
                all.add(cb.equal(root.get("kind"), query.kind()));
            }
            String text = query.text() == null ? "" : query.text().strip().toLowerCase(java.util.Locale.ROOT);
            if (!text.isEmpty()) {
                String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                java.util.List<jakarta.persistence.criteria.Predicate> match = new java.util.ArrayList<>();
                match.add(cb.like(root.get("searchText"), vn.truongso.common.TextFolding.contains(text), '\\'));
                match.add(cb.like(cb.lower(root.get("ownerUsername")), like, '\\'));
                if (!query.alsoIds().isEmpty()) {
                    match.add(root.get("id").in(query.alsoIds()));
                }
                if (!query.alsoOwners().isEmpty()) {
                    match.add(root.get("ownerUsername").in(query.alsoOwners()));
                }
                all.add(cb.or(match.toArray(jakarta.persistence.criteria.Predicate[]::new)));
            }
            return cb.and(all.toArray(jakarta.persistence.criteria.Predicate[]::new));
        };
        int limit = Math.max(1, Math.min(query.limit(), 2000));
        return documents.findAll(spec, org.springframework.data.domain.PageRequest.of(0, limit,
                        org.springframework.data.domain.Sort.by(org.springframework.data.domain.Sort.Direction.DESC,
                                "createdAt").and(org.springframework.data.domain.Sort.by("id"))))
                .map(d -> new DocumentSummary(d.getId(), d.getTitle(), d.getKind(), d.getOrganisationCode(),
                        d.getOwnerUsername(), d.getCurrentVersion(), VietnamTime.of(d.getCreatedAt()),
                        VietnamTime.of(d.latest().getCreatedAt())))
                .getContent();
    }

    /** The document as stored, for process steps and registers that act after their own access check. */
    @Transactional(readOnly = true)
    public DocumentView describe(UUID id) {
        return view(documents.findById(id).orElseThrow(() -> ApiException.notFound("văn bản")));
    }

    /** One version's bytes (the latest when {@code version} is null), for steps that checked access already. */
    @Transactional(readOnly = true)
    public Latest at(UUID id, Integer version) {
        Document doc = documents.findById(id).orElseThrow(() -> ApiException.notFound("văn bản"));
        DocumentVersion v = version == null ? doc.latest() : doc.version(version);
        if (v == null) {
            throw ApiException.notFound("phiên bản " + version + " của văn bản");
        }
        return new Latest(doc.getId(), doc.getTitle(), v.getVersion(), v.getSha256(), blobs.read(v.getSha256()));
    }

    /** The page count of the document's latest version (paperless figures: pages a step printed or saved). */
    @Transactional(readOnly = true)
    public java.util.Optional<Integer> pages(UUID id) {
        return documents.findById(id).map(d -> d.latest().getPages());
    }

    @Transactional(readOnly = true)
    public Content content(UUID id, Integer version, CurrentUser user) {
        Document doc = readable(id, user);
        DocumentVersion v = version == null ? doc.latest() : doc.version(version);
        if (v == null) {
            throw ApiException.notFound("phiên bản " + version + " của văn bản");
        }
        try {
            return new Content(doc.getTitle(), v.getVersion(), v.getSha256(), v.getSizeBytes(), blobs.open(v.getSha256()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Content(String title, int version, String sha256, long size, InputStream stream) {
    }

    /**
     * Lets an organisation (its principal, clerks and officers: those who read all of its own documents) or one
     * person read a document that is not theirs: a report the office received, papers a parent sent a school, the
     * decision about a parent's child. Exactly one of {@code organisationCode} and {@code username}. Granting twice
     * is harmless. Access is the caller's to check.
     */
    public void grantRead(UUID documentId, String organisationCode, String username) {
        if ((organisationCode == null) == (username == null)) {
            throw new IllegalArgumentException("grant read to an organisation or to a person, not both or neither");
        }
        if (!documents.existsById(documentId)) {
            throw ApiException.notFound("văn bản");
        }
        ReadGrant.Kind kind = organisationCode != null ? ReadGrant.Kind.ORG : ReadGrant.Kind.USER;
        String grantee = organisationCode != null ? organisationCode : username;
        if (!grants.existsByDocumentIdAndGranteeKindAndGrantee(documentId, kind.name(), grantee)) {
            grants.save(new ReadGrant(documentId, kind, grantee, clock.instant()));
        }
    }

    private boolean mayRead(Document doc, CurrentUser user) {
        if (doc.getOwnerUsername().equals(user.username())) {
            return true;
        }
        if (doc.getOrganisationCode() != null && user.worksFor(doc.getOrganisationCode())) {
            if (readsForOrganisation(user)) {
                return true;
            }
            if (user.has(Role.HEAD) && doc.getOwnerGroupId() != null
                    && doc.getOwnerGroupId().equals(user.subjectGroupId())) {
                return true;
            }
        }
        return grants.existsByDocumentIdAndGranteeKindAndGrantee(doc.getId(), ReadGrant.Kind.USER.name(),
                user.username())
                || readsForOrganisation(user) && grants.existsByDocumentIdAndGranteeKindAndGrantee(doc.getId(),
                        ReadGrant.Kind.ORG.name(), user.organisationCode());
    }

    /**
     * Principals and vice-principals (the school's leadership, ban giám hiệu), clerks and officers read every document
     * of their organisation and what was sent to it.
     */
    private static boolean readsForOrganisation(CurrentUser user) {
        return user.organisationCode() != null && (user.has(Role.PRINCIPAL) || user.has(Role.VICE_PRINCIPAL)
                || user.has(Role.CLERK) || user.has(Role.OFFICER));
    }

    private Document readable(UUID id, CurrentUser user) {
        return documents.findById(id).filter(d -> mayRead(d, user))
                .orElseThrow(() -> ApiException.notFound("văn bản"));
    }

    private record Checked(byte[] bytes, String sha256, long size, int pages, String fileName) {
    }

    private Checked check(Upload upload) {
        if (upload == null || upload.bytes() == null) {
            throw ApiException.badRequest("FILE_REQUIRED", "Vui lòng chọn tệp PDF để tải lên.");
        }
        String type = upload.contentType() == null ? "" : upload.contentType().toLowerCase();
        if (!(type.startsWith("application/pdf") || type.startsWith("application/x-pdf")
                || type.startsWith("application/octet-stream") || type.isEmpty())) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "DOCUMENT_WRONG_TYPE",
                    "Chỉ nhận tệp PDF (application/pdf); tệp gửi lên có kiểu " + upload.contentType() + ".");
        }
        String name = upload.fileName();
        if (name != null && (!SAFE_NAME.matcher(name).matches() || name.contains("..") || name.isBlank())) {
            throw ApiException.badRequest("UNSAFE_FILE_NAME",
                    "Tên tệp không hợp lệ: không được chứa đường dẫn, ký tự điều khiển hay ký tự đặc biệt.");
        }
        if (upload.bytes().length > maxSize.toBytes()) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "DOCUMENT_TOO_LARGE",
                    "Tệp vượt quá dung lượng cho phép (" + maxSize.toMegabytes() + " MB).");
        }
        int pages = inspector.pages(upload.bytes());
        return new Checked(upload.bytes(), BlobStore.sha256(upload.bytes()), upload.bytes().length, pages, name);
    }

    /**
     * Writes the blob durably now, before the row naming it commits. Never deleted if this transaction rolls back:
     * another transaction may have committed the same bytes; BlobCollector removes what no row names.
     */
    private void keep(Checked c) {
        blobs.put(c.sha256, c.bytes);
    }

    private static DocumentView view(Document d) {
        DocumentVersion latest = d.latest();
        return new DocumentView(d.getId(), d.getTitle(), d.getKind(), d.getOrganisationCode(), d.getOwnerUsername(),
                d.getCurrentVersion(), latest.getSha256(), latest.getPages(), latest.getSizeBytes(),
                VietnamTime.of(d.getCreatedAt()),
                d.getVersions().stream().map(v -> new DocumentView.VersionView(v.getVersion(), v.getSha256(),
                        v.getPages(), v.getSizeBytes(), v.getFileName(), v.getNote(), v.getCreatedBy(),
                        VietnamTime.of(v.getCreatedAt()))).toList());
    }
}
