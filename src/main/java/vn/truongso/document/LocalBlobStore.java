package vn.truongso.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@link BlobStore} in a local directory (the default, {@code truongso.storage.type=local}): a blob is the file
 * {@code <sha[0:2]>/<sha[2:4]>/<sha>.pdf} under {@code truongso.storage.dir}; a key is a path relative to that dir.
 *
 * <p>Because two transactions may share one blob, nothing is ever deleted when a transaction rolls back: a blob no
 * row refers to stays until {@link BlobCollector} finds it older than the grace period. Every blob is durable on disk
 * (file and directory fsynced) before {@link #put} returns, i.e. before the row naming it is committed.
 */
@Component
@ConditionalOnProperty(prefix = "truongso.storage", name = "type", havingValue = "local", matchIfMissing = true)
class LocalBlobStore implements BlobStore {

    /** A blob the collector has set aside while it makes sure nobody refers to it. */
    private static final Pattern TEMP = Pattern.compile("\\.upload-.*\\.tmp");

    private final Path root;

    LocalBlobStore(StorageProperties properties) throws IOException {
        this.root = properties.dir().toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    /** A blob that was already there is touched, so the collector's grace period counts from this upload. */
    @Override
    public boolean put(String sha256, byte[] bytes) {
        Path target = path(sha256);
        try {
            if (Files.exists(target) && Files.size(target) == bytes.length) {
                // File times are the file system's (not the app's movable clock). The collector sets a blob aside by
                // renaming it, which keeps this time: it then sees the blob is in use again and puts it back. If it was
                // set aside before this touch, the touch fails (the file is gone) and the blob is written anew.
                Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
                return false;
            }
        } catch (NoSuchFileException gone) {
            // set aside by the collector a moment ago: write it again below
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store blob " + sha256, e);
        }
        try {
            Path dir = target.getParent();
            createDirectoriesDurably(dir);
            Path tmp = Files.createTempFile(dir, ".upload-", ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer buf = ByteBuffer.wrap(bytes);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(true);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            fsyncDirectory(dir);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store blob " + sha256, e);
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(path(sha256));
    }

    @Override
    public byte[] read(String sha256) {
        try {
            return Files.readAllBytes(path(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read blob " + sha256, e);
        }
    }

    @Override
    public boolean exists(String sha256) {
        return Files.exists(path(sha256));
    }

    /** Walks the store, handing every file it knows to {@code each}; files of other shapes are left alone. */
    @Override
    public void forEach(Consumer<Stored> each) {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String name = f.getFileName().toString();
                Matcher blob = BLOB_NAME.matcher(name);
                Matcher aside = SET_ASIDE_NAME.matcher(name);
                Stored.Kind kind = blob.matches() ? Stored.Kind.BLOB
                        : aside.matches() ? Stored.Kind.SET_ASIDE
                        : TEMP.matcher(name).matches() ? Stored.Kind.TEMP : null;
                if (kind == null) {
                    return;
                }
                try {
                    Instant modified = Files.getLastModifiedTime(f).toInstant();
                    String sha = kind == Stored.Kind.BLOB ? blob.group(1)
                            : kind == Stored.Kind.SET_ASIDE ? aside.group(1) : null;
                    each.accept(new Stored(root.relativize(f).toString(), sha, kind, modified));
                } catch (NoSuchFileException gone) {
                    // another node's collector took it meanwhile
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the document store", e);
        }
    }

    /** Renames the blob atomically (the rename keeps its time, so a touch before it still counts). */
    @Override
    public String setAside(String sha256) {
        Path target = path(sha256);
        Path aside = target.resolveSibling(target.getFileName() + BlobStore.setAsideSuffix());
        try {
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            return root.relativize(aside).toString();
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set blob " + sha256 + " aside", e);
        }
    }

    @Override
    public void restore(String asideKey, String sha256) {
        Path target = path(sha256);
        try {
            Files.move(file(asideKey), target, StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(target.getParent());
        } catch (NoSuchFileException gone) {
            // restored by another collector
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restore blob " + sha256, e);
        }
    }

    @Override
    public Instant modified(String key) {
        try {
            return Files.getLastModifiedTime(file(key)).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void remove(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + key, e);
        }
    }

    /**
     * The directory is there and takes a new file: one is written and deleted. It is never created here (a missing
     * directory is a volume that is not mounted); a file left by a crash in between has an upload's shape, which the
     * collector clears.
     */
    @Override
    public Optional<String> unavailable() {
        if (!Files.isDirectory(root)) {
            return Optional.of("no directory " + root);
        }
        try {
            Files.delete(Files.createTempFile(root, ".upload-health-", ".tmp"));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot write in " + root + ": " + e);
        }
    }

    /** The file of a key this store handed out; never one outside the store. */
    private Path file(String key) {
        Path f = root.resolve(key).normalize();
        if (!f.startsWith(root) || f.equals(root)) {
            throw new IllegalArgumentException("not a key of this store: " + key);
        }
        return f;
    }

    private Path path(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256");
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256 + ".pdf");
    }

    /** Creates missing directories and fsyncs each new one's parent, so the new entries survive a power cut. */
    private void createDirectoriesDurably(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null && !parent.equals(root.getParent())) {
            createDirectoriesDurably(parent);
        }
        Files.createDirectories(dir);
        if (parent != null) {
            fsyncDirectory(parent);
        }
    }

    /** Makes a rename or a new entry in {@code dir} durable; platforms that cannot open a directory (Windows) skip it. */
    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not supported on this platform: the file itself was forced, which is the best it offers
        }
    }
}
