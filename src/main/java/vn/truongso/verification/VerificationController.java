package vn.truongso.verification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.document.DocumentService;
import vn.truongso.school.UserDirectory;

/** The signature validation report of a stored document version, for those who may read the document. */
@RestController
class VerificationController {

    private final DocumentService documents;
    private final UserDirectory users;
    private final PdfVerifier verifier;

    VerificationController(DocumentService documents, UserDirectory users, PdfVerifier verifier) {
        this.documents = documents;
        this.users = users;
        this.verifier = verifier;
    }

    /** 404 (from the document service) for a document that does not exist or that this user may not read. */
    @GetMapping("/api/documents/{id}/verification")
    VerificationReport verification(@PathVariable UUID id,
                                    @RequestParam(value = "version", required = false) Integer version) {
        DocumentService.Content content = documents.content(id, version, users.current());
        byte[] pdf;
        try (InputStream in = content.stream()) {
            pdf = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return verifier.verify(pdf);
    }
}
