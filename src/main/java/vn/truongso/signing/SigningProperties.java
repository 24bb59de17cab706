package vn.truongso.signing;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** How approval signatures look and at which PAdES level they are made ({@code truongso.signing.*}). */
@Component
@ConfigurationProperties(prefix = "truongso.signing")
class SigningProperties {
    /** PAdES level for approvals; lesson plans are kept for years, hence B-LTA. */
    private SignatureLevel level = SignatureLevel.B_LTA;
    /** Role → the heading under which that role signs. */
    private Map<String, String> keywords = Map.of("AUTHOR", "GIÁO VIÊN", "HEAD", "DUYỆT CỦA TỔ TRƯỞNG",
            "PRINCIPAL", "HIỆU TRƯỞNG", "DEFAULT", "HIỆU TRƯỞNG");
    /** Role → the reason recorded in the signature and shown to the signer before confirming. */
    private Map<String, String> reasons = Map.of("AUTHOR", "Giáo viên soạn kế hoạch bài dạy",
            "HEAD", "Tổ trưởng chuyên môn duyệt", "PRINCIPAL", "Hiệu trưởng phê duyệt");
    private float width = 200;
    private float height = 60;

    String keyword(String role) {
        return keywords.getOrDefault(role, keywords.get("DEFAULT"));
    }

    String reason(String role) {
        return reasons.getOrDefault(role, "Ký duyệt");
    }

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
