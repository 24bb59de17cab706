package vn.truongso.register;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;
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
        String typeCode = blankToNull(r.typeCode());
        String unitCode = blankToNull(r.unitCode());
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
        if (r.organisationCode() == null || r.documentId() == null) {
            throw ApiException.badRequest("DOCUMENT_REQUIRED", "Vui lòng chọn văn bản cần cấp số (documentId).");
        }
        String signer = blankToNull(r.signer());
        if (signer == null || signer.length() > 255) {
            throw ApiException.badRequest("REGISTER_SIGNER_REQUIRED",
                    "Vui lòng ghi người ký văn bản (tối đa 255 ký tự).");
        }
        if (r.recipients() != null && r.recipients().length() > 1000) {
            throw ApiException.badRequest("REGISTER_RECIPIENTS_TOO_LONG", "Nơi nhận dài quá 1000 ký tự.");
        }
        DocumentView doc = documents.describe(r.documentId());
        if (!r.organisationCode().equals(doc.organisationCode())) {
            throw ApiException.notFound("văn bản");
        }
        if (doc.kind() == DocumentKind.LESSON_PLAN) {
            throw ApiException.badRequest("LESSON_PLAN_NOT_ISSUED", "Kế hoạch bài dạy không phải văn bản ban hành: "
                    + "không cấp số văn bản đi; kế hoạch đã duyệt được lưu vào hồ sơ chuyên môn của giáo viên.");
        }
        int version = r.version() == null ? doc.version() : r.version();
        if (version < 1 || version > doc.version()) {
            throw ApiException.notFound("phiên bản " + version + " của văn bản");
        }
        String title = blankToNull(r.title()) == null ? doc.title() : r.title().strip();
        if (title.length() > 500) {
            throw ApiException.badRequest("TITLE_REQUIRED", "Trích yếu tối đa 500 ký tự.");
        }

        int year = RegisterText.year(at);
        int number = counters.next(r.organisationCode(), year, RegisterKind.OUTGOING);
        // Checked under the counter's lock: two clerks issuing the same document at once cannot both succeed.
        if (entries.existsByDocumentId(r.documentId())) {
            throw ApiException.conflict("DOCUMENT_ALREADY_ISSUED",
                    "Văn bản này đã được cấp số văn bản đi; không cấp số lần thứ hai.");
        }
        String symbol = RegisterText.number(number) + "/"
                + (typeCode != null ? typeCode + "-" + r.organisationCode() : r.organisationCode() + "-" + unitCode);
        entries.save(new OutgoingEntry(r.organisationCode(), year, number, typeCode, unitCode, symbol, r.documentId(),
                version, title, signer, blankToNull(r.recipients()), r.issuedBy() == null ? "system" : r.issuedBy(),
                at));
        return new Issued(year, number, symbol, "Số: " + symbol, VietnamTime.of(at));
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
