package io.checkpointkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The benchmarks' temporary directories. */
final class TempDirectories {

    private TempDirectories() {
    }

    /**
     * Deletes {@code directory} and everything below it, the deepest first.
     *
     * @throws IOException if a file cannot be deleted
     */
    static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
