package vn.truongso.register;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;
import vn.truongso.common.Paging;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentService;
import vn.truongso.document.DocumentView;

/**
 * The outgoing register (sổ văn bản đi), Decree 30/2020: per organisation and calendar year (Asia/Ho_Chi_Minh) the
 * numbers run from 01 on 1 January; the symbol is the type code and the organisation ("05/BC-THCSHB"), or for a
 * công văn, which has no type code, the organisation and the drafting unit ("12/THCSHB-CM"). The same number is
 * printed on paper and carried electronically.
 */
@Service
@Transactional
public class OutgoingRegister {

    private static final Pattern UNIT = Pattern.compile("[A-ZĐ][A-Z0-9Đ]{0,9}");

    private final OutgoingEntryRepository entries;
    private final RegisterCounters counters;
    private final RegisterProperties properties;
    private final DocumentService documents;
    private final Clock clock;

    OutgoingRegister(OutgoingEntryRepository entries, RegisterCounters counters, RegisterProperties properties,
                     DocumentService documents, Clock clock) {
        this.entries = entries;
        this.counters = counters;
        this.properties = properties;
        this.documents = documents;
        this.clock = clock;
    }

    /**
     * What to issue. Exactly one of {@code typeCode} (a configured code: QĐ, KH, BC, …) and {@code unitCode} (công
     * văn: the drafting unit, e.g. CM for chuyên môn). {@code version} null: the document's latest; {@code title}
     * null: the document's title.
     */
    public record IssueRequest(String organisationCode, String typeCode, String unitCode, UUID documentId,
                               Integer version, String title, String signer, String recipients, String issuedBy) {
    }

    /**
     * @param number    the number in the year (1, 2, …)
     * @param symbol    as printed after "Số:", e.g. "05/BC-THCSHB"
     * @param formatted the whole line, e.g. "Số: 05/BC-THCSHB"
     */
    public record Issued(int year, int number, String symbol, String formatted, OffsetDateTime issuedAt) {
    }

    /** Issues a document of {@code organisationCode}: its number and symbol, now. Access is the caller's to check. */
    public Issued issue(String organisationCode, String typeCode, String unitCode, UUID documentId, Integer version,
                        String title, String signer, String recipients) {
        return issue(new IssueRequest(organisationCode, typeCode, unitCode, documentId, version, title, signer,
                recipients, "system"));
    }

    public Issued issue(IssueRequest request) {
        return issue(request, clock.instant());
    }

    /** Issues at a given moment: its year in Vietnam is the register's year. */
    Issued issue(IssueRequest r, Instant at) {
        Checked c = check(r.organisationCode(), r.typeCode(), r.unitCode(), r.signer(), r.recipients());
        if (r.documentId() == null) {
            throw ApiException.badRequest("DOCUMENT_REQUIRED", "Vui lòng chọn văn bản cần cấp số (documentId).");
        }
        DocumentView doc = issuable(r.organisationCode(), r.documentId());
        int version = r.version() == null ? doc.version() : r.version();
        if (version < 1 || version > doc.version()) {
            throw ApiException.notFound("phiên bản " + version + " của văn bản");
        }
        String title = title(r.title(), doc.title());
        Numbered n = next(r.organisationCode(), c, at);
        // Checked under the counter's lock: two clerks issuing the same document at once cannot both succeed.
        if (entries.existsByDocumentId(r.documentId())) {
            throw ApiException.conflict("DOCUMENT_ALREADY_ISSUED",
                    "Văn bản này đã được cấp số văn bản đi; không cấp số lần thứ hai.");
        }
        return record(r.organisationCode(), c, n, r.documentId(), version, title, r.issuedBy(), at);
    }

    /**
     * Issues a document that carries its own number (a generated decision): the number is taken under the register's
     * lock, {@code storeDocument} renders the document with it and stores it, and the register records that
     * document. All in the caller's transaction: if anything fails, the number is given back and nothing is kept.
     */
    public Issued issueNew(String organisationCode, String typeCode, String title, String signer, String recipients,
                           String issuedBy, Function<Issued, UUID> storeDocument) {
        Instant at = clock.instant();
        Checked c = check(organisationCode, typeCode, null, signer, recipients);
        String t = title(title, null);
        Numbered n = next(organisationCode, c, at);
        Issued issued = issued(n, at);
        UUID documentId = storeDocument.apply(issued);
        DocumentView doc = issuable(organisationCode, documentId);
        return record(organisationCode, c, n, documentId, doc.version(), t, issuedBy, at);
    }

    private record Checked(String typeCode, String unitCode, String signer, String recipients) {
    }

    private record Numbered(int year, int number, String symbol) {
    }

    private Checked check(String organisationCode, String typeCode, String unitCode, String signer,
                          String recipients) {
        typeCode = blankToNull(typeCode);
        unitCode = blankToNull(unitCode);
        if ((typeCode == null) == (unitCode == null)) {
            throw ApiException.badRequest("REGISTER_TYPE_OR_UNIT",
                    "Vui lòng ghi chữ viết tắt tên loại văn bản (typeCode, ví dụ QĐ, BC) hoặc, với công văn, "
                            + "chữ viết tắt đơn vị soạn thảo (unitCode, ví dụ CM) — chỉ một trong hai.");
        }
        if (typeCode != null && properties.typeCode(typeCode).isEmpty()) {
            throw ApiException.badRequest("REGISTER_TYPE_CODE_UNKNOWN", "Chữ viết tắt tên loại văn bản không hợp lệ: "
                    + typeCode + ". Các loại hợp lệ: " + String.join(", ", typeCodes()) + ".");
        }
        if (unitCode != null && !UNIT.matcher(unitCode).matches()) {
            throw ApiException.badRequest("REGISTER_UNIT_CODE_INVALID",
                    "Chữ viết tắt đơn vị soạn thảo phải gồm chữ in hoa hoặc số (tối đa 10 ký tự), ví dụ CM.");
        }
        if (organisationCode == null) {
            throw ApiException.badRequest("DOCUMENT_REQUIRED", "Vui lòng chọn văn bản cần cấp số (documentId).");
        }
        signer = blankToNull(signer);
        if (signer == null || signer.length() > 255) {
            throw ApiException.badRequest("REGISTER_SIGNER_REQUIRED",
                    "Vui lòng ghi người ký văn bản (tối đa 255 ký tự).");
        }
        if (recipients != null && recipients.length() > 1000) {
            throw ApiException.badRequest("REGISTER_RECIPIENTS_TOO_LONG", "Nơi nhận dài quá 1000 ký tự.");
        }
        return new Checked(typeCode, unitCode, signer, blankToNull(recipients));
    }

    private DocumentView issuable(String organisationCode, UUID documentId) {
        DocumentView doc = documents.describe(documentId);
        if (!organisationCode.equals(doc.organisationCode())) {
            throw ApiException.notFound("văn bản");
        }
        if (doc.kind() == DocumentKind.LESSON_PLAN) {
            throw ApiException.badRequest("LESSON_PLAN_NOT_ISSUED", "Kế hoạch bài dạy không phải văn bản ban hành: "
                    + "không cấp số văn bản đi; kế hoạch đã duyệt được lưu vào hồ sơ chuyên môn của giáo viên.");
        }
        return doc;
    }

    private static String title(String given, String documentTitle) {
        String title = blankToNull(given) == null ? documentTitle : given.strip();
        if (title == null || title.length() > 500) {
            throw ApiException.badRequest("TITLE_REQUIRED", "Vui lòng ghi trích yếu (tối đa 500 ký tự).");
        }
        return title;
    }

    private Numbered next(String organisationCode, Checked c, Instant at) {
        int year = RegisterText.year(at);
        int number = counters.next(organisationCode, year, RegisterKind.OUTGOING);
        String symbol = RegisterText.number(number) + "/" + (c.typeCode() != null
                ? c.typeCode() + "-" + organisationCode : organisationCode + "-" + c.unitCode());
        return new Numbered(year, number, symbol);
    }

    private static Issued issued(Numbered n, Instant at) {
        return new Issued(n.year(), n.number(), n.symbol(), "Số: " + n.symbol(), VietnamTime.of(at));
    }

    private Issued record(String organisationCode, Checked c, Numbered n, UUID documentId, int version, String title,
                          String issuedBy, Instant at) {
        entries.save(new OutgoingEntry(organisationCode, n.year(), n.number(), c.typeCode(), c.unitCode(), n.symbol(),
                documentId, version, title, c.signer(), c.recipients(), issuedBy == null ? "system" : issuedBy, at));
        return issued(n, at);
    }

    List<RegisterController.TypeCodeView> typeCodeViews() {
        return properties.getTypeCodes().stream()
                .map(t -> new RegisterController.TypeCodeView(t.getCode(), t.getName())).toList();
    }

    List<String> typeCodes() {
        return properties.getTypeCodes().stream().map(RegisterProperties.TypeCode::getCode).toList();
    }

    /** A line of the register as the clerk reads it. */
    public record OutgoingView(int year, int number, String numberText, String symbol, String formatted,
                               String typeCode, String typeName, String unitCode, String title, String signer,
                               String recipients, UUID documentId, Integer documentVersion, String issuedBy,
                               OffsetDateTime issuedAt) {
    }

    @Transactional(readOnly = true)
    Page<OutgoingView> list(String organisationCode, int year, String q, int page, int size) {
        Paging.requireReachable(page, size);
        String n = RegisterText.normalized(q);
        return entries.search(organisationCode, year, n, RegisterText.like(n), RegisterText.asNumber(n),
                PageRequest.of(page, size)).map(this::view);
    }

    OutgoingView view(OutgoingEntry e) {
        String typeName = e.getTypeCode() == null ? "Công văn"
                : properties.typeCode(e.getTypeCode()).map(RegisterProperties.TypeCode::getName).orElse(null);
        return new OutgoingView(e.getYear(), e.getNumber(), RegisterText.number(e.getNumber()), e.getSymbol(),
                "Số: " + e.getSymbol(), e.getTypeCode(), typeName, e.getUnitCode(), e.getTitle(), e.getSigner(),
                e.getRecipients(), e.getDocumentId(), e.getDocumentVersion(), e.getIssuedBy(),
                VietnamTime.of(e.getIssuedAt()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
