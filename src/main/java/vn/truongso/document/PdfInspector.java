package vn.truongso.document;

import org.springframework.stereotype.Component;
import vn.truongso.common.PdfWorker;
import vn.truongso.common.SafePdf;

/**
 * Decides whether bytes are a PDF we can keep ({@link SafePdf#inspect}: whole, readable, not encrypted, with pages,
 * within the limits, without active content), on the bounded PDF worker so that a hostile file cannot hang the
 * request. PDFBox repairs damaged files silently, so a truncated upload is caught by its missing end-of-file marker.
 */
@Component
class PdfInspector {

    private final PdfWorker worker;

    PdfInspector(PdfWorker worker) {
        this.worker = worker;
    }

    int pages(byte[] bytes) {
        return worker.run(() -> SafePdf.inspect(bytes, worker.limits())).pages();
    }
}
