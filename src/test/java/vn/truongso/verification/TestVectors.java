package vn.truongso.verification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared test vectors live beside the repository ({@code ../shared/test-vectors} in CI and in the worktrees).
 * {@code -Dtruongso.test-vectors=DIR} overrides; otherwise the working directory and its parents are searched.
 */
final class TestVectors {

    private TestVectors() {
    }

    static Path dir(String name) {
        String override = System.getProperty("truongso.test-vectors");
        if (override != null && !override.isBlank()) {
            return existing(Path.of(override).resolve(name));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("test-vectors").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Test vectors shared/test-vectors/" + name + " not found beside the project"
                + " (working directory " + Path.of("").toAbsolutePath() + "); set -Dtruongso.test-vectors=DIR");
    }

    static List<Path> pdfs(String name) {
        try (Stream<Path> files = Files.list(dir(name))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pdf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path existing(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Test vectors not found: " + dir);
        }
        return dir;
    }
}
