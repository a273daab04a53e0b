package io.checkpointkit.springboot.starter;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The starter's default backend, SQLite, in a file of a directory of its own. */
class SqliteBootApplicationTest extends BootApplicationTest {

    private static final Path DIRECTORY = temporaryDirectory();
    private static final String URI = "sqlite:" + DIRECTORY.resolve("boot.db");

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("checkpointkit.store.uri", () -> URI);
    }

    @Override
    String storeUri() {
        return URI;
    }

    @BeforeAll
    static void deleteTheDirectoryAfterShutdown() {
        deleteAfterShutdown(() -> {
            try (Stream<Path> files = Files.walk(DIRECTORY)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        });
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("checkpointkit-boot-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
