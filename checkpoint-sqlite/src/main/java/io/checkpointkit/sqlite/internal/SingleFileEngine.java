package io.checkpointkit.sqlite.internal;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.ExecutionPage;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The default layout: every execution in one database file. */
public final class SingleFileEngine implements Engine {

    private final Database db;
    private final GroupCommitWriter writer;
    private final Settings settings;
    private final GroupCommitWriter.Combiner<Checkpoint, Checkpoint> saves = this::saveTogether;

    /**
     * Opens the file, creating it and its schema when absent.
     *
     * @throws io.checkpointkit.CheckpointStoreUnavailableException naming the file if it cannot
     *     be opened
     */
    public SingleFileEngine(Path file, Settings settings) {
        this.settings = settings;
        this.db = Database.open(file, settings, Schema.SINGLE_FILE);
        this.writer = new GroupCommitWriter(file, settings.maxBatchSize(), settings.timeout(),
                new GroupCommitWriter.BatchHooks() { });
    }

    @Override
    public Checkpoint save(Checkpoint checkpoint) {
        return writer.submit(checkpoint.version() == 0 ? new Save(checkpoint) : ctx -> saveAlone(ctx, checkpoint));
    }

    private Checkpoint saveAlone(WriteContext ctx, Checkpoint checkpoint) throws SQLException {
        PooledConnection c = ctx.begin(db);
        Checkpoint saved = CheckpointRows.save(c, checkpoint);
        ExecutionWrites.touch(c, checkpoint.executionId(), settings.clock().millis());
        return saved;
    }

    /**
     * The unconditional saves waiting next to each other at the start of a batch: the upsert of
     * each row, one after the other, then one write-time upsert per execution (however many of
     * its saves the batch holds), without a savepoint each; instead of two statements and a
     * savepoint per save. (Multi-row statements measured slower and are not used.)
     */
    private List<Checkpoint> saveTogether(WriteContext ctx, List<Checkpoint> checkpoints) throws SQLException {
        PooledConnection c = ctx.begin(db);
        List<Checkpoint> saved = CheckpointRows.saveAll(c, checkpoints);
        Set<String> written = new LinkedHashSet<>();
        for (Checkpoint cp : saved) {
            if (cp != null) {
                written.add(cp.executionId());
            }
        }
        if (!written.isEmpty()) {
            ExecutionWrites.touchAll(c, written, settings.clock().millis());
        }
        return saved;
    }

    /** An unconditional save, which the writer may run together with its neighbours. */
    private final class Save implements GroupCommitWriter.CombinableOp<Checkpoint, Checkpoint> {
        private final Checkpoint checkpoint;

        Save(Checkpoint checkpoint) {
            this.checkpoint = checkpoint;
        }

        @Override
        public Checkpoint apply(WriteContext ctx) throws SQLException {
            return saveAlone(ctx, checkpoint);
        }

        @Override
        public GroupCommitWriter.Combiner<Checkpoint, Checkpoint> combiner() {
            return saves;
        }

        @Override
        public Checkpoint input() {
            return checkpoint;
        }
    }

    @Override
    public Optional<Checkpoint> load(String checkpointId) {
        return db.read(c -> CheckpointRows.load(c, checkpointId));
    }

    @Override
    public List<Checkpoint> list(String executionId, CheckpointQuery query) {
        return db.read(c -> CheckpointRows.list(c, executionId, query));
    }

    @Override
    public Optional<Checkpoint> latest(String executionId) {
        return db.read(c -> CheckpointRows.latest(c, executionId));
    }

    @Override
    public boolean delete(String checkpointId) {
        return writer.submit(ctx -> {
            PooledConnection c = ctx.begin(db);
            String owner = ExecutionWrites.owner(c, checkpointId);
            if (owner == null || !CheckpointRows.delete(c, checkpointId)) {
                return false;
            }
            ExecutionWrites.touch(c, owner, settings.clock().millis());
            ExecutionWrites.forgetIfEmpty(c, owner);
            return true;
        });
    }

    @Override
    public int clear(String executionId) {
        return writer.submit(ctx -> {
            PooledConnection c = ctx.begin(db);
            int removed = CheckpointRows.clear(c, executionId);
            ExecutionWrites.forget(c, executionId);
            return removed;
        });
    }

    @Override
    public int clearIfIdleSince(String executionId, Instant cutoff) {
        long cutoffMillis = ExecutionWrites.cutoffMillis(cutoff);
        // One transaction on the one writer connection: no write can come between the check and the clear.
        return writer.submit(ctx -> {
            PooledConnection c = ctx.begin(db);
            Long lastWrite = ExecutionWrites.lastWrite(c, executionId);
            if (lastWrite != null && lastWrite >= cutoffMillis) {
                return 0;
            }
            int removed = CheckpointRows.clear(c, executionId);
            ExecutionWrites.forget(c, executionId);
            return removed;
        });
    }

    @Override
    public int trim(String executionId, int keepLatest) {
        return writer.submit(ctx -> CheckpointRows.trim(ctx.begin(db), executionId, keepLatest));
    }

    @Override
    public ExecutionPage executions(String afterExecutionId, int limit) {
        return ExecutionPage.of(db.read(c -> ExecutionWrites.withLastWrites(c, afterExecutionId,
                CheckpointRows.executions(c, afterExecutionId, limit))), limit);
    }

    @Override
    public int removeIdleExecutions(Duration idleFor) {
        throw new UnsupportedOperationException(
                "removing idle executions is a feature of the per-execution layout; use trim or clear");
    }

    @Override
    public void close() {
        writer.close();
        writer.runExclusively(db::close);
    }
}
