package vn.truongso.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import vn.truongso.common.ApiException;
import vn.truongso.common.Downloads;
import vn.truongso.common.PdfWorker;
import vn.truongso.common.SafePdf;
import vn.truongso.document.DocumentService;
import vn.truongso.school.UserDirectory;

/**
 * A document's PDF (download) and its pages as images: phones show no PDF inside a page, so the preview is PNG
 * rendered here. Who may read it is the document service's decision (GET /api/documents/{id}/content).
 */
@Controller
class FilePages {

    /** Enough to read a page on a phone and on a desktop, small enough to send. */
    private static final float DPI = 110;
    /** The preview shows the first pages; the whole document is one download away. */
    static final int PREVIEW_PAGES = 5;

    private final DocumentService documents;
    private final UserDirectory users;
    private final PdfWorker worker;

    FilePages(DocumentService documents, UserDirectory users, PdfWorker worker) {
        this.documents = documents;
        this.users = users;
        this.worker = worker;
    }

    @GetMapping("/files/{id}/pdf")
    ResponseEntity<InputStreamResource> pdf(@PathVariable UUID id, @RequestParam(required = false) Integer version) {
        DocumentService.Content c = documents.content(id, version, users.current());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).contentLength(c.size())
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(c.title() + " v" + c.version() + ".pdf"))
                .body(new InputStreamResource(c.stream()));
    }

    @GetMapping(value = "/files/{id}/pages/{page}.png")
    ResponseEntity<byte[]> page(@PathVariable UUID id, @PathVariable int page,
                                @RequestParam(required = false) Integer version) throws IOException {
        DocumentService.Content c = documents.content(id, version, users.current());
        byte[] pdf;
        try (InputStream in = c.stream()) {
            pdf = in.readAllBytes();
        }
        if (page < 1 || page > PREVIEW_PAGES) {
            throw ApiException.notFound("trang này");
        }
        byte[] png = worker.run(() -> {
            try (PDDocument doc = SafePdf.load(pdf, worker.limits())) {
                if (page > doc.getNumberOfPages()) {
                    throw ApiException.notFound("trang này");
                }
                BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(page - 1, DPI, ImageType.RGB);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(image, "png", out);
                return out.toByteArray();
            }
        });
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore()).body(png);
    }
}
