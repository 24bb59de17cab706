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
 * Turns DSS's reports and our own revision analysis into the {@link VerificationReport}: maps DSS's diagnostic data
 * (signers, times, chains, revocation, modifications) and our findings onto one entry per signature. The status rules
 * are {@link VerdictPolicy}'s, the Vietnamese sentences {@link ReportWording}'s.
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
            verdict = VerdictPolicy.withoutSignatures(traces);
            if (traces) {
                notes.add(ReportWording.NO_READABLE_SIGNATURE_NOTE);
            }
            summary = ReportWording.noReadableSignature(traces);
        } else {
            verdict = VerdictPolicy.verdict(signatures);
            summary = ReportWording.documentSummary(verdict, signatures, signatureCount);
        }
        return new VerificationReport(verdict, summary, signatureCount, pdf.length, sha256, VietnamTime.of(now),
                signatures, notes);
    }

    /** DSS could not read the file at all. */
    VerificationReport unreadable(byte[] pdf, String sha256, Instant now) {
        boolean traces = RevisionAnalyzer.mentionsSignature(pdf);
        return new VerificationReport(VerdictPolicy.withoutSignatures(traces), ReportWording.unreadable(traces),
                0, pdf.length, sha256, VietnamTime.of(now), List.of(), List.of(ReportWording.UNREADABLE_NOTE));
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
                if (VerdictPolicy.passed(ti) && (best == null || ts.getProductionTime().before(best.getProductionTime()))) {
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
        RevocationInfo revocation = signingCert == null ? noRevocation(ReportWording.UNKNOWN_SIGNING_CERTIFICATE)
                : revocation(diagnostic, signingCert);

        Coverage coverage = coverage(fileSize, t, f);
        List<String> warnings = new ArrayList<>();
        if (VerdictPolicy.lacksTrustedTime(t.kind(), timeSource)) {
            warnings.add(ReportWording.NO_TRUSTED_TIME);
        }
        List<BigInteger> overlap = t.revision() == null ? List.of()
                : t.revision().getPdfAnnotationsOverlapConcernedPages();
        if (!overlap.isEmpty()) {
            warnings.add(ReportWording.overlappingElements(overlap.stream().map(BigInteger::intValue).toList()));
        }

        Status status = VerdictPolicy.status(indication, coverage, warnings);

        SignatureReport draft = new SignatureReport(t.id(), t.kind(), fieldName(t), status, null, signer,
                signingCert == null ? null : signingCert.getCertificateDN(), signingTime, timeSource, claimed,
                timestamps, coverage, chain, w.isTrustedChain(), revocation, level,
                indication == null ? null : indication.name(), sub == null ? null : sub.name(), warnings,
                messages(simple.getAdESValidationErrors(t.id())), messages(simple.getAdESValidationWarnings(t.id())));
        return ReportWording.withSummary(draft);
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
                    List.copyOf(detectedBy), ReportWording.describe(kind, p));
        }
    }

    // --- certificates and revocation ---

    private static RevocationInfo revocation(DiagnosticData diagnostic, CertificateWrapper c) {
        if (c.isTrusted()) {
            return noRevocation(ReportWording.TRUST_ANCHOR_NOT_CHECKED);
        }
        CertificateRevocationWrapper r = diagnostic.getLatestRevocationDataForCertificate(c);
        if (r == null) {
            return noRevocation(ReportWording.NO_REVOCATION_DATA);
        }
        String source = source(diagnostic, r);
        Set<String> sources = new LinkedHashSet<>();
        for (CertificateRevocationWrapper each : c.getCertificateRevocationData()) {
            sources.add(source(diagnostic, each));
        }
        String type = r.getRevocationType() == null ? null : r.getRevocationType().name();
        Date issued = "OCSP".equals(type) ? r.getProductionDate() : r.getThisUpdate();
        String status = r.getStatus() == null ? "UNKNOWN" : r.getStatus().name();
        boolean alsoEmbedded = sources.size() > 1 && !source.startsWith("EMBEDDED") && sources.stream()
                .anyMatch(x -> x.startsWith("EMBEDDED"));
        return new RevocationInfo(status, type, source, List.copyOf(sources), r.getSourceAddress(),
                VietnamTime.of(issued), VietnamTime.of(r.getRevocationDate()),
                r.getReason() == null ? null : r.getReason().name(),
                ReportWording.revocation(status, type, source, r.getRevocationDate(), alsoEmbedded));
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

    private static RevocationInfo noRevocation(String description) {
        return new RevocationInfo("NOT_CHECKED", null, "NONE", List.of(), null, null, null, null, description);
    }

    // --- small helpers ---

    private static List<String> messages(List<Message> messages) {
        return messages == null ? List.of() : messages.stream().map(Message::getValue).distinct().toList();
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
