package vn.truongso.document;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Content-addressed store of document files: a blob's name is the SHA-256 of its bytes, so identical uploads are
 * stored once and a stored blob can never change under its name. {@code truongso.storage.type} picks the store:
 * {@link LocalBlobStore} (a directory, the default) or {@link S3BlobStore} (an S3-compatible object store).
 *
 * <p>Order of writes: a blob is stored completely before {@link #put} returns, i.e. before the row naming it is
 * committed, so a row never names a missing blob. Nothing is deleted when a transaction rolls back (another one may
 * share the blob): {@link BlobCollector} removes what no row names. The collector's operations below work on keys, the
 * store's own names for what it holds (a blob, a blob set aside, an upload's leftover).
 */
interface BlobStore {

    /** A blob's own name in either store: {@code <sha256>.pdf}. */
    Pattern BLOB_NAME = Pattern.compile("([0-9a-f]{64})\\.pdf");
    /** A blob the collector set aside: {@code <sha256>.pdf.gc-<epoch millis>-<uuid>}. */
    Pattern SET_ASIDE_NAME = Pattern.compile("([0-9a-f]{64})\\.pdf\\.gc-(\\d+)-[0-9a-f-]{36}");

    /** What a blob's name gets when it is set aside now, unique to this caller (matches {@link #SET_ASIDE_NAME}). */
    static String setAsideSuffix() {
        return ".gc-" + Instant.now().toEpochMilli() + "-" + UUID.randomUUID();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stores the bytes durably; answers true when this call wrote the blob (false: it was already there). A blob that
     * was already there counts as uploaded now for the collector's grace period.
     */
    boolean put(String sha256, byte[] bytes);

    InputStream open(String sha256) throws IOException;

    byte[] read(String sha256);

    boolean exists(String sha256);

    /** Something in the store the collector may look at: a blob, one it set aside earlier, or an upload's leftover. */
    record Stored(String key, String sha256, Kind kind, Instant modified) {
        enum Kind { BLOB, SET_ASIDE, TEMP }
    }

    /** Hands everything of a known shape to {@code each}; anything else in the store is left alone. */
    void forEach(Consumer<Stored> each);

    /**
     * Moves the blob to a key only this caller knows ({@code <blob key>.gc-<epoch millis>-<uuid>}), so no reader or
     * upload finds it under its own name while the collector checks it; answers that key, or null when the blob is
     * gone already (another collector took it).
     */
    String setAside(String sha256);

    /** Puts a set-aside blob back under its name (an upload may have written it anew meanwhile: same bytes). */
    void restore(String asideKey, String sha256);

    /** When the blob behind this key was last uploaded (for a set-aside one: before it was set aside). */
    Instant modified(String key);

    /** Deletes what is under this key; nothing there is fine. */
    void remove(String key);

    /**
     * Whether the store can be used now, for the health check ({@link ObjectStoreHealthIndicator}): empty when it
     * answers, else a short reason. Quick, and leaves nothing behind that the collector would not clear.
     */
    Optional<String> unavailable();
}
