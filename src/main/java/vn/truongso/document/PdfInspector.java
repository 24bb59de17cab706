package vn.truongso.document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.springframework.stereotype.Component;
import vn.truongso.common.ApiException;

/**
 * Decides whether bytes are a PDF we can keep: it parses, it is whole, it is not encrypted, it has pages. PDFBox
 * repairs damaged files silently, so a truncated upload is caught by its missing end-of-file marker first.
 */
@Component
class PdfInspector {

    static final int TAIL = 2048;

    int pages(byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiException.badRequest("DOCUMENT_EMPTY", "Tệp tải lên rỗng.");
        }
        if (!startsWithPdfHeader(bytes)) {
            throw ApiException.badRequest("DOCUMENT_NOT_PDF", "Tệp tải lên không phải là tệp PDF.");
        }
        if (!hasEofMarker(bytes)) {
            throw ApiException.badRequest("DOCUMENT_TRUNCATED", "Tệp PDF bị cắt cụt hoặc chưa tải lên đầy đủ.");
        }
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            if (doc.isEncrypted()) {
                throw encrypted();
            }
            int pages = doc.getNumberOfPages();
            if (pages < 1) {
                throw ApiException.badRequest("DOCUMENT_CORRUPT", "Tệp PDF bị hỏng: không có trang nào.");
            }
            return pages;
        } catch (InvalidPasswordException e) {
            throw encrypted();
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw ApiException.badRequest("DOCUMENT_CORRUPT", "Tệp PDF bị hỏng, không đọc được.");
        }
    }

    private static ApiException encrypted() {
        return ApiException.badRequest("DOCUMENT_ENCRYPTED",
                "Tệp PDF đã được mã hóa hoặc đặt mật khẩu. Vui lòng tải lên bản không mã hóa.");
    }

    private static boolean startsWithPdfHeader(byte[] b) {
        // The header may follow a little junk (the spec allows it within the first 1024 bytes).
        String head = new String(b, 0, Math.min(b.length, 1024), StandardCharsets.ISO_8859_1);
        return head.contains("%PDF-");
    }

    private static boolean hasEofMarker(byte[] b) {
        int from = Math.max(0, b.length - TAIL);
        String tail = new String(b, from, b.length - from, StandardCharsets.ISO_8859_1);
        return tail.contains("%%EOF");
    }
}
