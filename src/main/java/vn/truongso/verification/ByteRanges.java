package vn.truongso.verification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.truongso.verification.RevisionAnalyzer.Token;
import vn.truongso.verification.VerificationReport.ByteRangeProblem;

/**
 * The first stage, on the raw bytes alone: is each signature's /ByteRange well formed, is its unsigned gap only the
 * signature value, does it end where a revision ends, and where do the file's revisions end.
 */
final class ByteRanges {

    private static final byte[] EOF_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    /** A signature dictionary leaves these in the clear (it cannot sit in an object stream). */
    private static final Pattern SIGNATURE_TRACE = Pattern.compile("/ByteRange\\s*\\[|/SubFilter\\s*/(?:adbe\\.pkcs7"
            + "\\.detached|adbe\\.pkcs7\\.sha1|adbe\\.x509\\.rsa_sha1|ETSI\\.CAdES\\.detached|ETSI\\.RFC3161)");

    private ByteRanges() {
    }

    /** Whether the raw file carries traces of a signature dictionary, readable or not. */
    static boolean mentionsSignature(byte[] pdf) {
        return SIGNATURE_TRACE.matcher(new String(pdf, StandardCharsets.ISO_8859_1)).find();
    }

    /** What is wrong with a signature's /ByteRange against the file and the other signatures; empty when nothing. */
    static Set<ByteRangeProblem> problems(byte[] pdf, Token t, List<Token> tokens) {
        Set<ByteRangeProblem> problems = EnumSet.noneOf(ByteRangeProblem.class);
        List<Long> br = t.byteRange();
        if (br == null || br.size() != 4 || br.get(0) != 0 || br.get(1) <= 0 || br.get(2) <= br.get(1)
                || br.get(3) < 0) {
            problems.add(ByteRangeProblem.MALFORMED);
            return problems;
        }
        long end = br.get(2) + br.get(3);
        if (end > pdf.length) {
            problems.add(ByteRangeProblem.BEYOND_FILE);
            return problems;
        }
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
        return problems;
    }

    static long signedEnd(Token t) {
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
    static long contentEnd(byte[] pdf) {
        int n = pdf.length;
        while (n > 0 && (isWhitespace(pdf[n - 1]) || pdf[n - 1] == 0)) {
            n--;
        }
        return n;
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
    }
}
