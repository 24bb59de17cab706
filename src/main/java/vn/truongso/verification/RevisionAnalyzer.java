package vn.truongso.verification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.truongso.common.PdfLimits;
import vn.truongso.common.SafePdf;
import vn.truongso.verification.VerificationReport.ByteRangeProblem;
import vn.truongso.verification.VerificationReport.ChangeKind;

/**
 * Our own look at what a PDF's bytes say about each signature, independent of DSS: is the /ByteRange well formed, does
 * it end where a revision ends, and what did the incremental updates after it change, object by object.
 * <p>
 * DSS's modification detection is good but not enough on its own: on several shadow-attack files it reports nothing
 * (a freed or renumbered object, an xref it cannot follow), and what it does find only warns. So every object that a
 * later revision defines, redefines or frees is compared with the signed revision and must be one of the allowed kinds
 * — a later signature or document timestamp (its new field, widget and appearance), validation data (/DSS), document
 * metadata — or it counts as a change after signing.
 */
final class RevisionAnalyzer {

    private static final Logger log = LoggerFactory.getLogger(RevisionAnalyzer.class);
    private static final byte[] EOF_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    /** A signature dictionary leaves these in the clear (it cannot sit in an object stream). */
    private static final Pattern SIGNATURE_TRACE = Pattern.compile("/ByteRange\\s*\\[|/SubFilter\\s*/(?:adbe\\.pkcs7"
            + "\\.detached|adbe\\.pkcs7\\.sha1|adbe\\.x509\\.rsa_sha1|ETSI\\.CAdES\\.detached|ETSI\\.RFC3161)");
    /** Objects a traversal visits at most: bounds the work a hostile file can cause. */
    private static final int MAX_VISITS = 200_000;
    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName EXTENSIONS = COSName.getPDFName("Extensions");
    private static final COSName SIG_FLAGS = COSName.getPDFName("SigFlags");
    private static final COSName DOC_TIME_STAMP = COSName.getPDFName("DocTimeStamp");

    /** A signature or document timestamp as DSS found it. */
    record Token(String id, List<Long> byteRange, boolean documentTimestamp) {
    }

    /** What the bytes after a signed revision changed; {@code pages} and {@code objects} say where, when known. */
    record Change(ChangeKind kind, Set<Integer> pages, Set<String> objects) {
    }

    record Findings(long signedLength, boolean coversWholeDocument, int revisionsAfter, int laterSignatures,
                    int laterTimestamps, Set<ByteRangeProblem> byteRangeProblems, List<Change> changes) {
    }

    /** Whether the raw file carries traces of a signature dictionary, readable or not. */
    static boolean mentionsSignature(byte[] pdf) {
        return SIGNATURE_TRACE.matcher(new String(pdf, StandardCharsets.ISO_8859_1)).find();
    }

    Map<String, Findings> analyze(byte[] pdf, List<Token> tokens) {
        return analyze(pdf, PdfLimits.DEFAULTS, tokens);
    }

    Map<String, Findings> analyze(byte[] pdf, PdfLimits limits, List<Token> tokens) {
        List<Long> revisionEnds = revisionEnds(pdf);
        long contentEnd = contentEnd(pdf);
        Map<String, Findings> out = new LinkedHashMap<>();
        Map<Long, List<Change>> changesBySignedEnd = new HashMap<>();
        try (Documents docs = new Documents(pdf, limits)) {
            for (Token t : tokens) {
                Set<ByteRangeProblem> problems = EnumSet.noneOf(ByteRangeProblem.class);
                List<Long> br = t.byteRange();
                long end = -1;
                if (br == null || br.size() != 4 || br.get(0) != 0 || br.get(1) <= 0 || br.get(2) <= br.get(1)
                        || br.get(3) < 0) {
                    problems.add(ByteRangeProblem.MALFORMED);
                } else {
                    end = br.get(2) + br.get(3);
                    if (end > pdf.length) {
                        problems.add(ByteRangeProblem.BEYOND_FILE);
                    } else {
                        if (!gapIsSignatureValue(pdf, br.get(1), br.get(2))) {
                            problems.add(ByteRangeProblem.GAP_NOT_SIGNATURE_VALUE);
                        }
                        if (!endsARevision(pdf, end)) {
                            problems.add(ByteRangeProblem.NOT_AT_REVISION_END);
                        }
                        for (Token other : tokens) {
                            if (other != t && overlaps(t, other)) {
                                problems.add(ByteRangeProblem.OVERLAP);
                            }
                        }
                    }
                }
                if (end < 0 || end > pdf.length) {
                    out.put(t.id(), new Findings(-1, false, 0, 0, 0, problems, List.of()));
                    continue;
                }
                boolean whole = end >= contentEnd;
                final long signedEnd = end;
                int later = (int) revisionEnds.stream().filter(e -> e > signedEnd).count();
                if (!whole && (revisionEnds.isEmpty() || revisionEnds.get(revisionEnds.size() - 1) < contentEnd)) {
                    later++; // bytes after the last %%EOF form one more, unterminated revision
                }
                int laterSignatures = 0;
                int laterTimestamps = 0;
                for (Token other : tokens) {
                    long otherEnd = signedEnd(other);
                    if (other != t && otherEnd > end) {
                        if (other.documentTimestamp()) {
                            laterTimestamps++;
                        } else {
                            laterSignatures++;
                        }
                    }
                }
                List<Change> changes = whole ? List.of()
                        : changesBySignedEnd.computeIfAbsent(end, e -> docs.changesAfter(e));
                out.put(t.id(), new Findings(end, whole, later, laterSignatures, laterTimestamps, problems,
                        withLaterTokens(changes, laterSignatures, laterTimestamps)));
            }
        }
        return out;
    }

    /** New signature material only counts as a later signature when DSS found one; otherwise it is a form change. */
    private static List<Change> withLaterTokens(List<Change> changes, int laterSignatures, int laterTimestamps) {
        List<Change> out = new ArrayList<>();
        for (Change c : changes) {
            if (c.kind() == ChangeKind.LATER_SIGNATURE && laterSignatures == 0 && laterTimestamps == 0) {
                out.add(new Change(ChangeKind.FORM_FIELDS, c.pages(), c.objects()));
            } else if (c.kind() == ChangeKind.LATER_SIGNATURE && laterSignatures == 0) {
                out.add(new Change(ChangeKind.DOCUMENT_TIMESTAMP, c.pages(), c.objects()));
            } else {
                out.add(c);
            }
        }
        if (laterTimestamps > 0 && out.stream().noneMatch(c -> c.kind() == ChangeKind.DOCUMENT_TIMESTAMP)) {
            out.add(new Change(ChangeKind.DOCUMENT_TIMESTAMP, Set.of(), Set.of()));
        }
        return out;
    }

    private static long signedEnd(Token t) {
        List<Long> br = t.byteRange();
        return br == null || br.size() != 4 ? -1 : br.get(2) + br.get(3);
    }

    /** Two signatures may not sign the same revision, and a later one's value must lie outside the earlier revision. */
    private static boolean overlaps(Token a, Token b) {
        List<Long> ra = a.byteRange();
        List<Long> rb = b.byteRange();
        if (rb == null || rb.size() != 4) {
            return false;
        }
        long endA = signedEnd(a);
        long endB = signedEnd(b);
        if (endA == endB) {
            return true;
        }
        if (endA < endB) {
            return rb.get(1) < endA; // b's unsigned gap reaches into the revision a signed
        }
        return ra.get(1) < endB;
    }

    /** The unsigned gap must hold exactly the hex string of the signature value: nothing can hide there. */
    private static boolean gapIsSignatureValue(byte[] pdf, long from, long to) {
        if (pdf[(int) from] != '<' || pdf[(int) to - 1] != '>') {
            return false;
        }
        for (int i = (int) from + 1; i < to - 1; i++) {
            int c = pdf[i];
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && !isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** A signed range must end a revision: "%%EOF" then at most an end-of-line. */
    private static boolean endsARevision(byte[] pdf, long end) {
        int i = (int) end;
        while (i > 0 && isWhitespace(pdf[i - 1]) && end - i < 2) {
            i--;
        }
        return i >= EOF_MARKER.length && Arrays.equals(pdf, i - EOF_MARKER.length, i, EOF_MARKER, 0, EOF_MARKER.length);
    }

    /** Where each revision ends: after every "%%EOF" and its end-of-line. */
    static List<Long> revisionEnds(byte[] pdf) {
        List<Long> ends = new ArrayList<>();
        for (int i = 0; i + EOF_MARKER.length <= pdf.length; i++) {
            if (pdf[i] == '%' && Arrays.equals(pdf, i, i + EOF_MARKER.length, EOF_MARKER, 0, EOF_MARKER.length)) {
                int e = i + EOF_MARKER.length;
                if (e < pdf.length && pdf[e] == '\r') {
                    e++;
                }
                if (e < pdf.length && pdf[e] == '\n') {
                    e++;
                }
                ends.add((long) e);
                i = e - 1;
            }
        }
        return ends;
    }

    /** The file's length without trailing whitespace: padding at the end changes nothing anyone can see. */
    private static long contentEnd(byte[] pdf) {
        int n = pdf.length;
        while (n > 0 && (isWhitespace(pdf[n - 1]) || pdf[n - 1] == 0)) {
            n--;
        }
        return n;
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
    }

    /**
     * The final document, parsed once, and one signed state at a time: a file with many signatures never holds more
     * than two parsed copies at once.
     */
    private static final class Documents implements AutoCloseable {
        private final byte[] pdf;
        private final PdfLimits limits;
        private PDDocument finalDoc;
        private PdfState finalState;

        Documents(byte[] pdf, PdfLimits limits) {
            this.pdf = pdf;
            this.limits = limits;
        }

        List<Change> changesAfter(long signedEnd) {
            try {
                if (finalState == null) {
                    finalDoc = SafePdf.load(pdf, limits);
                    finalState = new PdfState(finalDoc);
                }
                try (PDDocument signedDoc = SafePdf.load(Arrays.copyOf(pdf, (int) signedEnd), limits)) {
                    PdfState signed = new PdfState(signedDoc);
                    return new Diff(signed, finalState, XrefSections.after(pdf, signedEnd, finalState.doc)).changes();
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Could not compare the signed revision ending at {} with the final document", signedEnd, e);
                return List.of(new Change(ChangeKind.UNREADABLE, Set.of(), Set.of()));
            }
        }

        @Override
        public void close() {
            if (finalDoc != null) {
                try {
                    finalDoc.close();
                } catch (IOException e) {
                    log.debug("closing", e);
                }
            }
        }
    }

    /** One parsed state of the file, with the facts the comparison needs. */
    private static final class PdfState {
        final PDDocument doc;
        final Map<COSObjectKey, Long> xref;
        final Map<COSObjectKey, Integer> pageOf = new HashMap<>();
        final Map<COSObjectKey, Integer> pageDicts = new HashMap<>();
        final Set<COSObjectKey> pageTreeNodes = new HashSet<>();
        final COSDictionary catalog;

        PdfState(PDDocument doc) {
            this.doc = doc;
            this.xref = new HashMap<>(doc.getDocument().getXrefTable());
            this.catalog = doc.getDocumentCatalog().getCOSObject();
            Deque<COSBase> nodes = new ArrayDeque<>();
            nodes.push(catalog.getItem(COSName.PAGES));
            while (!nodes.isEmpty() && pageTreeNodes.size() < 100_000) {
                COSBase item = nodes.pop();
                COSObjectKey key = keyOf(item);
                COSBase node = item instanceof COSObject o ? o.getObject() : item;
                if (node instanceof COSDictionary d && COSName.PAGES.equals(d.getCOSName(COSName.TYPE))
                        && (key == null || pageTreeNodes.add(key))) {
                    COSArray kids = d.getCOSArray(COSName.KIDS);
                    if (kids != null) {
                        kids.forEach(nodes::push);
                    }
                }
            }
            int n = 0;
            for (PDPage page : doc.getPages()) {
                n++;
                COSDictionary dict = page.getCOSObject();
                if (dict.getKey() != null) {
                    pageDicts.putIfAbsent(dict.getKey(), n);
                }
                for (COSObjectKey k : reachable(dict, Set.of(COSName.PARENT, COSName.P))) {
                    pageOf.putIfAbsent(k, n);
                }
            }
        }

        private Set<COSObjectKey> inUse;

        /** Whether anything reachable from the trailer refers to the object (a freed object may still be referred to). */
        boolean inUse(COSObjectKey key) {
            if (inUse == null) {
                inUse = reachable(doc.getDocument().getTrailer(), Set.of());
            }
            return inUse.size() >= MAX_VISITS || inUse.contains(key);
        }

        COSBase resolve(COSObjectKey key) {
            COSObject o = doc.getDocument().getObjectFromPool(key);
            return o == null ? null : o.getObject();
        }
    }

    /** The objects the later revisions touched, classified against the signed state. */
    private static final class Diff {
        private final PdfState signed;
        private final PdfState fin;
        private final XrefSections sections;

        Diff(PdfState signed, PdfState fin, XrefSections sections) {
            this.signed = signed;
            this.fin = fin;
            this.sections = sections;
        }

        List<Change> changes() {
            Set<COSObjectKey> touched = new HashSet<>(sections.defined());
            Set<COSObjectKey> freed = new HashSet<>();
            for (COSObjectKey f : sections.freed()) {
                // a free entry carries the next generation number: match the signed object by number
                signed.xref.keySet().stream().filter(k -> k.getNumber() == f.getNumber()).forEach(freed::add);
            }
            for (Map.Entry<COSObjectKey, Long> e : fin.xref.entrySet()) {
                if (!Objects.equals(signed.xref.get(e.getKey()), e.getValue())) {
                    touched.add(e.getKey());
                }
            }
            for (COSObjectKey k : signed.xref.keySet()) {
                if (!fin.xref.containsKey(k)) {
                    freed.add(k);
                }
            }
            expandObjectStreams(touched);
            touched.removeAll(freed);

            Set<COSObjectKey> validationData = fin.catalog.containsKey(DSS)
                    ? reachable(fin.catalog.getItem(DSS), Set.of()) : Set.of();
            Set<COSObjectKey> newSignatureMaterial = newSignatureMaterial();
            COSObjectKey infoKey = keyOf(fin.doc.getDocument().getTrailer().getItem(COSName.INFO));
            COSObjectKey metadataKey = keyOf(fin.catalog.getItem(COSName.METADATA));

            Map<ChangeKind, Change> changes = new LinkedHashMap<>();
            for (COSObjectKey k : new TreeSet<>(sections.misplaced())) {
                Integer page = signed.pageOf.get(k);
                add(changes, page != null ? ChangeKind.PAGE_CONTENT : ChangeKind.OTHER_OBJECTS, page, k);
            }
            touched.removeAll(sections.misplaced());
            for (COSObjectKey k : new TreeSet<>(touched)) {
                COSBase now = fin.resolve(k);
                Integer signedPage = signed.pageOf.get(k);
                if (signed.xref.containsKey(k) && sameObject(signed.resolve(k), now)) {
                    continue; // written again by a later revision, but not changed
                }
                if (!fin.inUse(k)) {
                    continue; // nothing in the final document refers to it: it cannot show or do anything
                }
                if (now instanceof COSDictionary d && (COSName.XREF.equals(d.getCOSName(COSName.TYPE))
                        || COSName.OBJ_STM.equals(d.getCOSName(COSName.TYPE)))) {
                    continue; // cross-reference and object streams: how the update is stored, not what it says
                }
                if (k.equals(fin.catalog.getKey())) {
                    Set<COSName> changed = changedKeys(signed.catalog, fin.catalog);
                    changed.removeAll(Set.of(DSS, EXTENSIONS));
                    if (changed.remove(COSName.ACRO_FORM) && !formChangeAllowed(
                            signed.catalog.getCOSDictionary(COSName.ACRO_FORM),
                            fin.catalog.getCOSDictionary(COSName.ACRO_FORM), newSignatureMaterial)) {
                        add(changes, ChangeKind.FORM_FIELDS, null, k);
                    }
                    if (changed.remove(COSName.METADATA)) {
                        add(changes, ChangeKind.METADATA, null, k);
                    }
                    if (!changed.isEmpty()) {
                        add(changes, ChangeKind.DOCUMENT_STRUCTURE, null, k);
                    }
                } else if ((k.equals(infoKey) || k.equals(metadataKey)) && signedPage == null
                        && !fin.pageOf.containsKey(k)) {
                    add(changes, ChangeKind.METADATA, null, k);
                } else if (fin.pageDicts.containsKey(k) || signed.pageDicts.containsKey(k)) {
                    Integer page = fin.pageDicts.getOrDefault(k, signed.pageDicts.get(k));
                    Set<COSName> changed = changedKeys(asDict(signed.resolve(k)), asDict(now));
                    boolean onlyAnnots = changed.stream().allMatch(COSName.ANNOTS::equals);
                    if (!onlyAnnots) {
                        add(changes, ChangeKind.PAGE_CONTENT, page, k);
                    } else if (!onlyNewSignatureWidgets(asDict(signed.resolve(k)), asDict(now), newSignatureMaterial)) {
                        add(changes, ChangeKind.ANNOTATIONS, page, k);
                    }
                } else if (signed.pageTreeNodes.contains(k) || fin.pageTreeNodes.contains(k)) {
                    add(changes, ChangeKind.DOCUMENT_STRUCTURE, null, k); // pages added, removed or swapped
                } else if (isAcroForm(k)) {
                    if (!formChangeAllowed(asDict(signed.resolve(k)), asDict(now), newSignatureMaterial)) {
                        add(changes, ChangeKind.FORM_FIELDS, null, k);
                    }
                } else if (signedPage == null && !signed.xref.containsKey(k) && newSignatureMaterial.contains(k)) {
                    add(changes, ChangeKind.LATER_SIGNATURE, null, k);
                } else if (signedPage == null && validationData.contains(k)) {
                    add(changes, ChangeKind.VALIDATION_DATA, null, k);
                } else if (now instanceof COSArray && isIndirectArrayOf(k, COSName.FIELDS)) {
                    if (!onlyAddsSignatureFields(k, newSignatureMaterial)) {
                        add(changes, ChangeKind.FORM_FIELDS, null, k);
                    }
                } else if (now instanceof COSArray && annotsOfPage(k) != null) {
                    Integer page = annotsOfPage(k);
                    if (!onlyNewElements(asArray(signed.resolve(k)), (COSArray) now, newSignatureMaterial)) {
                        add(changes, ChangeKind.ANNOTATIONS, page, k);
                    }
                } else {
                    Integer page = signedPage != null ? signedPage : fin.pageOf.get(k);
                    if (page != null) {
                        add(changes, isAnnotation(now) ? ChangeKind.ANNOTATIONS : ChangeKind.PAGE_CONTENT, page, k);
                    } else if (isAnnotation(now)) {
                        add(changes, ChangeKind.ANNOTATIONS, null, k);
                    } else {
                        add(changes, ChangeKind.OTHER_OBJECTS, null, k);
                    }
                }
            }
            for (COSObjectKey k : new TreeSet<>(freed)) {
                if (k.getNumber() == 0 || !fin.inUse(k)) {
                    continue;
                }
                Integer page = signed.pageOf.get(k);
                add(changes, page != null ? ChangeKind.PAGE_CONTENT : ChangeKind.OTHER_OBJECTS, page, k);
            }
            if (changes.isEmpty()) {
                // Bytes were appended after the signed revision, yet no object changed that we can see: another
                // reader may see more in them than PDFBox does, so this is not taken as harmless.
                add(changes, ChangeKind.UNEXPLAINED_BYTES, null, null);
            }
            return List.copyOf(changes.values());
        }

        private static void add(Map<ChangeKind, Change> changes, ChangeKind kind, Integer page, COSObjectKey key) {
            Change c = changes.computeIfAbsent(kind, x -> new Change(x, new TreeSet<>(), new TreeSet<>()));
            if (page != null) {
                c.pages().add(page);
            }
            if (key != null && c.objects().size() < 20) {
                c.objects().add(key.getNumber() + " " + key.getGeneration() + " R");
            }
        }

        /** Objects in an object stream a later revision rewrote count as touched too. */
        private void expandObjectStreams(Set<COSObjectKey> touched) {
            Set<Long> rewrittenStreams = new HashSet<>();
            for (COSObjectKey k : touched) {
                if (fin.resolve(k) instanceof COSStream s && COSName.OBJ_STM.equals(s.getCOSName(COSName.TYPE))) {
                    rewrittenStreams.add(k.getNumber());
                }
            }
            for (Map.Entry<COSObjectKey, Long> e : fin.xref.entrySet()) {
                if (e.getValue() < 0 && rewrittenStreams.contains(-e.getValue())) {
                    touched.add(e.getKey());
                }
            }
        }

        /** Every object that belongs to a signature field the signed state did not have (not following /P, /Parent). */
        private Set<COSObjectKey> newSignatureMaterial() {
            Set<COSObjectKey> out = new HashSet<>();
            COSDictionary form = fin.catalog.getCOSDictionary(COSName.ACRO_FORM);
            if (form == null) {
                return out;
            }
            Deque<COSBase> fields = new ArrayDeque<>();
            COSArray top = form.getCOSArray(COSName.FIELDS);
            if (top != null) {
                top.forEach(fields::add);
            }
            int guard = 0;
            while (!fields.isEmpty() && guard++ < 10_000) {
                COSBase item = fields.pop();
                COSObjectKey key = keyOf(item);
                COSBase resolved = item instanceof COSObject o ? o.getObject() : item;
                if (!(resolved instanceof COSDictionary field)) {
                    continue;
                }
                COSArray kids = field.getCOSArray(COSName.KIDS);
                if (kids != null) {
                    kids.forEach(fields::add);
                }
                boolean isSignature = COSName.SIG.equals(field.getCOSName(COSName.FT))
                        || COSName.SIG.equals(inheritedFieldType(field));
                if (isSignature && key != null && !signed.xref.containsKey(key)) {
                    out.add(key);
                    out.addAll(reachable(field, Set.of(COSName.P, COSName.PARENT)));
                }
            }
            return out;
        }

        private static COSName inheritedFieldType(COSDictionary field) {
            COSDictionary parent = field.getCOSDictionary(COSName.PARENT);
            for (int i = 0; parent != null && i < 32; i++) {
                COSName ft = parent.getCOSName(COSName.FT);
                if (ft != null) {
                    return ft;
                }
                parent = parent.getCOSDictionary(COSName.PARENT);
            }
            return null;
        }

        private boolean isAcroForm(COSObjectKey k) {
            return k.equals(keyOf(fin.catalog.getItem(COSName.ACRO_FORM)))
                    || k.equals(keyOf(signed.catalog.getItem(COSName.ACRO_FORM)));
        }

        private boolean isIndirectArrayOf(COSObjectKey k, COSName name) {
            COSDictionary form = fin.catalog.getCOSDictionary(COSName.ACRO_FORM);
            return form != null && k.equals(keyOf(form.getItem(name)));
        }

        private Integer annotsOfPage(COSObjectKey k) {
            for (Map.Entry<COSObjectKey, Integer> p : fin.pageDicts.entrySet()) {
                if (fin.resolve(p.getKey()) instanceof COSDictionary page
                        && k.equals(keyOf(page.getItem(COSName.ANNOTS)))) {
                    return p.getValue();
                }
            }
            return null;
        }

        /** The interactive form may gain signature fields (and the flags and resources they need), nothing else. */
        private static boolean formChangeAllowed(COSDictionary before, COSDictionary after,
                                                 Set<COSObjectKey> newSignatureMaterial) {
            Set<COSName> changed = changedKeys(before, after);
            changed.removeAll(Set.of(COSName.FIELDS, SIG_FLAGS, COSName.DR));
            return changed.isEmpty() && onlyNewElements(before == null ? null : before.getCOSArray(COSName.FIELDS),
                    after == null ? null : after.getCOSArray(COSName.FIELDS), newSignatureMaterial);
        }

        /** The /Fields array may gain new signature fields and lose none. */
        private boolean onlyAddsSignatureFields(COSObjectKey k, Set<COSObjectKey> newSignatureMaterial) {
            return onlyNewElements(asArray(signed.resolve(k)), asArray(fin.resolve(k)), newSignatureMaterial);
        }

        private boolean onlyNewSignatureWidgets(COSDictionary before, COSDictionary after, Set<COSObjectKey> allowed) {
            if (after == null) {
                return false;
            }
            return onlyNewElements(before == null ? null : before.getCOSArray(COSName.ANNOTS),
                    after.getCOSArray(COSName.ANNOTS), allowed);
        }

        /** Every old element is still there, in order, and every added one is an allowed (new signature) object. */
        private static boolean onlyNewElements(COSArray before, COSArray after, Set<COSObjectKey> allowed) {
            if (after == null) {
                return before == null || before.size() == 0;
            }
            int n = before == null ? 0 : before.size();
            if (after.size() < n) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (!sameValue(before.get(i), after.get(i))) {
                    return false;
                }
            }
            for (int i = n; i < after.size(); i++) {
                COSObjectKey key = keyOf(after.get(i));
                if (key == null || !allowed.contains(key)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isAnnotation(COSBase b) {
            return b instanceof COSDictionary d && (COSName.ANNOT.equals(d.getCOSName(COSName.TYPE))
                    || (d.containsKey(COSName.SUBTYPE) && d.containsKey(COSName.RECT)));
        }
    }

    /** The entries of the cross-reference sections written after the signed revision, parsed from the bytes. */
    private record XrefSections(Set<COSObjectKey> defined, Set<COSObjectKey> freed, Set<COSObjectKey> misplaced) {

        private static final Pattern STARTXREF = Pattern.compile("startxref\\s+(\\d+)");
        private static final Pattern PREV = Pattern.compile("/Prev\\s+(\\d+)");
        private static final Pattern XREF_STM = Pattern.compile("/XRefStm\\s+(\\d+)");
        private static final Pattern OBJ_HEADER = Pattern.compile("\\G\\s*(\\d+)\\s+(\\d+)\\s+obj");

        static XrefSections after(byte[] pdf, long signedEnd, PDDocument fin) {
            Set<COSObjectKey> defined = new HashSet<>();
            Set<COSObjectKey> freed = new HashSet<>();
            Map<COSObjectKey, Long> offsets = new HashMap<>();
            String text = new String(pdf, StandardCharsets.ISO_8859_1);
            long start = -1;
            Matcher m = STARTXREF.matcher(text);
            int from = (int) Math.max(0, signedEnd - 64);
            while (m.find(from)) {
                start = Long.parseLong(m.group(1));
                from = m.end();
            }
            Deque<Long> todo = new ArrayDeque<>();
            if (start >= 0) {
                todo.push(start);
            }
            Set<Long> seen = new HashSet<>();
            while (!todo.isEmpty() && seen.size() < 1000) {
                long at = todo.pop();
                if (at < signedEnd || at >= pdf.length || !seen.add(at)) {
                    continue; // sections of the signed revision, or nonsense
                }
                try {
                    String tail = readSection(text, (int) at, offsets, freed, fin);
                    Matcher prev = PREV.matcher(tail);
                    if (prev.find()) {
                        todo.push(Long.parseLong(prev.group(1)));
                    }
                    Matcher stm = XREF_STM.matcher(tail);
                    if (stm.find()) {
                        todo.push(Long.parseLong(stm.group(1)));
                    }
                } catch (RuntimeException | IOException e) {
                    log.debug("Unreadable cross-reference section at {}", at, e);
                }
            }
            Set<COSObjectKey> misplaced = new HashSet<>();
            offsets.forEach((key, offset) -> {
                defined.add(key);
                if (offset >= 0 && !objectStartsAt(text, offset, key)) {
                    misplaced.add(key);
                }
            });
            return new XrefSections(defined, freed, misplaced);
        }

        /**
         * Whether the cross-reference entry points at "N G obj" for its own object: when it does not, each reader
         * repairs the file its own way and may show something else than we do (the hide-via-xref shadow attacks).
         */
        private static boolean objectStartsAt(String text, long offset, COSObjectKey key) {
            if (offset >= text.length()) {
                return false;
            }
            Matcher m = OBJ_HEADER.matcher(text);
            return m.find((int) offset) && m.start() == offset
                    && Long.parseLong(m.group(1)) == key.getNumber() && Integer.parseInt(m.group(2)) == key.getGeneration();
        }

        /** Reads one section; answers the text of its trailer (or stream dictionary) to find /Prev in. */
        private static String readSection(String text, int at, Map<COSObjectKey, Long> defined,
                                          Set<COSObjectKey> freed, PDDocument fin) throws IOException {
            int i = at;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (text.startsWith("xref", i)) {
                int trailer = text.indexOf("trailer", i);
                int stop = trailer < 0 ? text.length() : trailer;
                String[] tokens = text.substring(i + 4, stop).trim().split("\\s+");
                int t = 0;
                while (t + 1 < tokens.length) {
                    long first = Long.parseLong(tokens[t]);
                    int count = Integer.parseInt(tokens[t + 1]);
                    t += 2;
                    for (int n = 0; n < count && t + 2 < tokens.length; n++, t += 3) {
                        COSObjectKey key = new COSObjectKey(first + n, Integer.parseInt(tokens[t + 1]));
                        if (tokens[t + 2].startsWith("f")) {
                            freed.add(key);
                        } else {
                            defined.putIfAbsent(key, Long.parseLong(tokens[t]));
                        }
                    }
                }
                int end = text.indexOf("startxref", stop);
                return trailer < 0 ? "" : text.substring(trailer, end < 0 ? text.length() : end);
            }
            Matcher header = OBJ_HEADER.matcher(text);
            if (!header.find(at)) {
                return "";
            }
            COSObjectKey streamKey = new COSObjectKey(Long.parseLong(header.group(1)),
                    Integer.parseInt(header.group(2)));
            COSObject holder = fin.getDocument().getObjectFromPool(streamKey);
            if (holder == null || !(holder.getObject() instanceof COSStream stream)
                    || !COSName.XREF.equals(stream.getCOSName(COSName.TYPE))) {
                return "";
            }
            readXrefStream(stream, defined, freed);
            COSBase prev = stream.getDictionaryObject(COSName.PREV);
            return prev instanceof org.apache.pdfbox.cos.COSNumber p ? "/Prev " + p.longValue() : "";
        }

        private static void readXrefStream(COSStream stream, Map<COSObjectKey, Long> defined,
                                           Set<COSObjectKey> freed) throws IOException {
            COSArray w = stream.getCOSArray(COSName.W);
            if (w == null || w.size() != 3) {
                return;
            }
            int[] widths = {w.getInt(0), w.getInt(1), w.getInt(2)};
            COSArray index = stream.getCOSArray(COSName.INDEX);
            List<long[]> ranges = new ArrayList<>();
            if (index == null) {
                ranges.add(new long[]{0, stream.getInt(COSName.SIZE)});
            } else {
                for (int i = 0; i + 1 < index.size(); i += 2) {
                    ranges.add(new long[]{index.getInt(i), index.getInt(i + 1)});
                }
            }
            try (InputStream in = stream.createInputStream()) {
                for (long[] range : ranges) {
                    for (long n = 0; n < range[1]; n++) {
                        long type = widths[0] == 0 ? 1 : readField(in, widths[0]);
                        long second = readField(in, widths[1]);
                        long third = readField(in, widths[2]);
                        if (type < 0) {
                            return;
                        }
                        if (type == 0) {
                            freed.add(new COSObjectKey(range[0] + n, (int) Math.max(0, third - 1)));
                        } else if (type == 1) {
                            defined.putIfAbsent(new COSObjectKey(range[0] + n, (int) third), second);
                        } else if (type == 2) {
                            defined.putIfAbsent(new COSObjectKey(range[0] + n, 0), -1L); // inside an object stream
                        }
                    }
                }
            }
        }

        private static long readField(InputStream in, int width) throws IOException {
            long v = 0;
            for (int i = 0; i < width; i++) {
                int b = in.read();
                if (b < 0) {
                    return -1;
                }
                v = (v << 8) | b;
            }
            return v;
        }
    }

    // --- small helpers on PDFBox objects ---

    static COSObjectKey keyOf(COSBase b) {
        if (b instanceof COSObject o) {
            return o.getKey();
        }
        return b == null ? null : b.getKey();
    }

    private static COSDictionary asDict(COSBase b) {
        return b instanceof COSDictionary d ? d : null;
    }

    private static COSArray asArray(COSBase b) {
        return b instanceof COSArray a ? a : null;
    }

    /** The keys whose values differ between two versions of a dictionary (stream data not compared). */
    private static Set<COSName> changedKeys(COSDictionary before, COSDictionary after) {
        Set<COSName> out = new HashSet<>();
        if (before == null || after == null) {
            if (before != null) {
                out.addAll(before.keySet());
            }
            if (after != null) {
                out.addAll(after.keySet());
            }
            if (before == null && after == null) {
                out.add(COSName.TYPE);
            }
            return out;
        }
        Set<COSName> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (COSName k : keys) {
            if (!sameValue(before.getItem(k), after.getItem(k))) {
                out.add(k);
            }
        }
        if (before instanceof COSStream || after instanceof COSStream) {
            out.add(COSName.LENGTH); // a rewritten stream always counts as changed
        }
        return out;
    }

    /** The same object content in two parsed states; a stream's raw bytes count too. */
    static boolean sameObject(COSBase a, COSBase b) {
        if (a instanceof COSStream sa && b instanceof COSStream sb) {
            if (!sameEntries(sa, sb)) {
                return false;
            }
            try (InputStream ia = sa.createRawInputStream(); InputStream ib = sb.createRawInputStream()) {
                return Arrays.equals(ia.readAllBytes(), ib.readAllBytes());
            } catch (IOException e) {
                return false;
            }
        }
        return sameValue(a, b);
    }

    private static boolean sameEntries(COSDictionary da, COSDictionary db) {
        if (!da.keySet().equals(db.keySet())) {
            return false;
        }
        for (COSName k : da.keySet()) {
            if (!sameValue(da.getItem(k), db.getItem(k))) {
                return false;
            }
        }
        return true;
    }

    /** Equal values across two parsed states: references by object key, direct values by content. */
    static boolean sameValue(COSBase a, COSBase b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof COSObject || b instanceof COSObject) {
            return a instanceof COSObject && b instanceof COSObject && Objects.equals(keyOf(a), keyOf(b));
        }
        if (a instanceof COSDictionary da && b instanceof COSDictionary db) {
            return !(a instanceof COSStream) && !(b instanceof COSStream) && sameEntries(da, db);
        }
        if (a instanceof COSArray aa && b instanceof COSArray ab) {
            if (aa.size() != ab.size()) {
                return false;
            }
            for (int i = 0; i < aa.size(); i++) {
                if (!sameValue(aa.get(i), ab.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** The keys of every indirect object reachable from {@code start}, not following the names in {@code skip}. */
    static Set<COSObjectKey> reachable(COSBase start, Set<COSName> skip) {
        Set<COSObjectKey> seen = new HashSet<>();
        Deque<COSBase> todo = new ArrayDeque<>();
        if (start != null) {
            todo.push(start);
        }
        int visits = 0;
        while (!todo.isEmpty() && visits++ < MAX_VISITS) {
            COSBase b = todo.pop();
            if (b instanceof COSObject o) {
                if (o.getKey() == null || !seen.add(o.getKey())) {
                    continue;
                }
                b = o.getObject();
            } else if (b != null && b.getKey() != null && b != start) {
                if (!seen.add(b.getKey())) {
                    continue;
                }
            }
            if (b instanceof COSDictionary d) {
                for (Map.Entry<COSName, COSBase> e : d.entrySet()) {
                    if (!skip.contains(e.getKey())) {
                        todo.push(e.getValue());
                    }
                }
            } else if (b instanceof COSArray a) {
                a.forEach(todo::push);
            }
        }
        return seen;
    }
}
