package vn.truongso.signing;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import vn.truongso.common.ApiException;
import vn.truongso.document.DocumentService;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;

/**
 * The approval steps' signer: puts the approver's PAdES signature, with its visible Smart CA-style appearance, on the
 * document's current version and stores the result as the next version.
 */
@Component
class PadesDocumentSigner implements DocumentSigner {

    private final DocumentService documents;
    private final UserDirectory users;
    private final SigningCredentials credentials;
    private final PadesSigner signer;
    private final SigningProperties properties;
    private final Clock clock;

    PadesDocumentSigner(DocumentService documents, UserDirectory users, SigningCredentials credentials,
                        PadesSigner signer, SigningProperties properties, Clock clock) {
        this.documents = documents;
        this.users = users;
        this.credentials = credentials;
        this.signer = signer;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Outcome sign(UUID documentId, String signerUsername, String role) {
        CurrentUser person = users.find(signerUsername)
                .orElseThrow(() -> new IllegalStateException("Unknown signer " + signerUsername));
        SignatureValueProvider key = credentials.of(signerUsername).orElseThrow(() -> ApiException.conflict(
                "NO_SIGNING_CREDENTIAL", "Tài khoản " + signerUsername + " chưa có chứng thư số để ký."));
        DocumentService.Latest latest = documents.latest(documentId);
        String keyword = properties.getKeywords().getOrDefault(role, properties.getKeywords().get("DEFAULT"));
        Appearance appearance = new Appearance(person.fullName(), person.title(), person.organisationName(),
                clock.instant(), null, new Appearance.NearKeyword(keyword, properties.getWidth(), properties.getHeight()));
        String reason = properties.getReasons().getOrDefault(role, "Ký duyệt");
        byte[] signed = signer.sign(latest.bytes(), new SignatureRequest(key, properties.getLevel(), appearance,
                reason, person.organisationName()));
        int version = documents.addProducedVersion(documentId, latest.version(), signed,
                "Ký số: " + person.fullName() + " – " + reason, signerUsername);
        return new Outcome(true, version, "Đã ký số bởi " + person.fullName() + " (" + reason + "), phiên bản "
                + version + ".");
    }

    @Component
    @ConfigurationProperties(prefix = "truongso.signing")
    static class SigningProperties {
        /** PAdES level for approvals; lesson plans are kept for years, hence B-LTA. */
        private SignatureLevel level = SignatureLevel.B_LTA;
        /** Role → the heading under which that role signs. */
        private Map<String, String> keywords = Map.of("AUTHOR", "GIÁO VIÊN", "HEAD", "DUYỆT CỦA TỔ TRƯỞNG",
                "PRINCIPAL", "HIỆU TRƯỞNG", "DEFAULT", "HIỆU TRƯỞNG");
        /** Role → the reason recorded in the signature. */
        private Map<String, String> reasons = Map.of("AUTHOR", "Giáo viên soạn kế hoạch bài dạy",
                "HEAD", "Tổ trưởng chuyên môn duyệt", "PRINCIPAL", "Hiệu trưởng phê duyệt");
        private float width = 200;
        private float height = 60;

        public SignatureLevel getLevel() {
            return level;
        }

        public void setLevel(SignatureLevel level) {
            this.level = level;
        }

        public Map<String, String> getKeywords() {
            return keywords;
        }

        public void setKeywords(Map<String, String> keywords) {
            this.keywords = keywords;
        }

        public Map<String, String> getReasons() {
            return reasons;
        }

        public void setReasons(Map<String, String> reasons) {
            this.reasons = reasons;
        }

        public float getWidth() {
            return width;
        }

        public void setWidth(float width) {
            this.width = width;
        }

        public float getHeight() {
            return height;
        }

        public void setHeight(float height) {
            this.height = height;
        }
    }
}
