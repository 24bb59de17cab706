package vn.truongso.common;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.springframework.http.HttpStatus;

/**
 * The one place where a PDF that came from outside is parsed: PDFBox with memory-limited stream caching (the rest
 * spills to temporary files), and an inspection that refuses, before anyone renders, signs or verifies it, what
 * could hurt: more pages, objects, signatures, revisions or nesting than {@link PdfLimits} allow, streams that inflate
 * beyond the limits (deflate bombs), an inconsistent page tree, and active content.
 * <p>
 * Active content (JavaScript, launch and import actions, embedded files, XFA forms, rich media) is refused rather than
 * neutralised: a signature covers what the file does as well as what it shows, and a signer cannot see what a script
 * or an attachment would show someone else.
 */
public final class SafePdf {

    /** What a PDF that passed the inspection holds. */
    public record Inspection(int pages, int signatures, int revisions) {
    }

    private static final byte[] EOF = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENDOBJ = "endobj".getBytes(StandardCharsets.US_ASCII);
    private static final int TAIL = 2048;
    /** Filters that only expand data and cost little to run; image decoders (DCT, JPX, JBIG2, CCITT) are not run. */
    private static final Set<COSName> LOSSLESS = Set.of(COSName.FLATE_DECODE, COSName.FLATE_DECODE_ABBREVIATION,
            COSName.LZW_DECODE, COSName.LZW_DECODE_ABBREVIATION, COSName.RUN_LENGTH_DECODE,
            COSName.RUN_LENGTH_DECODE_ABBREVIATION, COSName.ASCII_HEX_DECODE, COSName.ASCII_HEX_DECODE_ABBREVIATION,
            COSName.ASCII85_DECODE, COSName.ASCII85_DECODE_ABBREVIATION);
    private static final Set<String> ACTIVE_ACTIONS = Set.of("JavaScript", "Launch", "ImportData",
            "RichMediaExecute", "GoToE");
    private static final Set<String> ACTIVE_ANNOTATIONS = Set.of("FileAttachment", "RichMedia", "Movie", "Sound",
            "Screen");
    private static final COSName JS = COSName.getPDFName("JS");
    private static final COSName XFA = COSName.getPDFName("XFA");
    private static final COSName EMBEDDED_FILES = COSName.getPDFName("EmbeddedFiles");
    private static final COSName EMBEDDED_FILE = COSName.getPDFName("EmbeddedFile");
    private static final COSName BYTE_RANGE = COSName.getPDFName("ByteRange");

    private SafePdf() {
    }

    /** Parses with at most {@link PdfLimits#mainMemory()} of stream cache in memory. Checks nothing else. */
    public static PDDocument load(byte[] pdf, PdfLimits limits) throws IOException {
        return Loader.loadPDF(new RandomAccessReadBuffer(pdf), "",
                MemoryUsageSetting.setupMixed(limits.mainMemory().toBytes()).streamCache);
    }

    /**
     * Decides whether bytes are a PDF this service takes: a PDF from its first byte, whole, nothing after its last
     * end-of-file marker, readable, not encrypted, with pages, within the limits and without active content.
     *
     * @throws ApiException 400 DOCUMENT_EMPTY, DOCUMENT_NOT_PDF, DOCUMENT_TRUNCATED, DOCUMENT_CORRUPT,
     *                      DOCUMENT_ENCRYPTED, DOCUMENT_POLYGLOT; 422 PDF_TOO_COMPLEX, DOCUMENT_ACTIVE_CONTENT
     */
    public static Inspection inspect(byte[] pdf, PdfLimits limits) {
        checkFraming(pdf);
        checkCrossReferences(pdf, limits);
        return inspect(pdf, limits, true);
    }

    /**
     * Only what bounds the work on a PDF someone asks us to verify (not to keep): that it is a PDF, can be parsed
     * unencrypted, and stays within the limits. Damage, trailing data and active content are for the report to
     * describe, not reasons to refuse reading it; nor is a file PDFBox cannot parse at all (answered null), which the
     * verification reports as unreadable.
     */
    public static Inspection checkLimits(byte[] pdf, PdfLimits limits) {
        if (pdf == null || pdf.length == 0) {
            throw ApiException.badRequest("DOCUMENT_EMPTY", "Tệp rỗng.");
        }
        String head = new String(pdf, 0, Math.min(pdf.length, 1024), StandardCharsets.ISO_8859_1);
        if (!head.contains("%PDF-")) {
            throw ApiException.badRequest("DOCUMENT_NOT_PDF", "Tệp không phải là tệp PDF.");
        }
        return inspect(pdf, limits, false);
    }

    private static Inspection inspect(byte[] pdf, PdfLimits limits, boolean toKeep) {
        // Counted on the bytes: PDFBox would hold every cross-reference entry in memory before we could count them.
        int objects = count(pdf, ENDOBJ);
        if (objects > limits.maxObjects()) {
            throw tooComplex(objects + " đối tượng, tối đa " + limits.maxObjects());
        }
        int revisions = count(pdf, EOF);
        if (revisions > limits.maxRevisions()) {
            throw tooComplex(revisions + " lần cập nhật, tối đa " + limits.maxRevisions());
        }
        try (PDDocument doc = load(pdf, limits)) {
            if (doc.isEncrypted()) {
                throw encrypted();
            }
            Map<COSObjectKey, Long> xref = doc.getDocument().getXrefTable();
            if (xref.size() > limits.maxObjects()) {
                throw tooComplex(xref.size() + " đối tượng, tối đa " + limits.maxObjects());
            }
            int declared = doc.getNumberOfPages();
            if (declared > limits.maxPages()) {
                throw tooComplex(declared + " trang, tối đa " + limits.maxPages());
            }
            int pages = 0;
            for (PDPage ignored : doc.getPages()) {
                if (++pages > limits.maxPages()) {
                    throw tooComplex("hơn " + limits.maxPages() + " trang");
                }
            }
            if (pages < 1) {
                throw ApiException.badRequest("DOCUMENT_CORRUPT", "Tệp PDF bị hỏng: không có trang nào.");
            }
            if (pages != declared) {
                throw ApiException.badRequest("DOCUMENT_CORRUPT",
                        "Tệp PDF bị hỏng: cây trang không khớp với số trang khai báo.");
            }
            Walk walk = new Walk(limits, toKeep);
            walk.node(doc.getDocument().getTrailer(), 0);
            for (COSObjectKey key : xref.keySet()) {
                COSObject o = doc.getDocument().getObjectFromPool(key);
                COSBase value = o.getObject();
                if ((value == null || value instanceof org.apache.pdfbox.cos.COSNull)
                        && !explicitNull(pdf, xref.get(key))) {
                    // PDFBox gives up on an object it cannot parse (too deeply nested, say) and carries on with null;
                    // another reader would not. Refuse rather than keep bytes that readers see differently.
                    throw tooComplex("có đối tượng không phân tích được (lồng nhau quá sâu hoặc hỏng)");
                }
                walk.node(value, 0);
            }
            if (walk.signatures > limits.maxSignatures()) {
                throw tooComplex(walk.signatures + " chữ ký, tối đa " + limits.maxSignatures());
            }
            return new Inspection(pages, walk.signatures, revisions);
        } catch (InvalidPasswordException e) {
            throw encrypted();
        } catch (StackOverflowError e) {
            throw tooComplex("cấu trúc lồng nhau quá sâu");
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (!toKeep) {
                return null; // what PDFBox cannot parse the verification reports as unreadable, with what it finds
            }
            throw ApiException.badRequest("DOCUMENT_CORRUPT", "Tệp PDF bị hỏng, không đọc được.");
        }
    }

    /** Whether the object at this offset is written as {@code null} (objects in object streams: assumed so). */
    private static boolean explicitNull(byte[] b, Long offset) {
        if (offset == null || offset <= 0 || offset >= b.length) {
            return true;
        }
        String s = new String(b, offset.intValue(), (int) Math.min(64, b.length - offset), StandardCharsets.ISO_8859_1);
        return s.matches("(?s)\\s*\\d+\\s+\\d+\\s+obj\\s*(null\\b|endobj).*");
    }

    /** Header, end-of-file marker and what follows it: checked on the bytes, before any parser sees them. */
    static void checkFraming(byte[] b) {
        if (b == null || b.length == 0) {
            throw ApiException.badRequest("DOCUMENT_EMPTY", "Tệp tải lên rỗng.");
        }
        // A PDF from its first byte: junk before the header is how HTML/PDF and ZIP/PDF polyglots are made.
        if (b.length < 8 || !new String(b, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw ApiException.badRequest("DOCUMENT_NOT_PDF", "Tệp tải lên không phải là tệp PDF.");
        }
        int end = b.length;
        while (end > 0 && (isWhitespace(b[end - 1]) || b[end - 1] == 0)) {
            end--;
        }
        if (lastIndexOf(b, EOF, end, Math.max(0, b.length - TAIL)) < 0) {
            throw ApiException.badRequest("DOCUMENT_TRUNCATED", "Tệp PDF bị cắt cụt hoặc chưa tải lên đầy đủ.");
        }
        if (lastIndexOf(b, EOF, end, Math.max(0, end - EOF.length)) < 0) {
            throw ApiException.badRequest("DOCUMENT_TRAILING_DATA",
                    "Tệp PDF có dữ liệu lạ sau dấu kết thúc tệp (bị cắt cụt hoặc ghép thêm dữ liệu khác).");
        }
        if (endsWithZipDirectory(b)) {
            throw ApiException.badRequest("DOCUMENT_POLYGLOT",
                    "Tệp PDF có ghép thêm một tệp nén ZIP (tệp đa định dạng); vui lòng xuất lại tệp PDF gốc.");
        }
    }

    /**
     * PDFBox rebuilds a broken cross-reference table by scanning for objects; other readers rebuild differently, so
     * the same bytes could show different content (the root of shadow attacks). A file we keep must be read the same
     * way by every reader: the last {@code startxref} points at a table or stream, and each entry of a classic
     * table points at its object.
     */
    static void checkCrossReferences(byte[] b, PdfLimits limits) {
        String tail = new String(b, Math.max(0, b.length - TAIL), Math.min(b.length, TAIL), StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("startxref\\s+(\\d{1,12})\\s+%%EOF").matcher(tail);
        long start = -1;
        while (m.find()) {
            start = Long.parseLong(m.group(1));
        }
        if (start < 0 || start >= b.length) {
            throw brokenXref();
        }
        int at = (int) start;
        while (at < b.length && isWhitespace(b[at])) {
            at++;
        }
        String head = new String(b, at, Math.min(64, b.length - at), StandardCharsets.ISO_8859_1);
        if (head.matches("(?s)\\d+\\s+\\d+\\s+obj\\b.*")) {
            return; // a cross-reference stream: PDFBox reads it strictly
        }
        if (!head.startsWith("xref")) {
            throw brokenXref();
        }
        java.util.regex.Matcher line = java.util.regex.Pattern
                .compile("\\G\\s*(?:(\\d+)\\s+(\\d+)[ \\t]*(?=[\\r\\n])|(\\d{10}) (\\d{5}) ([nf])[ \\r\\n]{1,2})")
                .matcher(new String(b, at + 4, (int) Math.min(b.length - at - 4L, 20L * limits.maxObjects() + 4096),
                        StandardCharsets.ISO_8859_1));
        long number = 0;
        int checked = 0;
        while (line.find()) {
            if (line.group(1) != null) {
                number = Long.parseLong(line.group(1));
                continue;
            }
            long object = number++;
            if (line.group(5).equals("n") && checked++ < limits.maxObjects()) {
                long offset = Long.parseLong(line.group(3));
                if (offset >= b.length || !objectAt(b, (int) offset, object)) {
                    throw brokenXref();
                }
            }
        }
        if (checked == 0) {
            throw brokenXref();
        }
    }

    private static boolean objectAt(byte[] b, int offset, long number) {
        String s = new String(b, offset, Math.min(40, b.length - offset), StandardCharsets.ISO_8859_1);
        return s.matches("(?s)\\s*" + number + "\\s+\\d+\\s+obj\\b.*");
    }

    private static ApiException brokenXref() {
        return ApiException.badRequest("DOCUMENT_CORRUPT",
                "Tệp PDF bị hỏng: bảng tham chiếu chéo (cross-reference) không khớp với nội dung tệp.");
    }

    /** A ZIP's end-of-central-directory record ending exactly at the end of the file (its comment may hide %%EOF). */
    private static boolean endsWithZipDirectory(byte[] b) {
        for (int i = b.length - 22; i >= 0 && i >= b.length - 22 - 65535; i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
                int comment = (b[i + 20] & 0xff) | (b[i + 21] & 0xff) << 8;
                if (i + 22 + comment == b.length) {
                    return true;
                }
            }
        }
        return false;
    }

    public static ApiException tooComplex(String why) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "PDF_TOO_COMPLEX",
                "Tệp PDF quá phức tạp để xử lý an toàn (" + why + "). Vui lòng xuất lại tệp PDF đơn giản hơn.");
    }

    private static ApiException encrypted() {
        return ApiException.badRequest("DOCUMENT_ENCRYPTED",
                "Tệp PDF đã được mã hóa hoặc đặt mật khẩu. Vui lòng tải lên bản không mã hóa.");
    }

    private static ApiException active(String what) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "DOCUMENT_ACTIVE_CONTENT",
                "Tệp PDF chứa " + what + "; văn bản để ký không được chứa nội dung chủ động. "
                        + "Vui lòng xuất lại tệp PDF không có nội dung này.");
    }

    /** Every object once: nesting, active content, signatures, and what the streams inflate to. */
    private static final class Walk {
        private final PdfLimits limits;
        private final boolean refuseActive;
        private final java.util.IdentityHashMap<COSBase, Boolean> seen = new java.util.IdentityHashMap<>();
        int signatures;
        long decoded;

        Walk(PdfLimits limits, boolean refuseActive) {
            this.limits = limits;
            this.refuseActive = refuseActive;
        }

        void node(COSBase base, int depth) throws IOException {
            if (base == null || base instanceof COSObject) {
                return; // indirect objects are visited from the cross-reference table, once each
            }
            if (depth > limits.maxNesting()) {
                throw tooComplex("đối tượng lồng nhau quá " + limits.maxNesting() + " cấp");
            }
            if (!(base instanceof COSDictionary || base instanceof COSArray) || seen.put(base, Boolean.TRUE) != null) {
                return;
            }
            if (seen.size() > 20L * limits.maxObjects()) {
                throw tooComplex("quá nhiều đối tượng");
            }
            if (base instanceof COSArray a) {
                for (int i = 0; i < a.size(); i++) {
                    node(a.get(i), depth + 1);
                }
                return;
            }
            COSDictionary d = (COSDictionary) base;
            check(d);
            for (Map.Entry<COSName, COSBase> e : d.entrySet()) {
                node(e.getValue(), depth + 1);
            }
            if (d instanceof COSStream s) {
                stream(s);
            }
        }

        private void check(COSDictionary d) {
            if (d.containsKey(BYTE_RANGE) && d.containsKey(COSName.CONTENTS)) {
                signatures++;
            }
            if (!refuseActive) {
                return;
            }
            String action = d.getNameAsString(COSName.S);
            if (action != null && ACTIVE_ACTIONS.contains(action) || d.containsKey(JS)) {
                throw active(action != null && !"JavaScript".equals(action) ? "hành động tự chạy (" + action + ")"
                        : "mã JavaScript");
            }
            if (d.containsKey(XFA)) {
                throw active("biểu mẫu XFA");
            }
            if (d.containsKey(EMBEDDED_FILES) || d.containsKey(COSName.EF)
                    || EMBEDDED_FILE.equals(d.getCOSName(COSName.TYPE))) {
                throw active("tệp đính kèm");
            }
            String subtype = d.getNameAsString(COSName.SUBTYPE);
            if (subtype != null && ACTIVE_ANNOTATIONS.contains(subtype) && d.containsKey(COSName.RECT)) {
                throw active("chú thích đa phương tiện hoặc tệp đính kèm (" + subtype + ")");
            }
        }

        /** Inflates through the lossless filters into a counter, never into memory beyond one stage. */
        private void stream(COSStream s) throws IOException {
            COSBase filters = s.getFilters();
            java.util.List<COSName> names = new java.util.ArrayList<>();
            if (filters instanceof COSName n) {
                names.add(n);
            } else if (filters instanceof COSArray a) {
                for (int i = 0; i < a.size(); i++) {
                    if (a.getObject(i) instanceof COSName n) {
                        names.add(n);
                    }
                }
            }
            int stages = 0;
            while (stages < names.size() && LOSSLESS.contains(names.get(stages))) {
                stages++;
            }
            if (stages == 0) {
                return;
            }
            long cap = limits.maxStreamSize().toBytes();
            InputStream in = s.createRawInputStream();
            try {
                for (int i = 0; i < stages; i++) {
                    boolean last = i == stages - 1;
                    Capped out = new Capped(cap, !last);
                    try {
                        FilterFactory.INSTANCE.getFilter(names.get(i)).decode(in, out, s, i);
                    } catch (TooBig e) {
                        throw tooComplex("một luồng dữ liệu giải nén vượt " + limits.maxStreamSize().toMegabytes()
                                + " MB");
                    }
                    in.close();
                    in = last ? null : new ByteArrayInputStream(out.bytes());
                    if (last) {
                        decoded += out.count;
                    }
                }
            } finally {
                if (in != null) {
                    in.close();
                }
            }
            if (decoded > limits.maxDecodedSize().toBytes()) {
                throw tooComplex("dữ liệu giải nén vượt " + limits.maxDecodedSize().toMegabytes() + " MB");
            }
        }
    }

    /** Thrown from inside a filter; unchecked so that no filter's error handling swallows it. */
    private static final class TooBig extends RuntimeException {
        TooBig() {
            super(null, null, false, false);
        }
    }

    /** Counts (and, for an intermediate stage, keeps) what a filter writes, up to a cap. */
    private static final class Capped extends OutputStream {
        private final long cap;
        private final java.io.ByteArrayOutputStream kept;
        long count;

        Capped(long cap, boolean keep) {
            this.cap = cap;
            this.kept = keep ? new java.io.ByteArrayOutputStream() : null;
        }

        @Override
        public void write(int b) {
            if (++count > cap) {
                throw new TooBig();
            }
            if (kept != null) {
                kept.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
            if (count > cap) {
                throw new TooBig();
            }
            if (kept != null) {
                kept.write(b, off, len);
            }
        }

        byte[] bytes() {
            return kept.toByteArray();
        }
    }

    private static int count(byte[] b, byte[] what) {
        int n = 0;
        for (int i = indexOf(b, what, 0); i >= 0; i = indexOf(b, what, i + what.length)) {
            n++;
        }
        return n;
    }

    private static int indexOf(byte[] b, byte[] what, int from) {
        outer:
        for (int i = from; i <= b.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte[] what, int end, int from) {
        outer:
        for (int i = end - what.length; i >= from; i--) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
    }
}
