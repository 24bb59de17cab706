package vn.truongso.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.common.ApiException;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.TestPdfs;

/**
 * The hold a process keeps on the document it reviews and signs: the owner's new versions only in the process's
 * revise step, and nothing signed unless the newest version is the one the process pinned (belt and braces).
 */
@IntegrationTest
class DocumentHoldTest {

    @LocalServerPort
    int port;
    @Autowired
    DocumentHolds holds;
    @Autowired
    DocumentService documents;
    @Autowired
    JdbcTemplate jdbc;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private Api.Response newVersion(String id, String text) {
        return api.postMultipart("gv.lan", "/api/documents/" + id + "/versions",
                Api.Part.file("v.pdf", "application/pdf", TestPdfs.lessonPlan(text)));
    }

    private long versions(UUID id) {
        return jdbc.queryForObject("select count(*) from document_version where document_id = ?", Long.class, id);
    }

    @Test
    void signingRefusesAnyVersionTheProcessDidNotPin() {
        UUID id = UUID.fromString(api.uploadLessonPlan("gv.lan", "Kế hoạch giữ phiên bản"));
        DocumentHolds.Pinned pinned = holds.hold(id, "TEST:" + id);
        assertThat(pinned.version()).isEqualTo(1);
        // A second process cannot take it.
        assertThatThrownBy(() -> holds.hold(id, "OTHER:" + id)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("DOCUMENT_IN_PROCESS"));
        assertThat(newVersion(id.toString(), "Thay khi đang giữ").status()).isEqualTo(409);

        // Out for revision: the owner may add a version, but nothing is signed until the process pins it again.
        holds.openForRevision(id, "TEST:" + id);
        assertThat(newVersion(id.toString(), "Bản sửa").status()).isEqualTo(201);
        assertThatThrownBy(() -> holds.toSign(id)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("DOCUMENT_NOT_PINNED"));
        assertThatThrownBy(() -> documents.addProducedVersion(id, 2, TestPdfs.lessonPlan("Ký trên bản chưa ghim"),
                "Ký số", "tt.hung")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("DOCUMENT_NOT_PINNED"));
        assertThat(versions(id)).isEqualTo(2);

        // Pinned again (the resubmission): that version is signed, and the signature's output is pinned next.
        assertThat(holds.hold(id, "TEST:" + id).version()).isEqualTo(2);
        assertThat(holds.toSign(id).version()).isEqualTo(2);
        int produced = documents.addProducedVersion(id, 2, TestPdfs.lessonPlan("Bản đã ký"), "Ký số", "tt.hung");
        assertThat(holds.pinned(id)).get().satisfies(p -> {
            assertThat(p.version()).isEqualTo(produced);
            assertThat(p.sha256()).isEqualTo(documents.describe(id).sha256());
        });
        holds.release(id, "TEST:" + id);
        assertThat(newVersion(id.toString(), "Sau khi quy trình kết thúc").status()).isEqualTo(201);
    }
}
