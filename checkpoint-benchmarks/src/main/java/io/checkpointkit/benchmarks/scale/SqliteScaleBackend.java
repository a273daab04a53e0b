package io.checkpointkit.benchmarks.scale;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.MetadataJson;
import io.checkpointkit.sqlite.SqliteCheckpointStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The SQLite store in either layout, filled by batched INSERTs into the store's own schema in one
 * transaction per batch, on a second connection beside the open store (SQLite's file locks keep
 * the two apart; the store writes nothing during a fill). The rows are those the store's save
 * writes: version 1, metadata as {@link MetadataJson}, {@code ts} in epoch microseconds,
 * {@code pinned} mirrored, and the write time of each execution.
 *
 * <p>Per-execution layout: the first checkpoint of each execution is saved through the store,
 * which creates the execution's file (with its schema) and its index entries; the rest go into
 * that file in one transaction, and their ids into the index ({@code ids}) in one transaction per
 * batch. The file name is read from the index, so the fill never computes it. A cleared
 * execution stays in the index (and {@code executions()} opens its file) until the idle cleanup
 * removes it, so the probes of trim and clear are written by a clock set to 1970 and removed after
 * use by {@link SqliteCheckpointStore#removeIdleExecutions}, which then finds only them idle.
 */
final class SqliteScaleBackend implements ScaleBackend {

    private static final String INSERT = "INSERT INTO checkpoints"
            + " (id, execution_id, parent_id, node_name, state, metadata, ts, version, pinned)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)";

    private final boolean perExecution;
    private final Path root;
    private final Path path;
    private final SqliteCheckpointStore store;
    private final ProbeClock clock = new ProbeClock();

    /**
     * @param cacheSize the store's {@code cacheSize} in bytes, or -1 for its default
     * @param mmapSize the store's {@code mmapSize} in bytes, or -1 for its default
     */
    SqliteScaleBackend(Path dataDir, boolean perExecution, long cacheSize, long mmapSize) throws IOException {
        this.perExecution = perExecution;
        SqliteCheckpointStore.Builder builder = SqliteCheckpointStore.builder()
                .layout(perExecution ? SqliteCheckpointStore.Layout.PER_EXECUTION : SqliteCheckpointStore.Layout.SINGLE)
                .clock(clock);
        // Set (and so checked) before anything is made on disk.
        if (cacheSize >= 0) {
            builder.cacheSize(cacheSize);
        }
        if (mmapSize >= 0) {
            builder.mmapSize(mmapSize);
        }
        Files.createDirectories(dataDir);
        this.root = Files.createTempDirectory(dataDir, "checkpointkit-scale-");
        this.path = perExecution ? root.resolve("executions") : root.resolve("checkpoints.db");
        this.store = builder.path(path).build();
    }

    @Override
    public String name() {
        return perExecution ? "sqlite-per-execution" : "sqlite";
    }

    @Override
    public CheckpointStore store() {
        return store;
    }

    @Override
    public String fillMethod() {
        return perExecution
                ? "first checkpoint of each execution by save() (makes the file), the rest by batched INSERTs"
                        + " in one transaction per file, ids into the index in one transaction"
                : "batched INSERTs into the store's tables, one transaction per batch";
    }

    @Override
    public void fill(List<Checkpoint> checkpoints) throws SQLException {
        if (perExecution) {
            fillPerExecution(checkpoints);
        } else {
            try (Connection c = open(path)) {
                insertInTransaction(c, checkpoints, true);
            }
        }
    }

    @Override
    public void fillProbes(List<Checkpoint> checkpoints) throws SQLException {
        clock.past = true;
        try {
            fill(checkpoints);
        } finally {
            clock.past = false;
        }
    }

    @Override
    public void discardProbes() {
        if (perExecution) {
            store.removeIdleExecutions(Duration.ofDays(365L * 30));
        }
    }

    /** The system clock, or a day in 1970 while {@link #past} is set. */
    private static final class ProbeClock extends Clock {
        volatile boolean past;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return past ? Instant.EPOCH.plus(Duration.ofDays(1)) : Instant.now();
        }
    }

    private void fillPerExecution(List<Checkpoint> checkpoints) throws SQLException {
        Map<String, List<Checkpoint>> byExecution = new LinkedHashMap<>();
        for (Checkpoint cp : checkpoints) {
            byExecution.computeIfAbsent(cp.executionId(), e -> new ArrayList<>()).add(cp);
        }
        try (Connection index = open(path.resolve("index.sqlite"))) {
            index.setAutoCommit(false);
            try (PreparedStatement ids = index.prepareStatement("INSERT INTO ids (id, execution_id) VALUES (?, ?)")) {
                for (List<Checkpoint> execution : byExecution.values()) {
                    for (Checkpoint cp : execution.subList(1, execution.size())) {
                        ids.setString(1, cp.id());
                        ids.setString(2, cp.executionId());
                        ids.addBatch();
                    }
                }
                ids.executeBatch();
            }
            index.commit();
            try (PreparedStatement fileName = index.prepareStatement(
                    "SELECT file_name FROM executions WHERE execution_id = ?")) {
                for (List<Checkpoint> execution : byExecution.values()) {
                    store.save(execution.get(0));
                    fileName.setString(1, execution.get(0).executionId());
                    String name;
                    try (ResultSet rs = fileName.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("the store indexed no file for " + execution.get(0).executionId());
                        }
                        name = rs.getString(1);
                    }
                    index.commit();
                    try (Connection file = open(path.resolve(name))) {
                        insertInTransaction(file, execution.subList(1, execution.size()), false);
                    }
                }
            }
        }
    }

    private static void insertInTransaction(Connection c, List<Checkpoint> checkpoints, boolean writeTimes)
            throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Checkpoint cp : checkpoints) {
                ps.setString(1, cp.id());
                ps.setString(2, cp.executionId());
                ps.setString(3, cp.parentId());
                ps.setString(4, cp.nodeName());
                ps.setBytes(5, cp.state());
                ps.setString(6, MetadataJson.write(cp.metadata()));
                ps.setLong(7, micros(cp.timestamp()));
                ps.setInt(8, cp.pinned() ? 1 : 0);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (writeTimes) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO execution_writes (execution_id, last_write) VALUES (?, ?)"
                            + " ON CONFLICT (execution_id) DO UPDATE SET last_write = excluded.last_write")) {
                long now = System.currentTimeMillis();
                String last = null;
                for (Checkpoint cp : checkpoints) {
                    if (!cp.executionId().equals(last)) {
                        last = cp.executionId();
                        ps.setString(1, last);
                        ps.setLong(2, now);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        c.commit();
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static Connection open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=30000");
            s.execute("PRAGMA synchronous=NORMAL");
        }
        return c;
    }

    /**
     * The size of every file of the store, WAL and shared-memory files included, after a
     * {@code wal_checkpoint(TRUNCATE)} of each file that has a WAL: a WAL holds pages on their way
     * into the database (the fill's large transactions make it large), not more data.
     */
    @Override
    public OptionalLong storedBytes() throws IOException, SQLException {
        List<Path> withWal;
        try (Stream<Path> files = Files.walk(root)) {
            withWal = files.filter(f -> f.getFileName().toString().endsWith("-wal")).toList();
        }
        for (Path wal : withWal) {
            String name = wal.getFileName().toString();
            try (Connection c = open(wal.resolveSibling(name.substring(0, name.length() - "-wal".length())));
                 Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            return OptionalLong.of(files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum());
        }
    }

    /**
     * Single file: pages and unused bytes of each table and index ({@code dbstat}), and the free
     * pages. Per-execution layout: the index file and the execution files, with their count.
     */
    @Override
    public Map<String, Long> bytesByPart() throws IOException, SQLException {
        Map<String, Long> parts = new LinkedHashMap<>();
        if (perExecution) {
            long index = Files.size(path.resolve("index.sqlite"));
            long files;
            long count;
            try (Stream<Path> all = Files.list(path)) {
                List<Path> executionFiles = all.filter(f -> f.getFileName().toString().endsWith(".db")).toList();
                count = executionFiles.size();
                files = 0;
                for (Path f : executionFiles) {
                    files += Files.size(f);
                }
            }
            parts.put("index.sqlite", index);
            parts.put("execution files (" + count + ", " + (count == 0 ? 0 : files / count) + " B each)", files);
            return parts;
        }
        try (Connection c = open(path); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT name, sum(pgsize), sum(unused) FROM dbstat GROUP BY name"
                    + " ORDER BY sum(pgsize) DESC")) {
                while (rs.next()) {
                    parts.put(rs.getString(1) + " (used)", rs.getLong(2) - rs.getLong(3));
                    parts.put(rs.getString(1) + " (unused in its pages)", rs.getLong(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT freelist_count * page_size FROM pragma_freelist_count, pragma_page_size")) {
                rs.next();
                parts.put("free pages", rs.getLong(1));
            }
        }
        return parts;
    }

    @Override
    public String storedBytesMethod() {
        return (perExecution ? "size of every file (execution files, index, -wal, -shm)" : "file size + -wal + -shm")
                + " after wal_checkpoint(TRUNCATE)";
    }

    @Override
    public void close() throws IOException {
        try {
            store.close();
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
