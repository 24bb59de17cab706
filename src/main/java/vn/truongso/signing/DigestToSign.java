package vn.truongso.signing;

/**
 * One thing to sign in a sign transaction: the SHA-256 digest the signature value is computed over (for PAdES, of
 * the CMS signed attributes) and a label the signer reads, e.g. the lesson plan's title.
 */
public record DigestToSign(String label, byte[] sha256) {
}
