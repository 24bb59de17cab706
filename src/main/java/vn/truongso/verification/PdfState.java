package vn.truongso.verification;

import static vn.truongso.verification.CosObjects.MAX_VISITS;
import static vn.truongso.verification.CosObjects.keyOf;
import static vn.truongso.verification.CosObjects.reachable;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/** One parsed state of the file, with the facts the comparison needs. */
final class PdfState {
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
