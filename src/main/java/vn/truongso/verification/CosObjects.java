package vn.truongso.verification;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;

/**
 * Small helpers on PDFBox objects for comparing two parsed states of one file: object keys, equality across states
 * (references by key, direct values by content) and bounded reachability.
 */
final class CosObjects {

    /** Objects a traversal visits at most: bounds the work a hostile file can cause. */
    static final int MAX_VISITS = 200_000;

    private CosObjects() {
    }

    static COSObjectKey keyOf(COSBase b) {
        if (b instanceof COSObject o) {
            return o.getKey();
        }
        return b == null ? null : b.getKey();
    }

    static COSDictionary asDict(COSBase b) {
        return b instanceof COSDictionary d ? d : null;
    }

    static COSArray asArray(COSBase b) {
        return b instanceof COSArray a ? a : null;
    }

    /** The keys whose values differ between two versions of a dictionary (stream data not compared). */
    static Set<COSName> changedKeys(COSDictionary before, COSDictionary after) {
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
