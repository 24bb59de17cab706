package vn.truongso.robustness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import vn.truongso.support.TestPdfs;

/**
 * The bad-input corpus, generated: every file with the reason it is in the corpus and the answer the service owes it.
 * Nothing is kept as a binary; the files are built from a few lines of PDF syntax each.
 */
final class BadInputCorpus {

    /** What the upload entry points must answer, and what the {@code verify} command must exit with. */
    record Case(String name, String reason, String fileName, String contentType, byte[] bytes, int status,
                String code, int verifyExit) {
        boolean accepted() {
            return status == 201;
        }
    }

    static final String PDF = "application/pdf";
    /** The verify command reads the file and reports (no valid signature: exit 1) instead of refusing it. */
    static final int REPORTS = 1;
    static final int REFUSES = 2;

    private BadInputCorpus() {
    }

    static List<Case> all() {
        byte[] good = TestPdfs.lessonPlan("Bài kiểm tra đầu vào");
        List<Case> c = new ArrayList<>();
        // ---- not a PDF, empty, truncated ---------------------------------------------------------------------------
        c.add(refuse("text-named-pdf", "a text file with a .pdf name", "bai-giang.pdf", PDF,
                "Đây là một tệp văn bản, không phải PDF.\n".getBytes(StandardCharsets.UTF_8), 400, "DOCUMENT_NOT_PDF", REFUSES));
        c.add(refuse("png-named-pdf", "a PNG image with a .pdf name", "anh.pdf", PDF,
                concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, new byte[200]), 400,
                "DOCUMENT_NOT_PDF", REFUSES));
        c.add(refuse("nul-bytes", "4 KB of NUL bytes", "rong.pdf", PDF, new byte[4096], 400, "DOCUMENT_NOT_PDF", REFUSES));
        c.add(refuse("empty", "a file of zero bytes", "rong.pdf", PDF, new byte[0], 400, "DOCUMENT_EMPTY", REFUSES));
        c.add(refuse("header-only", "the header line and nothing else", "dau.pdf", PDF,
                ascii("%PDF-1.7\n"), 400, "DOCUMENT_TRUNCATED", REPORTS));
        for (int percent : new int[] {10, 50, 90, 99}) {
            c.add(refuse("truncated-" + percent, "a valid PDF cut after " + percent + "% of its bytes",
                    "cat-" + percent + ".pdf", PDF, Arrays.copyOf(good, good.length * percent / 100), 400,
                    "DOCUMENT_TRUNCATED", REPORTS));
        }
        c.add(refuse("truncated-before-eof", "a valid PDF missing only its last 6 bytes (%%EOF)", "cat-cuoi.pdf",
                PDF, Arrays.copyOf(good, good.length - 6), 400, "DOCUMENT_TRUNCATED", REPORTS));
        // ---- broken cross-reference table ---------------------------------------------------------------------------
        c.add(refuse("xref-offsets-wrong", "every xref offset points 7 bytes off its object", "xref.pdf", PDF,
                shiftXref(simple("1.7", "BT ET"), 7), 400, "DOCUMENT_CORRUPT", REPORTS));
        c.add(refuse("xref-garbage", "the xref table replaced by garbage", "xref-rac.pdf", PDF,
                garbageXref(simple("1.7", "BT ET")), 400, "DOCUMENT_CORRUPT", REPORTS));
        c.add(refuse("startxref-beyond-file", "startxref points beyond the end of the file", "startxref.pdf", PDF,
                startxref(simple("1.7", "BT ET"), 99_999_999), 400, "DOCUMENT_CORRUPT", REPORTS));
        c.add(refuse("no-pages", "a well-formed PDF whose page tree is empty", "khong-trang.pdf", PDF,
                raw("1.7", "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"), 400,
                "DOCUMENT_CORRUPT", REFUSES));
        // ---- encrypted -----------------------------------------------------------------------------------------------
        c.add(refuse("encrypted-user-password", "AES-256, opening needs a user password", "mat-khau.pdf", PDF,
                TestPdfs.encrypted("Bài có mật khẩu"), 400, "DOCUMENT_ENCRYPTED", REFUSES));
        c.add(refuse("encrypted-owner-only", "AES-256 with an owner password only (opens without one)",
                "chu-so-huu.pdf", PDF, ownerOnly(good), 400, "DOCUMENT_ENCRYPTED", REFUSES));
        // ---- PDF 2.0: a positive case ---------------------------------------------------------------------------------
        c.add(new Case("pdf-2.0", "a valid PDF 2.0 file: ACCEPTED (ISO 32000-2 is the current PDF)", "pdf20.pdf",
                PDF, simple("2.0", "BT /F1 12 Tf 72 720 Td (PDF 2.0) Tj ET"), 201, null, REPORTS));
        // ---- bombs and complexity -------------------------------------------------------------------------------------
        c.add(refuse("deflate-bomb-1gib", "a content stream of 1 GiB of zeros, deflated twice: a few KB on disk",
                "bom.pdf", PDF, streamPdf(doubleDeflatedZeros(1L << 30), "[/FlateDecode /FlateDecode]"), 422,
                "PDF_TOO_COMPLEX", REFUSES));
        c.add(refuse("deflate-bomb-256mib", "a content stream of 256 MiB of zeros, deflated once (~250 KB)",
                "bom-don.pdf", PDF, streamPdf(deflatedZeros(256L << 20), "/FlateDecode"), 422, "PDF_TOO_COMPLEX",
                REFUSES));
        c.add(refuse("nested-arrays", "100,000 nested arrays in one object", "mang.pdf", PDF,
                withExtra("[".repeat(100_000) + "]".repeat(100_000)), 422, "PDF_TOO_COMPLEX", REFUSES));
        c.add(refuse("nested-dictionaries", "50,000 nested dictionaries in one object", "tu-dien.pdf", PDF,
                withExtra("<< /A ".repeat(50_000) + ">> ".repeat(50_000)), 422, "PDF_TOO_COMPLEX", REFUSES));
        c.add(refuse("nesting-just-over", "nesting 200 deep: beyond the limit of 64", "long-200.pdf", PDF,
                withExtra("[".repeat(200) + "]".repeat(200)), 422, "PDF_TOO_COMPLEX", REFUSES));
        c.add(refuse("page-tree-cycle", "a page tree node whose kid is its own parent", "vong.pdf", PDF,
                raw("1.7", "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"), 400, "DOCUMENT_CORRUPT", REFUSES));
        c.add(refuse("page-count-lie", "/Count claims a billion pages, one exists", "dem.pdf", PDF,
                raw("1.7", "<< /Type /Catalog /Pages 2 0 R >>",
                        "<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>",
                        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"), 422, "PDF_TOO_COMPLEX", REFUSES));
        c.add(refuse("pages-2001", "2,001 pages: one more than the limit", "trang.pdf", PDF, manyPages(2001), 422,
                "PDF_TOO_COMPLEX", REFUSES));
        c.add(refuse("tiny-objects-300k", "300,000 tiny objects (7 MB: over the upload limit, and the object limit)",
                "doi-tuong.pdf", PDF, tinyObjects(300_000), 413, "DOCUMENT_TOO_LARGE", REFUSES));
        c.add(refuse("signatures-51", "51 signature dictionaries: one more than the limit", "chu-ky.pdf", PDF,
                fakeSignatures(51), 422, "PDF_TOO_COMPLEX", REFUSES));
        c.add(refuse("revisions-101", "101 incremental updates: one more than the limit", "phien-ban.pdf", PDF,
                revisions(good, 101), 422, "PDF_TOO_COMPLEX", REFUSES));
        // ---- active content: refused (the school stores what people sign) ---------------------------------------------
        c.add(refuse("javascript-openaction", "JavaScript run when the file opens", "js.pdf", PDF,
                withCatalog("/OpenAction << /S /JavaScript /JS (app.alert\\('x'\\)) >>"), 422,
                "DOCUMENT_ACTIVE_CONTENT", REPORTS));
        c.add(refuse("javascript-names", "document-level JavaScript in the names tree", "js-ten.pdf", PDF,
                withCatalog("/Names << /JavaScript << /Names [(a) << /S /JavaScript /JS (1) >>] >> >>"), 422,
                "DOCUMENT_ACTIVE_CONTENT", REPORTS));
        c.add(refuse("javascript-hex-name", "JavaScript under a hex-escaped name (/#4A#61vaScript)", "js-hex.pdf",
                PDF, withCatalog("/OpenAction << /S /#4A#61vaScript /#4A#53 (1) >>"), 422, "DOCUMENT_ACTIVE_CONTENT",
                REPORTS));
        c.add(refuse("launch-action", "a link annotation that launches a program", "launch.pdf", PDF,
                withAnnotation("<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] "
                        + "/A << /S /Launch /F (cmd.exe) >> >>"), 422, "DOCUMENT_ACTIVE_CONTENT", REPORTS));
        c.add(refuse("page-additional-action", "JavaScript run when a page opens (/AA)", "aa.pdf", PDF,
                withPageEntry("/AA << /O << /S /JavaScript /JS (1) >> >>"), 422, "DOCUMENT_ACTIVE_CONTENT",
                REPORTS));
        c.add(refuse("embedded-file", "an embedded file in the names tree", "dinh-kem.pdf", PDF,
                embeddedFile(), 422, "DOCUMENT_ACTIVE_CONTENT", REPORTS));
        c.add(refuse("file-attachment-annotation", "a file attachment annotation", "chu-thich.pdf", PDF,
                withAnnotation("<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS (a.exe) >>"), 422,
                "DOCUMENT_ACTIVE_CONTENT", REPORTS));
        c.add(refuse("xfa-form", "an XFA form in the AcroForm", "xfa.pdf", PDF,
                withCatalog("/AcroForm << /Fields [] /XFA (<xdp:xdp/>) >>"), 422, "DOCUMENT_ACTIVE_CONTENT",
                REPORTS));
        // ---- polyglots ------------------------------------------------------------------------------------------------
        c.add(refuse("pdf-then-zip", "a valid PDF with a ZIP archive appended", "pdf-zip.pdf", PDF,
                concat(good, zip()), 400, "DOCUMENT_TRAILING_DATA", REPORTS));
        c.add(refuse("pdf-zip-comment", "a ZIP whose comment ends in %%EOF appended to a PDF", "zip-eof.pdf", PDF,
                concat(good, zipWithComment("\n%%EOF")), 400, "DOCUMENT_POLYGLOT", REPORTS));
        c.add(refuse("zip-then-pdf", "a ZIP archive with a PDF after it", "zip-pdf.pdf", PDF,
                concat(zip(), good), 400, "DOCUMENT_NOT_PDF", REPORTS));
        c.add(refuse("html-then-pdf", "an HTML page with a %PDF header 200 bytes in", "trang-web.pdf", PDF,
                concat(ascii("<html><script>alert(document.cookie)</script>" + " ".repeat(150) + "\n"), good), 400,
                "DOCUMENT_NOT_PDF", REPORTS));
        c.add(refuse("pdf-then-html", "a valid PDF followed by an HTML page", "pdf-html.pdf", PDF,
                concat(good, ascii("<html><script>alert(1)</script></html>")), 400, "DOCUMENT_TRAILING_DATA",
                REPORTS));
        // ---- names and types -------------------------------------------------------------------------------------------
        c.add(refuse("name-dot-dot", "a file name with ../", "../../etc/passwd.pdf", PDF, good, 400,
                "UNSAFE_FILE_NAME", REPORTS));
        c.add(refuse("name-control", "a file name with control characters", "bai\u0007\u001b[31m.pdf", PDF, good, 400,
                "UNSAFE_FILE_NAME", REPORTS));
        c.add(refuse("name-rtl", "a file name with a right-to-left override (exe.pdf shown as fdp.exe)",
                "hoa-don-\u202Efdp.exe", PDF, good, 400, "UNSAFE_FILE_NAME", REPORTS));
        c.add(refuse("name-300", "a file name of 300 characters", "a".repeat(296) + ".pdf", PDF, good, 400,
                "UNSAFE_FILE_NAME", REPORTS));
        c.add(refuse("type-html", "a valid PDF sent as text/html", "tep.pdf", "text/html", good, 415,
                "DOCUMENT_WRONG_TYPE", REPORTS));
        c.add(refuse("type-png", "a valid PDF sent as image/png", "tep.pdf", "image/png", good, 415,
                "DOCUMENT_WRONG_TYPE", REPORTS));
        c.add(refuse("junk-before-header", "a valid PDF after 100 bytes of junk", "rac-dau.pdf", PDF,
                concat(new byte[100], good), 400, "DOCUMENT_NOT_PDF", REPORTS));
        return c;
    }

    private static Case refuse(String name, String reason, String fileName, String type, byte[] bytes, int status,
                               String code, int verifyExit) {
        return new Case(name, reason, fileName, type, bytes, status, code, verifyExit);
    }

    // ---- builders ----------------------------------------------------------------------------------------------------

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A PDF of these objects (numbered from 1; the first is the catalog) with a correct xref table. */
    static byte[] raw(String version, String... objects) {
        List<byte[]> bodies = new ArrayList<>();
        for (String o : objects) {
            bodies.add(ascii(o));
        }
        return rawBytes(version, bodies, "");
    }

    static byte[] rawBytes(String version, List<byte[]> objects, String trailerExtra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("%PDF-" + version + "\n%\u00e2\u00e3\u00cf\u00d3\n"));
        long[] offsets = new long[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            offsets[i] = out.size();
            out.writeBytes(ascii((i + 1) + " 0 obj\n"));
            out.writeBytes(objects.get(i));
            out.writeBytes(ascii("\nendobj\n"));
        }
        long xref = out.size();
        StringBuilder x = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f\r\n");
        for (long o : offsets) {
            x.append(String.format("%010d 00000 n\r\n", o));
        }
        x.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R ").append(trailerExtra)
                .append(" >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        out.writeBytes(ascii(x.toString()));
        return out.toByteArray();
    }

    private static final String CATALOG = "<< /Type /Catalog /Pages 2 0 R >>";
    private static final String PAGES = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
    private static final String PAGE = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            + "/Resources << /Font << /F1 5 0 R >> >> >>";
    private static final String FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

    static byte[] simple(String version, String content) {
        return raw(version, CATALOG, PAGES, PAGE, stream(content), FONT);
    }

    private static String stream(String content) {
        return "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream";
    }

    private static byte[] withCatalog(String entries) {
        return raw("1.7", "<< /Type /Catalog /Pages 2 0 R " + entries + " >>", PAGES, PAGE, stream("BT ET"), FONT);
    }

    private static byte[] withPageEntry(String entries) {
        return raw("1.7", CATALOG, PAGES, PAGE.replace(" >> >>", " >> " + entries + " >>"), stream("BT ET"), FONT);
    }

    private static byte[] withAnnotation(String annotation) {
        return raw("1.7", CATALOG, PAGES, PAGE.replace(" >> >>", " >> /Annots [6 0 R] >>"), stream("BT ET"), FONT,
                annotation);
    }

    /** A sixth object that nothing refers to, still in the xref table. */
    private static byte[] withExtra(String object) {
        return raw("1.7", CATALOG, PAGES, PAGE, stream("BT ET"), FONT, object);
    }

    private static byte[] embeddedFile() {
        String payload = "MZ this would be a program";
        return raw("1.7", "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(a.exe) 6 0 R] >> >> >>",
                PAGES, PAGE, stream("BT ET"), FONT, "<< /Type /Filespec /F (a.exe) /EF << /F 7 0 R >> >>",
                "<< /Type /EmbeddedFile /Length " + payload.length() + " >>\nstream\n" + payload + "\nendstream");
    }

    private static byte[] streamPdf(byte[] data, String filter) {
        List<byte[]> objects = new ArrayList<>();
        objects.add(ascii(CATALOG));
        objects.add(ascii(PAGES));
        objects.add(ascii(PAGE));
        objects.add(concat(ascii("<< /Length " + data.length + " /Filter " + filter + " >>\nstream\n"), data,
                ascii("\nendstream")));
        objects.add(ascii(FONT));
        return rawBytes("1.7", objects, "");
    }

    static byte[] deflatedZeros(long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            zeros(d, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] doubleDeflatedZeros(long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream outer = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION));
             DeflaterOutputStream inner = new DeflaterOutputStream(outer, new Deflater(Deflater.BEST_COMPRESSION),
                     1 << 16)) {
            zeros(inner, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void zeros(OutputStream out, long size) throws IOException {
        byte[] block = new byte[1 << 20];
        for (long left = size; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(block.length, left));
        }
    }

    private static byte[] manyPages(int n) {
        StringBuilder kids = new StringBuilder();
        List<String> objects = new ArrayList<>();
        objects.add(CATALOG);
        objects.add(null);
        for (int i = 0; i < n; i++) {
            kids.append(i + 3).append(" 0 R ");
            objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
        }
        objects.set(1, "<< /Type /Pages /Kids [" + kids + "] /Count " + n + " >>");
        return raw("1.7", objects.toArray(String[]::new));
    }

    private static byte[] tinyObjects(int n) {
        List<byte[]> objects = new ArrayList<>();
        objects.add(ascii(CATALOG));
        objects.add(ascii(PAGES));
        objects.add(ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"));
        byte[] tiny = ascii("0");
        for (int i = 0; i < n; i++) {
            objects.add(tiny);
        }
        return rawBytes("1.7", objects, "");
    }

    private static byte[] fakeSignatures(int n) {
        List<String> objects = new ArrayList<>();
        objects.add(CATALOG);
        objects.add(PAGES);
        objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
        for (int i = 0; i < n; i++) {
            objects.add("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
                    + "/ByteRange [0 10 20 10] /Contents <" + "00".repeat(32) + "> >>");
        }
        return raw("1.7", objects.toArray(String[]::new));
    }

    /** {@code n} incremental updates, each re-saving the info dictionary: n+1 end-of-file markers. */
    private static byte[] revisions(byte[] base, int n) {
        byte[] pdf = base;
        for (int i = 0; i < n; i++) {
            try (PDDocument doc = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                doc.getDocumentInformation().setSubject("Sửa lần " + (i + 1));
                doc.getDocumentInformation().getCOSObject().setNeedToBeUpdated(true);
                doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
                doc.saveIncremental(out);
                pdf = out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pdf;
    }

    private static byte[] ownerOnly(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            StandardProtectionPolicy p = new StandardProtectionPolicy("chu-so-huu", "", new AccessPermission());
            p.setEncryptionKeyLength(256);
            doc.protect(p);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] shiftXref(byte[] pdf, int by) {
        String s = new String(pdf, StandardCharsets.ISO_8859_1);
        int xref = s.lastIndexOf("xref\n0 ");
        StringBuilder out = new StringBuilder(s.substring(0, xref));
        for (String line : s.substring(xref).split("\n", -1)) {
            if (line.matches("\\d{10} 00000 n\r")) {
                line = String.format("%010d 00000 n\r", Long.parseLong(line.substring(0, 10)) + by);
            }
            out.append(line).append('\n');
        }
        return ascii(out.substring(0, out.length() - 1));
    }

    private static byte[] garbageXref(byte[] pdf) {
        String s = new String(pdf, StandardCharsets.ISO_8859_1);
        int xref = s.lastIndexOf("xref\n0 ");
        int trailer = s.lastIndexOf("trailer");
        return ascii(s.substring(0, xref) + "xref\nthis is not a table at all\n" + s.substring(trailer));
    }

    private static byte[] startxref(byte[] pdf, long offset) {
        String s = new String(pdf, StandardCharsets.ISO_8859_1);
        int at = s.lastIndexOf("startxref\n");
        return ascii(s.substring(0, at) + "startxref\n" + offset + "\n%%EOF\n");
    }

    private static byte[] zip() {
        return zipWithComment(null);
    }

    private static byte[] zipWithComment(String comment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("index.html"));
            z.write(ascii("<html><script>alert(1)</script></html>"));
            z.closeEntry();
            if (comment != null) {
                z.setComment(comment);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
