package vn.truongso.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The zero-filled /Contents gap of the newest signature in a prepared PDF, found from its /ByteRange: what the
 * signature covers, and where the CMS goes. Read from the bytes, not through PDFBox, because completing a signature
 * must not parse (and pay for) the whole document again.
 */
final class SignaturePlaceholder {

    private static final byte[] BYTE_RANGE = "/ByteRange".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final byte[] pdf;
    /** Offset of the '<' that opens /Contents: the end of the first range. */
    private final int open;
    /** Offset just past the '>' that closes /Contents: the start of the second range. */
    private final int after;

    private SignaturePlaceholder(byte[] pdf, int open, int after) {
        this.pdf = pdf;
        this.open = open;
        this.after = after;
    }

    /**
     * The placeholder of the signature whose /ByteRange reaches the end of the file (only the newest one does).
     *
     * @throws IllegalArgumentException when there is none, or it is not exactly "[0 a b len-b]" around an all-zero
     *                                  hex string (e.g. the PDF was changed or already completed)
     */
    static SignaturePlaceholder of(byte[] pdf) {
        for (int i = pdf.length - BYTE_RANGE.length; i >= 0; i--) {
            if (!startsWith(pdf, i, BYTE_RANGE)) {
                continue;
            }
            long[] range = parseRange(pdf, i + BYTE_RANGE.length);
            if (range == null || range[2] + range[3] != pdf.length) {
                continue;
            }
            if (range[0] != 0 || range[1] <= 0 || range[2] <= range[1] + 1) {
                throw invalid("its /ByteRange is not [0 a b c] with a gap");
            }
            int open = (int) range[1];
            int after = (int) range[2];
            if (pdf[open] != '<' || pdf[after - 1] != '>') {
                throw invalid("its /ByteRange gap is not the /Contents hex string");
            }
            for (int j = open + 1; j < after - 1; j++) {
                if (pdf[j] != '0') {
                    throw invalid("its /Contents is not an empty (all zero) placeholder: already completed?");
                }
            }
            return new SignaturePlaceholder(pdf, open, after);
        }
        throw invalid("no signature /ByteRange reaches the end of the file");
    }

    /** SHA-256 of the bytes the /ByteRange covers: everything but the gap. */
    byte[] contentDigest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pdf, 0, open);
            sha.update(pdf, after, pdf.length - after);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many bytes of CMS fit: two hex digits each, between '<' and '>'. */
    int capacity() {
        return (after - open - 2) / 2;
    }

    /** A copy of the PDF with the CMS written into the gap; the prepared bytes stay as they were. */
    byte[] fill(byte[] cms) {
        if (cms.length > capacity()) {
            throw new IllegalStateException("The CMS signature (" + cms.length + " bytes) does not fit the prepared "
                    + "/Contents placeholder (" + capacity() + " bytes); prepare with room for it (e.g. at the level "
                    + "that is completed, since a time-stamp needs space)");
        }
        byte[] out = pdf.clone();
        int p = open + 1;
        for (byte b : cms) {
            out[p++] = HEX[(b >> 4) & 0xF];
            out[p++] = HEX[b & 0xF];
        }
        return out;
    }

    /** "[n n n n]" after optional white space, or null. */
    private static long[] parseRange(byte[] pdf, int at) {
        int p = skipSpace(pdf, at);
        if (p >= pdf.length || pdf[p] != '[') {
            return null;
        }
        long[] range = new long[4];
        p++;
        for (int k = 0; k < 4; k++) {
            p = skipSpace(pdf, p);
            int start = p;
            long value = 0;
            while (p < pdf.length && pdf[p] >= '0' && pdf[p] <= '9' && p - start < 12) {
                value = value * 10 + (pdf[p++] - '0');
            }
            if (p == start) {
                return null;
            }
            range[k] = value;
        }
        p = skipSpace(pdf, p);
        return p < pdf.length && pdf[p] == ']' ? range : null;
    }

    private static int skipSpace(byte[] pdf, int p) {
        while (p < pdf.length && (pdf[p] == ' ' || pdf[p] == '\n' || pdf[p] == '\r' || pdf[p] == '\t'
                || pdf[p] == '\f' || pdf[p] == 0)) {
            p++;
        }
        return p;
    }

    private static boolean startsWith(byte[] pdf, int at, byte[] what) {
        for (int k = 0; k < what.length; k++) {
            if (pdf[at + k] != what[k]) {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("Not a prepared signature: " + why);
    }
}
