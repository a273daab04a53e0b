package io.checkpointkit.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The database files of a store and SQLite's own check of them, for the crash and fault tests. */
final class SqliteFiles {

    private SqliteFiles() {
    }

    /** The file itself (single-file layout), or the database files in the directory (per-execution). */
    static List<Path> databaseFiles(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> s = Files.list(path)) {
            return s.filter(p -> p.toString().endsWith(".db") || p.toString().endsWith(".sqlite"))
                    .collect(Collectors.toList());
        }
    }

    /** What {@code PRAGMA integrity_check} says of a file: {@code ok} when it is sound. */
    static String integrityCheck(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
            return String.join("\n", lines);
        }
    }
}
