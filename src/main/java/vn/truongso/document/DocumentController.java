package vn.truongso.document;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.truongso.common.ApiException;
import vn.truongso.common.Downloads;
import vn.truongso.school.UserDirectory;

@RestController
@RequestMapping("/api/documents")
class DocumentController {

    private final DocumentService documents;
    private final UserDirectory users;

    DocumentController(DocumentService documents, UserDirectory users) {
        this.documents = documents;
        this.users = users;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DocumentView> upload(@RequestPart(value = "file", required = false) MultipartFile file,
                                        @RequestParam(value = "title", required = false) String title,
                                        @RequestParam(value = "kind", required = false) String kind) throws IOException {
        DocumentView view = documents.store(upload(file), title, kind(kind), users.current());
        return ResponseEntity.created(URI.create("/api/documents/" + view.id())).body(view);
    }

    @PostMapping(path = "/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DocumentView> newVersion(@PathVariable UUID id,
                                            @RequestPart(value = "file", required = false) MultipartFile file,
                                            @RequestParam(value = "note", required = false) String note)
            throws IOException {
        DocumentView view = documents.addVersion(id, upload(file), note, users.current());
        return ResponseEntity.created(URI.create("/api/documents/" + id + "/content?version=" + view.version()))
                .body(view);
    }

    @GetMapping("/{id}")
    DocumentView get(@PathVariable UUID id) {
        return documents.get(id, users.current());
    }

    @GetMapping("/{id}/content")
    ResponseEntity<InputStreamResource> content(@PathVariable UUID id,
                                                @RequestParam(value = "version", required = false) Integer version) {
        DocumentService.Content c = documents.content(id, version, users.current());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .contentLength(c.size())
                .eTag("\"" + c.sha256() + "\"")
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        Downloads.inline(c.title() + " v" + c.version() + ".pdf"))
                .body(new InputStreamResource(c.stream()));
    }

    private static DocumentService.Upload upload(MultipartFile file) throws IOException {
        if (file == null) {
            return null;
        }
        return new DocumentService.Upload(file.getBytes(), file.getOriginalFilename(), file.getContentType());
    }

    private static DocumentKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return DocumentKind.valueOf(kind.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("KIND_UNKNOWN", "Loại văn bản không hợp lệ: " + kind
                    + ". Các loại hợp lệ: LESSON_PLAN, REPORT, DECISION, LETTER, APPLICATION_PAPER, OTHER.");
        }
    }
}
