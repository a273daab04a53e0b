package io.checkpointkit.sqlite.internal;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.UnreadableExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-execution layout: one database file per execution under a directory, plus an index
 * database ({@value FileNames#INDEX_FILE}) that maps checkpoint ids to their execution and lists
 * the executions.
 *
 * <p>The execution files hold the truth; the index may hold stale entries but never misses a
 * stored id. That follows from the write order: a batch touches the index first, so the index
 * commits before the execution files (an id is indexed before its row exists), and index
 * entries of deleted rows are removed only after the deletions committed, in a second
 * transaction. A crash between the two leaves a stale entry, which every reader checks against
 * the execution file before trusting it.
 */
public final class PerExecutionEngine implements Engine {

    private static final Logger LOG = LoggerFactory.getLogger(PerExecutionEngine.class);

    private static final String OWNER = "SELECT execution_id FROM ids WHERE id = ?";
    private static final String PUT_OWNER = "INSERT OR REPLACE INTO ids (id, execution_id) VALUES (?, ?)";
    private static final String DELETE_OWNER = "DELETE FROM ids WHERE id = ? AND execution_id = ?";
    private static final String TOUCH_EXECUTION = "INSERT INTO executions (execution_id, file_name, last_write)"
            + " VALUES (?, ?, ?) ON CONFLICT (execution_id) DO UPDATE SET last_write = excluded.last_write";
    private static final String TOUCH_AFTER_DELETE = "UPDATE executions SET last_write = max(last_write, ?)"
            + " WHERE execution_id = ?";
    private static final String LAST_WRITE = "SELECT last_write FROM executions WHERE execution_id = ?";
    private static final KeysetQuery EXECUTIONS = new KeysetQuery(
            "SELECT execution_id, last_write FROM executions ORDER BY execution_id LIMIT ?",
            "SELECT execution_id, last_write FROM executions WHERE execution_id > ? ORDER BY execution_id LIMIT ?");
    private static final String IDLE = "SELECT execution_id FROM executions WHERE last_write < ?";
    private static final String FORGET_IDS = "DELETE FROM ids WHERE execution_id = ?";
    private static final String FORGET_EXECUTION = "DELETE FROM executions WHERE execution_id = ?";

    private final Path directory;
    private final Settings settings;
    private final Database index;
    private final ExecutionFiles files;
    private final GroupCommitWriter writer;
    // Touched only under the writer lock: the files acquired by the running batch, and the
    // index entries to remove once the batch's deletions are committed (id -> execution).
    private final Map<String, ExecutionFiles.Handle> batchFiles = new HashMap<>();
    private final Map<String, String> staleIndexEntries = new HashMap<>();

    /**
     * Opens (creating when absent) the directory and its index.
     *
     * @throws CheckpointStoreUnavailableException naming the directory if it cannot be used
     */
    public PerExecutionEngine(Path directory, Settings settings, int maxOpenFiles) {
        this.directory = directory;
        this.settings = settings;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new CheckpointStoreUnavailableException("cannot create the directory " + directory
                    + " of the per-execution SQLite store: " + e, e);
        }
        this.index = Database.open(directory.resolve(FileNames.INDEX_FILE), settings, Schema.INDEX);
        this.files = new ExecutionFiles(directory, settings, maxOpenFiles);
        this.writer = new GroupCommitWriter(directory, settings.maxBatchSize(), settings.timeout(),
                new GroupCommitWriter.BatchHooks() {
                    @Override
                    public void afterCommit() {
                        removeStaleIndexEntries();
                    }

                    @Override
                    public void afterBatch() {
                        batchFiles.values().forEach(files::release);
                        batchFiles.clear();
                        staleIndexEntries.clear();
                    }
                });
    }

    @Override
    public Checkpoint save(Checkpoint cp) {
        return writer.submit(ctx -> {
            PooledConnection idx = ctx.begin(index);
            String owner = owner(idx, cp.id());
            if (owner != null && !owner.equals(cp.executionId())) {
                ExecutionFiles.Handle ownerFile = batchFile(owner, false);
                if (ownerFile != null && CheckpointRows.exists(ctx.begin(ownerFile.db), cp.id())) {
                    throw CheckpointConflictException.ownedByAnotherExecution(cp.id(), cp.executionId(), owner);
                }
            }
            ExecutionFiles.Handle file = batchFile(cp.executionId(), true);
            Checkpoint saved = CheckpointRows.save(ctx.begin(file.db), cp);
            if (!cp.executionId().equals(owner)) {
                PreparedStatement ps = idx.prepare(PUT_OWNER);
                ps.setString(1, cp.id());
                ps.setString(2, cp.executionId());
                ps.executeUpdate();
            }
            PreparedStatement touch = idx.prepare(TOUCH_EXECUTION);
            touch.setString(1, cp.executionId());
            touch.setString(2, file.db.file().getFileName().toString());
            touch.setLong(3, settings.clock().millis());
            touch.executeUpdate();
            ctx.onSuccess(() -> staleIndexEntries.remove(cp.id()));
            return saved;
        });
    }

    @Override
    public Optional<Checkpoint> load(String checkpointId) {
        String owner = index.read(c -> owner(c, checkpointId));
        if (owner == null) {
            return Optional.empty();
        }
        return readFile(owner, Optional.empty(), c -> CheckpointRows.load(c, checkpointId));
    }

    @Override
    public List<Checkpoint> list(String executionId, CheckpointQuery query) {
        return readFile(executionId, new ArrayList<>(), c -> CheckpointRows.list(c, executionId, query));
    }

    @Override
    public Optional<Checkpoint> latest(String executionId) {
        return readFile(executionId, Optional.empty(), c -> CheckpointRows.latest(c, executionId));
    }

    @Override
    public boolean delete(String checkpointId) {
        return writer.submit(ctx -> {
            String owner = owner(ctx.begin(index), checkpointId);
            if (owner == null) {
                return false;
            }
            ExecutionFiles.Handle file = batchFile(owner, false);
            boolean removed = file != null && CheckpointRows.delete(ctx.begin(file.db), checkpointId);
            if (removed) {
                // A delete is a write: it keeps the execution from being cleared as idle.
                PreparedStatement touch = ctx.begin(index).prepare(TOUCH_AFTER_DELETE);
                touch.setLong(1, settings.clock().millis());
                touch.setString(2, owner);
                touch.executeUpdate();
            }
            ctx.onSuccess(() -> staleIndexEntries.put(checkpointId, owner));
            return removed;
        });
    }

    @Override
    public int clear(String executionId) {
        return writer.submit(ctx -> {
            ctx.begin(index);
            return removeFromFile(ctx, executionId, c -> CheckpointRows.clearReturningIds(c, executionId));
        });
    }

    /**
     * Reads the execution's last write from the index and clears its file in the same writer
     * batch: every write goes through that writer, so none can come between the two.
     */
    @Override
    public int clearIfIdleSince(String executionId, Instant cutoff) {
        long cutoffMillis = ExecutionWrites.cutoffMillis(cutoff);
        return writer.submit(ctx -> {
            PreparedStatement ps = ctx.begin(index).prepare(LAST_WRITE);
            ps.setString(1, executionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(1) >= cutoffMillis) {
                    return 0; // unknown (no file), or written at or after the cutoff
                }
            }
            return removeFromFile(ctx, executionId, c -> CheckpointRows.clearReturningIds(c, executionId));
        });
    }

    @Override
    public int trim(String executionId, int keepLatest) {
        return writer.submit(ctx -> {
            ctx.begin(index);
            return removeFromFile(ctx, executionId,
                    c -> CheckpointRows.trimReturningIds(c, executionId, keepLatest));
        });
    }

    /**
     * {@inheritDoc} An execution whose file cannot be opened or read (not a database, a newer
     * schema, no permission) is listed in {@link ExecutionPage#unreadable()} with the reason, and
     * the page goes on past it.
     */
    @Override
    public ExecutionPage executions(String afterExecutionId, int limit) {
        List<ExecutionInfo> items = new ArrayList<>();
        List<UnreadableExecution> unreadable = new ArrayList<>();
        String cursor = afterExecutionId;
        while (items.size() + unreadable.size() < limit) {
            String after = cursor;
            Map<String, Long> candidates = index.read(c -> executionIds(c, after, limit));
            for (Map.Entry<String, Long> candidate : candidates.entrySet()) {
                String executionId = candidate.getKey();
                cursor = executionId;
                Optional<ExecutionInfo> summary;
                try {
                    summary = readFile(executionId, Optional.<ExecutionInfo>empty(),
                            c -> CheckpointRows.summary(c, executionId));
                } catch (CheckpointException e) {
                    unreadable.add(new UnreadableExecution(executionId, e.getMessage()));
                    if (items.size() + unreadable.size() == limit) {
                        break;
                    }
                    continue;
                }
                // Executions whose checkpoints are all gone stay in the index until the idle
                // cleanup removes them; they are not listed.
                summary.ifPresent(info -> items.add(new ExecutionInfo(executionId, info.checkpointCount(),
                        info.lastTimestamp(), Instant.ofEpochMilli(candidate.getValue()))));
                if (items.size() + unreadable.size() == limit) {
                    break;
                }
            }
            if (candidates.size() < limit) {
                break;
            }
        }
        return ExecutionPage.of(items, unreadable, limit);
    }

    @Override
    public int removeIdleExecutions(Duration idleFor) {
        return writer.submit(ctx -> {
            PooledConnection idx = ctx.begin(index);
            long cutoff = settings.clock().millis() - idleFor.toMillis();
            List<String> idle = new ArrayList<>();
            PreparedStatement ps = idx.prepare(IDLE);
            ps.setLong(1, cutoff);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    idle.add(rs.getString(1));
                }
            }
            int removed = 0;
            for (String executionId : idle) {
                // A file in use by this batch or by a reader is not idle; the next round gets it.
                if (batchFiles.containsKey(executionId) || !files.deleteIfUnused(executionId)) {
                    continue;
                }
                for (String sql : List.of(FORGET_IDS, FORGET_EXECUTION)) {
                    PreparedStatement forget = idx.prepare(sql);
                    forget.setString(1, executionId);
                    forget.executeUpdate();
                }
                removed++;
            }
            return removed;
        });
    }

    /** How many execution files are open now; for tests of the bound. */
    public int openFileCount() {
        return files.openCount();
    }

    @Override
    public void close() {
        writer.close();
        writer.runExclusively(() -> {
            files.close();
            index.close();
        });
    }

    private <T> T readFile(String executionId, T whenAbsent, SqlFunction<PooledConnection, T> work) {
        ExecutionFiles.Handle file = files.acquire(executionId, false);
        if (file == null) {
            return whenAbsent;
        }
        try {
            return file.db.read(work);
        } finally {
            files.release(file);
        }
    }

    /**
     * Runs {@code removal} on the execution's file within the batch, and queues the index entries
     * of the ids it removed for deletion once the batch committed.
     *
     * @return how many checkpoints were removed; 0 when the execution has no file
     */
    private int removeFromFile(WriteContext ctx, String executionId,
            SqlFunction<PooledConnection, List<String>> removal) throws SQLException {
        ExecutionFiles.Handle file = batchFile(executionId, false);
        if (file == null) {
            return 0;
        }
        List<String> removed = removal.apply(ctx.begin(file.db));
        ctx.onSuccess(() -> removed.forEach(id -> staleIndexEntries.put(id, executionId)));
        return removed.size();
    }

    private ExecutionFiles.Handle batchFile(String executionId, boolean create) {
        ExecutionFiles.Handle h = batchFiles.get(executionId);
        if (h == null) {
            h = files.acquire(executionId, create);
            if (h != null) {
                batchFiles.put(executionId, h);
            }
        }
        return h;
    }

    private void removeStaleIndexEntries() {
        if (staleIndexEntries.isEmpty()) {
            return;
        }
        PooledConnection idx = index.writer();
        try {
            idx.execute("BEGIN IMMEDIATE");
            PreparedStatement ps = idx.prepare(DELETE_OWNER);
            for (Map.Entry<String, String> e : staleIndexEntries.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.executeUpdate();
            }
            idx.execute("COMMIT");
        } catch (SQLException e) {
            // Harmless: stale entries are checked against the execution files on every use.
            LOG.warn("could not remove {} stale entries from the index of {}: {}",
                    staleIndexEntries.size(), directory, e.getMessage());
            try {
                idx.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // No transaction left to roll back.
            }
        }
    }

    private static String owner(PooledConnection c, String checkpointId) throws SQLException {
        PreparedStatement ps = c.prepare(OWNER);
        ps.setString(1, checkpointId);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Execution ids after {@code after} with their last write (epoch milliseconds), in order. */
    private static Map<String, Long> executionIds(PooledConnection c, String after, int limit) throws SQLException {
        return KeysetQuery.longsByExecution(EXECUTIONS.prepare(c, after, limit));
    }
}
