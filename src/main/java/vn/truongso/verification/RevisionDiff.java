package vn.truongso.verification;

import static vn.truongso.verification.CosObjects.asArray;
import static vn.truongso.verification.CosObjects.asDict;
import static vn.truongso.verification.CosObjects.changedKeys;
import static vn.truongso.verification.CosObjects.keyOf;
import static vn.truongso.verification.CosObjects.reachable;
import static vn.truongso.verification.CosObjects.sameObject;
import static vn.truongso.verification.CosObjects.sameValue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import vn.truongso.verification.RevisionAnalyzer.Change;
import vn.truongso.verification.VerificationReport.ChangeKind;

/**
 * The objects the later revisions touched, classified against the signed state: each must be one of the allowed kinds
 * (a later signature or document timestamp, validation data, document metadata) or it counts as a change after signing.
 */
final class RevisionDiff {

    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName EXTENSIONS = COSName.getPDFName("Extensions");
    private static final COSName SIG_FLAGS = COSName.getPDFName("SigFlags");
    private final PdfState signed;
    private final PdfState fin;
    private final XrefSections sections;

    RevisionDiff(PdfState signed, PdfState fin, XrefSections sections) {
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
