package io.checkpointkit.sqlite.internal;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.ExecutionPage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The default layout: every execution in one database file. */
public final class SingleFileEngine implements Engine {

    private final Database db;
    private final GroupCommitWriter writer;

    /**
     * Opens the file, creating it and its schema when absent.
     *
     * @throws io.checkpointkit.CheckpointStoreUnavailableException naming the file if it cannot
     *     be opened
     */
    public SingleFileEngine(Path file, Settings settings) {
        this.db = Database.open(file, settings, Schema.CHECKPOINTS);
        this.writer = new GroupCommitWriter(file, settings.maxBatchSize(), settings.timeout(),
                new GroupCommitWriter.BatchHooks() { });
    }

    @Override
    public Checkpoint save(Checkpoint checkpoint) {
        return writer.submit(ctx -> CheckpointRows.save(ctx.begin(db), checkpoint));
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
        return writer.submit(ctx -> CheckpointRows.delete(ctx.begin(db), checkpointId));
    }

    @Override
    public int clear(String executionId) {
        return writer.submit(ctx -> CheckpointRows.clear(ctx.begin(db), executionId));
    }

    @Override
    public int trim(String executionId, int keepLatest) {
        return writer.submit(ctx -> CheckpointRows.trim(ctx.begin(db), executionId, keepLatest));
    }

    @Override
    public ExecutionPage executions(String afterExecutionId, int limit) {
        return ExecutionPage.of(db.read(c -> CheckpointRows.executions(c, afterExecutionId, limit)), limit);
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
