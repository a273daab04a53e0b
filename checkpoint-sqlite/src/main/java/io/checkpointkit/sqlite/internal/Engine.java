package io.checkpointkit.sqlite.internal;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.ExecutionPage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One storage layout. The public store validates arguments and the open state, then calls
 * this; implementations trust their arguments.
 */
public interface Engine extends AutoCloseable {

    /** Upsert with compare-and-set. */
    Checkpoint save(Checkpoint checkpoint);

    /** Load by id. */
    Optional<Checkpoint> load(String checkpointId);

    /** A query over one execution, in SQL. */
    List<Checkpoint> list(String executionId, CheckpointQuery query);

    /** The latest checkpoint of an execution. */
    Optional<Checkpoint> latest(String executionId);

    /** Delete by id. */
    boolean delete(String checkpointId);

    /** Delete an execution's checkpoints. */
    int clear(String executionId);

    /** Clear an execution when its last write was before {@code cutoff}, atomically. */
    int clearIfIdleSince(String executionId, Instant cutoff);

    /** Keep the newest {@code keepLatest} unpinned checkpoints. */
    int trim(String executionId, int keepLatest);

    /** A keyset page of executions. */
    ExecutionPage executions(String afterExecutionId, int limit);

    /** Remove executions idle for longer than {@code idleFor}; returns how many. */
    int removeIdleExecutions(Duration idleFor);

    @Override
    void close();
}
