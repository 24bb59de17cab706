package vn.truongso.verification;

import eu.europa.esig.dss.diagnostic.AbstractSignatureWrapper;
import eu.europa.esig.dss.diagnostic.CertificateRevocationWrapper;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.PDFRevisionWrapper;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.diagnostic.jaxb.XmlObjectModification;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.RevocationOrigin;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.enumerations.TimestampType;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.reports.Reports;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import vn.truongso.common.VietnamTime;
import vn.truongso.verification.RevisionAnalyzer.Findings;
import vn.truongso.verification.VerificationReport.ByteRangeProblem;
import vn.truongso.verification.VerificationReport.CertificateInfo;
import vn.truongso.verification.VerificationReport.Change;
import vn.truongso.verification.VerificationReport.ChangeKind;
import vn.truongso.verification.VerificationReport.Coverage;
import vn.truongso.verification.VerificationReport.Kind;
import vn.truongso.verification.VerificationReport.RevocationInfo;
import vn.truongso.verification.VerificationReport.SignatureReport;
import vn.truongso.verification.VerificationReport.Status;
import vn.truongso.verification.VerificationReport.TimeSource;
import vn.truongso.verification.VerificationReport.TimestampInfo;
import vn.truongso.verification.VerificationReport.Verdict;

/**
 * Turns DSS's reports and our own revision analysis into the {@link VerificationReport}: one status per signature
 * and for the whole document, with plain Vietnamese for the people who read it.
 * <p>
 * Rules on top of DSS: a change after signing that is not a later signature, a document timestamp, validation data
 * or metadata makes the signature INVALID, whatever DSS's indication; so does a malformed /ByteRange. A valid signature
 * without a trusted time is VALID_WITH_WARNINGS, because its signing time is only the signer's claim.
 */
final class ReportAssembler {


    /** A signature or document timestamp as DSS sees it, with its PDF revision. */
    record DssToken(AbstractSignatureWrapper wrapper, PDFRevisionWrapper revision, Kind kind) {
        String id() {
            return wrapper.getId();
        }

        List<Long> byteRange() {
            List<BigInteger> br = revision == null ? null : revision.getSignatureByteRange();
            return br == null ? null : br.stream().map(BigInteger::longValue).toList();
        }
    }

    static List<DssToken> tokens(DiagnosticData diagnostic) {
        List<DssToken> out = new ArrayList<>();
        for (SignatureWrapper s : diagnostic.getSignatures()) {
            out.add(new DssToken(s, s.getPDFRevision(), Kind.SIGNATURE));
        }
        for (TimestampWrapper t : diagnostic.getTimestampList()) {
            if (t.getPDFRevision() != null) {
                out.add(new DssToken(t, t.getPDFRevision(), Kind.DOCUMENT_TIMESTAMP));
            }
        }
        out.sort(Comparator.comparingLong(t -> {
            List<Long> br = t.byteRange();
            return br == null || br.size() != 4 ? Long.MAX_VALUE : br.get(2) + br.get(3);
        }));
        return out;
    }

    VerificationReport assemble(byte[] pdf, String sha256, Instant now, Reports reports, List<DssToken> tokens,
                                Map<String, Findings> findings) {
        List<SignatureReport> signatures = new ArrayList<>();
        for (DssToken t : tokens) {
            signatures.add(signature(pdf.length, reports, t, findings.get(t.id())));
        }
        int signatureCount = (int) signatures.stream().filter(s -> s.kind() == Kind.SIGNATURE).count();
        List<String> notes = new ArrayList<>();
        Verdict verdict;
        String summary;
        if (signatures.isEmpty()) {
            boolean traces = RevisionAnalyzer.mentionsSignature(pdf);
            verdict = traces ? Verdict.INVALID : Verdict.NO_SIGNATURE;
            if (traces) {
                notes.add("Tệp có dấu vết của chữ ký số nhưng không đọc được chữ ký nào: "
                        + "chữ ký có thể đã bị gỡ bỏ hoặc bị hỏng.");
                summary = "KHÔNG HỢP LỆ: tệp có dấu vết chữ ký số nhưng không đọc được chữ ký nào.";
            } else {
                summary = "Tài liệu không có chữ ký số.";
            }
        } else {
            verdict = verdict(signatures);
            summary = documentSummary(verdict, signatures, signatureCount);
        }
        return new VerificationReport(verdict, summary, signatureCount, pdf.length, sha256, VietnamTime.of(now),
                signatures, notes);
    }

    /** DSS could not read the file at all. */
    VerificationReport unreadable(byte[] pdf, String sha256, Instant now) {
        boolean traces = RevisionAnalyzer.mentionsSignature(pdf);
        String note = "Không đọc được cấu trúc tệp PDF để kiểm tra chữ ký.";
        return new VerificationReport(traces ? Verdict.INVALID : Verdict.NO_SIGNATURE,
                traces ? "KHÔNG HỢP LỆ: tệp có dấu vết chữ ký số nhưng không đọc được để kiểm tra."
                        : "Không tìm thấy chữ ký số nào đọc được trong tệp.",
                0, pdf.length, sha256, VietnamTime.of(now), List.of(), List.of(note));
    }

    private static Verdict verdict(List<SignatureReport> signatures) {
        Set<Status> statuses = signatures.stream().map(SignatureReport::status).collect(Collectors.toSet());
        if (statuses.contains(Status.INVALID)) {
            return Verdict.INVALID;
        }
        if (statuses.contains(Status.INDETERMINATE)) {
            return Verdict.INDETERMINATE;
        }
        return statuses.contains(Status.VALID_WITH_WARNINGS) ? Verdict.VALID_WITH_WARNINGS : Verdict.VALID;
    }

    private static String documentSummary(Verdict verdict, List<SignatureReport> all, int signatureCount) {
        int timestamps = all.size() - signatureCount;
        String counted = signatureCount + " chữ ký số" + (timestamps > 0 ? " và " + timestamps + " dấu thời gian" : "");
        SignatureReport first = all.get(0);
        return switch (verdict) {
            case VALID -> "Tài liệu có " + counted + ", tất cả hợp lệ; " + afterSigning(first.coverage());
            case VALID_WITH_WARNINGS -> "Tài liệu có " + counted + " hợp lệ; " + afterSigning(first.coverage())
                    + " Lưu ý: " + all.stream().flatMap(s -> s.warnings().stream()).findFirst().orElse("");
            case INDETERMINATE -> {
                SignatureReport s = all.stream().filter(x -> x.status() == Status.INDETERMINATE).findFirst()
                        .orElse(first);
                yield "Chưa xác định được tính hợp lệ của chữ ký trên tài liệu: " + reason(s) + "; "
                        + afterSigning(first.coverage());
            }
            case INVALID -> {
                List<Change> changes = all.stream().flatMap(s -> s.coverage().changes().stream())
                        .filter(c -> !c.allowed()).toList();
                if (!changes.isEmpty()) {
                    yield "CẢNH BÁO: tài liệu đã bị thay đổi sau khi ký (" + what(changes)
                            + ") — KHÔNG được coi là hợp lệ.";
                }
                yield all.stream().filter(x -> x.status() == Status.INVALID).findFirst().orElse(first).summary();
            }
            case NO_SIGNATURE -> "Tài liệu không có chữ ký số.";
        };
    }

    private SignatureReport signature(long fileSize, Reports reports, DssToken t, Findings f) {
        SimpleReport simple = reports.getSimpleReport();
        DiagnosticData diagnostic = reports.getDiagnosticData();
        AbstractSignatureWrapper w = t.wrapper();
        Indication indication = simple.getIndication(t.id());
        SubIndication sub = simple.getSubIndication(t.id());

        CertificateWrapper signingCert = w.getSigningCertificate();
        String signer = signingCert == null ? null : firstNonBlank(signingCert.getCommonName(),
                signingCert.getCertificateDN());
        if (signer == null && t.kind() == Kind.SIGNATURE) {
            signer = simple.getSignedBy(t.id());
        }
        if (signer == null && t.kind() == Kind.DOCUMENT_TIMESTAMP) {
            signer = simple.getProducedBy(t.id());
        }

        List<TimestampInfo> timestamps = new ArrayList<>();
        OffsetDateTime signingTime = null;
        TimeSource timeSource = TimeSource.NONE;
        OffsetDateTime claimed = null;
        String level;
        if (w instanceof SignatureWrapper s) {
            claimed = VietnamTime.of(s.getClaimedSigningTime());
            TimestampWrapper best = null;
            for (TimestampWrapper ts : s.getTimestampList()) {
                Indication ti = simple.getIndication(ts.getId());
                timestamps.add(new TimestampInfo(ts.getType() == null ? null : ts.getType().name(),
                        VietnamTime.of(ts.getProductionTime()), timestampAuthority(ts),
                        ti == null ? null : ti.name()));
                if (passed(ti) && (best == null || ts.getProductionTime().before(best.getProductionTime()))) {
                    best = ts;
                }
            }
            if (best != null) {
                signingTime = VietnamTime.of(best.getProductionTime());
                timeSource = best.getType() == TimestampType.SIGNATURE_TIMESTAMP
                        ? TimeSource.SIGNATURE_TIMESTAMP : TimeSource.DOCUMENT_TIMESTAMP;
            } else if (claimed != null) {
                signingTime = claimed;
                timeSource = TimeSource.CLAIMED_BY_SIGNER;
            }
            SignatureLevel format = simple.getSignatureFormat(t.id());
            level = format == null ? null : format.toString();
        } else {
            TimestampWrapper ts = (TimestampWrapper) w;
            signingTime = VietnamTime.of(ts.getProductionTime());
            timeSource = TimeSource.TIMESTAMP_TOKEN;
            level = "PAdES-DOCUMENT-TIMESTAMP";
        }

        List<CertificateInfo> chain = new ArrayList<>();
        for (CertificateWrapper c : w.getCertificateChain()) {
            chain.add(new CertificateInfo(c.getCertificateDN(), c.getCommonName(), c.getCertificateIssuerDN(),
                    c.getSerialNumber(), VietnamTime.of(c.getNotBefore()), VietnamTime.of(c.getNotAfter()),
                    c.isTrusted(), c.isSelfSigned(), revocation(diagnostic, c)));
        }
        RevocationInfo revocation = signingCert == null ? noRevocation("Không xác định được chứng thư của người ký.")
                : revocation(diagnostic, signingCert);

        Coverage coverage = coverage(fileSize, t, f);
        List<String> warnings = new ArrayList<>();
        if (t.kind() == Kind.SIGNATURE && timeSource != TimeSource.SIGNATURE_TIMESTAMP
                && timeSource != TimeSource.DOCUMENT_TIMESTAMP) {
            warnings.add("Chữ ký chưa có dấu thời gian tin cậy: thời điểm ký do phần mềm của người ký tự ghi.");
        }
        List<BigInteger> overlap = t.revision() == null ? List.of()
                : t.revision().getPdfAnnotationsOverlapConcernedPages();
        if (!overlap.isEmpty()) {
            warnings.add("Trên " + pages(overlap.stream().map(BigInteger::intValue).toList())
                    + " có các phần tử chồng lên nhau; hãy xem kỹ nội dung hiển thị.");
        }

        boolean invalid = indication == Indication.TOTAL_FAILED || indication == Indication.FAILED
                || coverage.changedAfterSigning() || !coverage.byteRangeProblems().isEmpty();
        Status status;
        if (invalid) {
            status = Status.INVALID;
        } else if (!passed(indication)) {
            status = Status.INDETERMINATE;
        } else {
            status = warnings.isEmpty() ? Status.VALID : Status.VALID_WITH_WARNINGS;
        }

        SignatureReport draft = new SignatureReport(t.id(), t.kind(), fieldName(t), status, null, signer,
                signingCert == null ? null : signingCert.getCertificateDN(), signingTime, timeSource, claimed,
                timestamps, coverage, chain, w.isTrustedChain(), revocation, level,
                indication == null ? null : indication.name(), sub == null ? null : sub.name(), warnings,
                messages(simple.getAdESValidationErrors(t.id())), messages(simple.getAdESValidationWarnings(t.id())));
        return withSummary(draft);
    }

    private static String fieldName(DssToken t) {
        if (t.revision() == null) {
            return null;
        }
        List<String> names = t.revision().getSignatureFieldNames();
        return names == null || names.isEmpty() ? null : names.get(0);
    }

    private static String timestampAuthority(TimestampWrapper ts) {
        CertificateWrapper c = ts.getSigningCertificate();
        return c == null ? null : firstNonBlank(c.getCommonName(), c.getCertificateDN());
    }

    // --- coverage and changes ---

    private static Coverage coverage(long fileSize, DssToken t, Findings f) {
        Map<ChangeKind, ChangeBuilder> changes = new EnumMap<>(ChangeKind.class);
        List<ByteRangeProblem> problems = new ArrayList<>();
        boolean whole = false;
        long signed = -1;
        int after = 0;
        if (f != null) {
            whole = f.coversWholeDocument();
            signed = f.signedLength();
            after = f.revisionsAfter();
            problems.addAll(f.byteRangeProblems());
            for (RevisionAnalyzer.Change c : f.changes()) {
                changes.computeIfAbsent(c.kind(), ChangeBuilder::new).add("TRUONGSO", c.pages(), c.objects(), Set.of());
            }
        }
        PDFRevisionWrapper rev = t.revision();
        if (rev != null) {
            if (!rev.isSignatureByteRangeValid() && !problems.contains(ByteRangeProblem.MALFORMED)) {
                problems.add(ByteRangeProblem.MALFORMED);
            }
            if (!whole) {
                dss(changes, ChangeKind.PAGE_APPEARANCE, rev.getPdfVisualDifferenceConcernedPages(), List.of());
                dss(changes, ChangeKind.PAGE_COUNT, rev.getPdfPageDifferenceConcernedPages(), List.of());
                dss(changes, ChangeKind.ANNOTATIONS, List.of(), rev.getPdfAnnotationChanges());
                dss(changes, ChangeKind.OTHER_OBJECTS, List.of(), rev.getPdfUndefinedChanges());
                dss(changes, ChangeKind.VALIDATION_DATA, List.of(), rev.getPdfExtensionChanges());
            }
        }
        List<Change> list = changes.values().stream().map(ChangeBuilder::build).toList();
        boolean changed = list.stream().anyMatch(c -> !c.allowed());
        return new Coverage(whole, t.byteRange(), signed, fileSize, after, changed, list, problems);
    }

    private static void dss(Map<ChangeKind, ChangeBuilder> changes, ChangeKind kind, List<BigInteger> pages,
                            List<XmlObjectModification> objects) {
        if (pages.isEmpty() && objects.isEmpty()) {
            return;
        }
        Set<Integer> p = pages.stream().map(BigInteger::intValue).collect(Collectors.toCollection(TreeSet::new));
        Set<String> o = objects.stream().map(XmlObjectModification::getValue).limit(20)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        changes.computeIfAbsent(kind, ChangeBuilder::new).add("DSS", p, Set.of(), o);
    }

    private static final class ChangeBuilder {
        final ChangeKind kind;
        final Set<Integer> pages = new TreeSet<>();
        final Set<String> objects = new LinkedHashSet<>();
        final Set<String> paths = new LinkedHashSet<>();
        final Set<String> detectedBy = new LinkedHashSet<>();

        ChangeBuilder(ChangeKind kind) {
            this.kind = kind;
        }

        void add(String by, Set<Integer> p, Set<String> o, Set<String> dssPaths) {
            detectedBy.add(by);
            pages.addAll(p);
            o.stream().limit(Math.max(0, 20 - objects.size())).forEach(objects::add);
            dssPaths.stream().limit(Math.max(0, 20 - paths.size())).forEach(paths::add);
        }

        Change build() {
            List<Integer> p = List.copyOf(pages);
            return new Change(kind, kind.allowed(), p, List.copyOf(objects), List.copyOf(paths),
                    List.copyOf(detectedBy), describe(kind, p));
        }
    }

    static String describe(ChangeKind kind, List<Integer> pages) {
        String onPages = pages.isEmpty() ? "" : " (" + pages(pages) + ")";
        return switch (kind) {
            case LATER_SIGNATURE -> "Bổ sung chữ ký số khác (được phép).";
            case DOCUMENT_TIMESTAMP -> "Bổ sung dấu thời gian cho tài liệu (được phép).";
            case VALIDATION_DATA -> "Bổ sung dữ liệu phục vụ kiểm tra dài hạn: chứng thư, CRL/OCSP (được phép).";
            case METADATA -> "Thay đổi thông tin mô tả của tệp (metadata); không ảnh hưởng nội dung hiển thị.";
            case PAGE_APPEARANCE -> capitalize(pages.isEmpty() ? "một trang" : pages(pages))
                    + " hiển thị khác so với lúc ký.";
            case PAGE_COUNT -> "Các trang của tài liệu khác so với lúc ký" + onPages + ".";
            case PAGE_CONTENT -> "Nội dung dùng để hiển thị trang bị sửa đổi" + onPages + ".";
            case ANNOTATIONS -> "Chú thích hoặc đối tượng hiển thị trên trang bị thêm, sửa hoặc xoá" + onPages + ".";
            case FORM_FIELDS -> "Trường biểu mẫu bị thêm hoặc sửa đổi.";
            case DOCUMENT_STRUCTURE -> "Cấu trúc gốc của tài liệu (danh mục tài liệu) bị sửa đổi.";
            case OTHER_OBJECTS -> "Các đối tượng trong tệp bị sửa đổi.";
            case UNEXPLAINED_BYTES -> "Có dữ liệu được nối thêm sau khi ký mà không xác định được nội dung.";
            case UNREADABLE -> "Không phân tích được phần dữ liệu được thêm sau khi ký.";
        };
    }

    /** Short Vietnamese phrases for what changed, e.g. "trang 1 hiển thị khác; các đối tượng trong tệp bị sửa đổi". */
    static String what(List<Change> changes) {
        Set<String> parts = new LinkedHashSet<>();
        changes.stream().sorted(Comparator.comparing(Change::kind)).forEach(c -> parts.add(switch (c.kind()) {
            case PAGE_APPEARANCE -> (c.pages().isEmpty() ? "trang" : pages(c.pages())) + " hiển thị khác";
            case PAGE_COUNT -> "các trang khác so với lúc ký";
            case PAGE_CONTENT -> "nội dung " + (c.pages().isEmpty() ? "trang" : pages(c.pages())) + " bị sửa";
            case ANNOTATIONS -> "chú thích trên trang bị thêm/sửa";
            case FORM_FIELDS -> "trường biểu mẫu bị sửa";
            case DOCUMENT_STRUCTURE -> "cấu trúc tài liệu bị sửa";
            case OTHER_OBJECTS -> "các đối tượng trong tệp bị sửa đổi";
            case UNEXPLAINED_BYTES -> "có dữ liệu lạ được nối thêm";
            case UNREADABLE -> "có phần thay đổi không phân tích được";
            default -> "";
        }));
        parts.remove("");
        return String.join("; ", parts);
    }

    private static String afterSigning(Coverage c) {
        if (c.wholeDocument()) {
            return "tài liệu không bị thay đổi sau khi ký.";
        }
        List<Change> bad = c.changes().stream().filter(x -> !x.allowed()).toList();
        if (!bad.isEmpty()) {
            return "CẢNH BÁO: tài liệu đã bị thay đổi sau khi ký (" + what(bad) + ").";
        }
        Set<String> added = new LinkedHashSet<>();
        for (Change x : c.changes()) {
            switch (x.kind()) {
                case LATER_SIGNATURE -> added.add("chữ ký khác");
                case DOCUMENT_TIMESTAMP -> added.add("dấu thời gian");
                case VALIDATION_DATA -> added.add("dữ liệu kiểm tra dài hạn");
                case METADATA -> added.add("thông tin mô tả");
                default -> {
                }
            }
        }
        return added.isEmpty() ? "tài liệu không bị thay đổi nội dung sau khi ký."
                : "sau khi ký, tài liệu chỉ được bổ sung " + String.join(", ", added) + ".";
    }

    // --- the Vietnamese line ---

    private static SignatureReport withSummary(SignatureReport s) {
        String who = s.signer() == null ? "(không rõ người ký)" : s.signer();
        boolean timestamp = s.kind() == Kind.DOCUMENT_TIMESTAMP;
        String what = timestamp ? "Dấu thời gian" : "Chữ ký";
        String when = s.signingTime() == null ? "" : (timestamp ? ", lúc " : ", ký lúc ") + s.signingTime().format(VietnamTime.SECOND)
                + switch (s.signingTimeSource()) {
                    case CLAIMED_BY_SIGNER -> " (thời điểm do người ký tự khai)";
                    case DOCUMENT_TIMESTAMP -> " (chậm nhất, theo dấu thời gian của tài liệu)";
                    default -> "";
                };
        Coverage c = s.coverage();
        String summary = switch (s.status()) {
            case VALID -> what + " hợp lệ của " + who + when + "; " + afterSigning(c);
            case VALID_WITH_WARNINGS -> what + " hợp lệ của " + who + when + "; " + afterSigning(c) + " Lưu ý: "
                    + s.warnings().get(0);
            case INDETERMINATE -> "Chưa xác định được tính hợp lệ của " + what.toLowerCase() + " của " + who
                    + " (" + reason(s) + "); " + afterSigning(c);
            case INVALID -> {
                List<Change> bad = c.changes().stream().filter(x -> !x.allowed()).toList();
                if (!c.byteRangeProblems().isEmpty()) {
                    yield "KHÔNG HỢP LỆ: vùng dữ liệu được ký của " + what.toLowerCase() + " của " + who
                            + " bất thường (" + byteRangeText(c.byteRangeProblems()) + ")"
                            + (bad.isEmpty() ? "." : "; tài liệu đã bị thay đổi sau khi ký (" + what(bad) + ").");
                }
                if (!bad.isEmpty()) {
                    yield "CẢNH BÁO: tài liệu đã bị thay đổi sau khi ký (" + what(bad) + "); " + what.toLowerCase()
                            + " của " + who + " không còn bảo đảm nội dung đang hiển thị.";
                }
                yield "KHÔNG HỢP LỆ: " + what.toLowerCase() + " của " + who + " không hợp lệ (" + reason(s) + ").";
            }
        };
        return new SignatureReport(s.id(), s.kind(), s.fieldName(), s.status(), summary, s.signer(),
                s.signerSubject(), s.signingTime(), s.signingTimeSource(), s.claimedSigningTime(), s.timestamps(),
                s.coverage(), s.certificateChain(), s.trusted(), s.revocation(), s.level(), s.indication(),
                s.subIndication(), s.warnings(), s.dssErrors(), s.dssWarnings());
    }

    private static String byteRangeText(List<ByteRangeProblem> problems) {
        return problems.stream().map(p -> switch (p) {
            case MALFORMED -> "/ByteRange sai định dạng";
            case BEYOND_FILE -> "/ByteRange vượt quá kích thước tệp";
            case GAP_NOT_SIGNATURE_VALUE -> "khoảng không được ký chứa dữ liệu khác ngoài giá trị chữ ký";
            case NOT_AT_REVISION_END -> "phần được ký không kết thúc ở cuối một phiên bản của tệp";
            case OVERLAP -> "chồng lấn với vùng ký của chữ ký khác";
        }).collect(Collectors.joining("; "));
    }

    /** Why DSS did not pass a signature, in Vietnamese. */
    static String reason(SignatureReport s) {
        if (s.subIndication() == null) {
            return s.indication() == null ? "không rõ lý do" : "kết quả của DSS: " + s.indication();
        }
        boolean noRevocation = s.dssErrors().stream().anyMatch(m -> m.toLowerCase().contains("no revocation data"));
        return switch (s.subIndication()) {
            case "HASH_FAILURE" -> "nội dung được ký đã bị sửa: giá trị băm không khớp";
            case "SIG_CRYPTO_FAILURE" -> "giá trị chữ ký không khớp với chứng thư của người ký";
            case "FORMAT_FAILURE" -> "cấu trúc chữ ký hoặc tài liệu không hợp lệ";
            case "REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE" -> "chứng thư số đã bị thu hồi";
            case "NO_CERTIFICATE_CHAIN_FOUND", "NO_CERTIFICATE_CHAIN_FOUND_NO_POE" ->
                    "chứng thư số không chuỗi về nguồn tin cậy nào đã cấu hình";
            case "NO_SIGNING_CERTIFICATE_FOUND" -> "không tìm thấy chứng thư số của người ký";
            case "CERTIFICATE_CHAIN_GENERAL_FAILURE" -> noRevocation
                    ? "không có thông tin thu hồi cho chứng thư số" : "không kiểm tra được chuỗi chứng thư số";
            case "TRY_LATER" -> "chưa có thông tin thu hồi đủ mới, hãy kiểm tra lại sau";
            case "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED", "EXPIRED" ->
                    "chứng thư số đã hết hạn hoặc chưa có hiệu lực tại thời điểm kiểm tra";
            case "NOT_YET_VALID" -> "chứng thư số chưa có hiệu lực";
            case "CRYPTO_CONSTRAINTS_FAILURE", "CRYPTO_CONSTRAINTS_FAILURE_NO_POE" ->
                    "thuật toán mật mã không còn được chấp nhận";
            case "SIGNED_DATA_NOT_FOUND" -> "không tìm thấy dữ liệu được ký";
            case "REVOCATION_OUT_OF_BOUNDS_NO_POE" -> "thông tin thu hồi không nằm trong thời hạn dùng được";
            case "SIGNATURE_POLICY_NOT_AVAILABLE", "POLICY_PROCESSING_ERROR" -> "không áp dụng được chính sách chữ ký";
            default -> "DSS: " + s.subIndication();
        };
    }

    // --- certificates and revocation ---

    private static RevocationInfo revocation(DiagnosticData diagnostic, CertificateWrapper c) {
        if (c.isTrusted()) {
            return new RevocationInfo("NOT_CHECKED", null, "NONE", List.of(), null, null, null, null,
                    "Chứng thư tin cậy gốc: không cần kiểm tra thu hồi.");
        }
        CertificateRevocationWrapper r = diagnostic.getLatestRevocationDataForCertificate(c);
        if (r == null) {
            return noRevocation("Không có thông tin thu hồi (CRL/OCSP) cho chứng thư này.");
        }
        String source = source(diagnostic, r);
        Set<String> sources = new LinkedHashSet<>();
        for (CertificateRevocationWrapper each : c.getCertificateRevocationData()) {
            sources.add(source(diagnostic, each));
        }
        String type = r.getRevocationType() == null ? null : r.getRevocationType().name();
        Date issued = "OCSP".equals(type) ? r.getProductionDate() : r.getThisUpdate();
        String status = r.getStatus() == null ? "UNKNOWN" : r.getStatus().name();
        String state = switch (status) {
            case "GOOD" -> "Chưa bị thu hồi";
            case "REVOKED" -> "ĐÃ BỊ THU HỒI" + (r.getRevocationDate() == null ? ""
                    : " từ " + VietnamTime.of(r.getRevocationDate()).format(VietnamTime.SECOND));
            default -> "Không rõ trạng thái thu hồi";
        };
        String also = sources.size() > 1 && !source.startsWith("EMBEDDED") && sources.stream()
                .anyMatch(x -> x.startsWith("EMBEDDED")) ? "; tài liệu cũng mang dữ liệu thu hồi nhúng" : "";
        return new RevocationInfo(status, type, source, List.copyOf(sources), r.getSourceAddress(),
                VietnamTime.of(issued), VietnamTime.of(r.getRevocationDate()),
                r.getReason() == null ? null : r.getReason().name(),
                state + " (" + (type == null ? "dữ liệu thu hồi" : type) + " " + from(source) + also + ").");
    }

    /** FETCHED by us now, or carried by the document: in its /DSS, or inside a CMS signature or time-stamp. */
    private static String source(DiagnosticData diagnostic, CertificateRevocationWrapper r) {
        if (r.getOrigin() == RevocationOrigin.EXTERNAL || r.getOrigin() == RevocationOrigin.CACHED) {
            return "FETCHED";
        }
        List<AbstractSignatureWrapper> tokens = new ArrayList<>(diagnostic.getSignatures());
        tokens.addAll(diagnostic.getTimestampList());
        boolean dss = tokens.stream().flatMap(t -> t.foundRevocations().getRelatedRevocationData().stream())
                .filter(x -> x.getId().equals(r.getId())).flatMap(x -> x.getOrigins().stream())
                .anyMatch(o -> o == RevocationOrigin.DSS_DICTIONARY || o == RevocationOrigin.VRI_DICTIONARY);
        return dss ? "EMBEDDED_DSS" : "EMBEDDED_SIGNATURE";
    }

    private static String from(String source) {
        return switch (source) {
            case "FETCHED" -> "lấy từ hệ thống PKI của trường lúc kiểm tra";
            case "EMBEDDED_DSS" -> "nhúng trong tài liệu (/DSS)";
            default -> "nhúng trong chữ ký";
        };
    }

    private static RevocationInfo noRevocation(String description) {
        return new RevocationInfo("NOT_CHECKED", null, "NONE", List.of(), null, null, null, null, description);
    }

    // --- small helpers ---

    private static boolean passed(Indication i) {
        return i == Indication.TOTAL_PASSED || i == Indication.PASSED;
    }

    private static List<String> messages(List<Message> messages) {
        return messages == null ? List.of() : messages.stream().map(Message::getValue).distinct().toList();
    }

    static String pages(List<Integer> pages) {
        return "trang " + pages.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
