package vn.truongso.signing;

/**
 * One signature to add to a PDF.
 *
 * @param appearance null for an invisible signature
 * @param reason     shown by PDF readers, e.g. "Phê duyệt kế hoạch bài dạy"
 */
public record SignatureRequest(SignatureValueProvider provider, SignatureLevel level, Appearance appearance,
                               String reason, String location) {
}
