package vn.truongso.signing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** How approval signatures look and at which PAdES level they are made ({@code truongso.signing.*}). */
@Component
@ConfigurationProperties(prefix = "truongso.signing")
class SigningProperties {
    /** PAdES level for approvals; lesson plans are kept for years, hence B-LTA. */
    private SignatureLevel level = SignatureLevel.B_LTA;
    /**
     * Role → the headings under which that role signs, first found wins: one heading (as before) or several,
     * comma-separated or as a YAML list. {@code <ROLE>_KT}, {@code <ROLE>_Q}, {@code <ROLE>_TM} set the headings for
     * signing in that capacity; without them it is the authority's own first line ("KT. HIỆU TRƯỞNG") and then the
     * role's headings.
     */
    private Map<String, List<String>> keywords = Map.of("AUTHOR", List.of("GIÁO VIÊN"),
            "HEAD", List.of("DUYỆT CỦA TỔ TRƯỞNG"), "PRINCIPAL", List.of("HIỆU TRƯỞNG"),
            "DEFAULT", List.of("HIỆU TRƯỞNG"));
    /** Role → the reason recorded in the signature and shown to the signer before confirming. */
    private Map<String, String> reasons = Map.of("AUTHOR", "Giáo viên soạn kế hoạch bài dạy",
            "HEAD", "Tổ trưởng chuyên môn duyệt", "PRINCIPAL", "Hiệu trưởng phê duyệt");
    private float width = 200;
    private float height = 60;
    /** How long a workflow signature waits for the signer's code; by default the sign transaction's lifetime. */
    private Duration confirmationTimeout = Duration.ofMinutes(5);

    /** The headings of a role in its own right, first found wins. */
    List<String> keywords(String role) {
        List<String> found = keywords.get(role);
        return clean(found == null || found.isEmpty() ? keywords.getOrDefault("DEFAULT", List.of()) : found);
    }

    /**
     * The headings to look for when signing in {@code role} with this authority: a delegate signing for the
     * principal looks for "KT. HIỆU TRƯỞNG" first, then "HIỆU TRƯỞNG"; an acting principal for "Q. HIỆU TRƯỞNG",
     * then "HIỆU TRƯỞNG" — unless {@code <ROLE>_<KIND>} says otherwise.
     */
    List<String> keywords(String role, Authority authority) {
        if (authority == null || authority.isOwn()) {
            return keywords(role);
        }
        List<String> configured = keywords.get(role + "_" + authority.kind().name());
        if (configured != null && !configured.isEmpty()) {
            return clean(configured);
        }
        List<String> out = new ArrayList<>();
        out.add(authority.firstLine());
        out.addAll(keywords(role));
        return clean(out);
    }

    String reason(String role) {
        return reasons.getOrDefault(role, "Ký duyệt");
    }

    /** The reason, with the capacity when it is not the signer's own: "… – KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG (ký thay)". */
    String reason(String role, Authority authority) {
        return authority == null || authority.isOwn() ? reason(role) : reason(role) + " – " + authority.summary();
    }

    private static List<String> clean(List<String> headings) {
        return headings.stream().filter(h -> h != null && !h.isBlank()).map(String::strip).distinct().toList();
    }

    public SignatureLevel getLevel() {
        return level;
    }

    public void setLevel(SignatureLevel level) {
        this.level = level;
    }

    public Map<String, List<String>> getKeywords() {
        return keywords;
    }

    public void setKeywords(Map<String, List<String>> keywords) {
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

    public Duration getConfirmationTimeout() {
        return confirmationTimeout;
    }

    public void setConfirmationTimeout(Duration confirmationTimeout) {
        this.confirmationTimeout = confirmationTimeout;
    }
}
