package vn.truongso.signing;

/** An RFC 3161 time-stamping authority: answers a DER time-stamp token over a SHA-256 message imprint. */
public interface TimeStampSource {
    byte[] timeStampToken(byte[] sha256Digest);
}
