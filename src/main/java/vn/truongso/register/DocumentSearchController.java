package vn.truongso.register;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.common.ApiException;
import vn.truongso.common.Paging;
import vn.truongso.document.DocumentKind;
import vn.truongso.school.UserDirectory;

/** {@code GET /api/documents}: find documents (the rest of /api/documents is the document module's). */
@RestController
class DocumentSearchController {

    private final DocumentSearch search;
    private final UserDirectory users;

    DocumentSearchController(DocumentSearch search, UserDirectory users) {
        this.search = search;
        this.users = users;
    }

    @GetMapping("/api/documents")
    DocumentSearch.Result find(@RequestParam(required = false) String q,
                               @RequestParam(required = false) String kind,
                               @RequestParam(required = false) String status,
                               @RequestParam(required = false) String process,
                               @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "20") int size) {
        Paging.check(page, size, 100);
        if (q != null && q.length() > 200) {
            throw ApiException.badRequest("QUERY_TOO_LONG", "Từ khóa tìm kiếm tối đa 200 ký tự.");
        }
        return search.search(q, kind(kind), status, process, page, size, users.current());
    }

    private static DocumentKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return DocumentKind.valueOf(kind.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("KIND_UNKNOWN", "Loại văn bản không hợp lệ: " + kind
                    + ". Các loại hợp lệ: LESSON_PLAN, REPORT, DECISION, LETTER, APPLICATION_PAPER, OTHER.");
        }
    }
}
